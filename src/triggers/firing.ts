/** What a trigger tells its job each time a rotation is due. */

/**
 * One firing of a trigger.
 *
 * @example
 * const firing: Firing = { trigger: "daily at 00:00 (Europe/Paris)", at: Date.UTC(2026, 0, 1, 23), due: Date.UTC(2026, 0, 1, 23) };
 */
export interface Firing {
  /** The trigger, as people read it: "every 30s", "daily at 00:00 (Europe/Paris)", "size > 1 KiB". */
  trigger: string;
  /** Wall-clock ms at which it fired. */
  at: number;
  /** Size triggers: the files over the threshold. */
  paths?: string[];
  /**
   * True for the firing a trigger makes at its start for a rotation missed while nothing
   * ran (the state file's last rotation is older than the latest boundary or interval).
   */
  catchUp?: boolean;
  /**
   * Time triggers: the instant (wall ms) the firing was due, a boundary of the schedule;
   * for a catch-up, the latest boundary missed. `at` is later after a suspend.
   */
  due?: number;
}

/** Called by a trigger (on its task, or from the loop when it is armed) each time a rotation is due. */
export type Fire = (firing: Firing) => void;

/**
 * What every time trigger takes: the last rotation (wall ms, null if never) and whom to
 * tell. `fire` and `onError` are called on this object, so they may be methods of a class.
 */
export interface TimeTriggerOptions {
  last: number | null;
  fire: Fire;
  /**
   * Armed triggers: told of a failure of the trigger itself (its schedule cannot say the
   * next instant); the trigger stops. Without it, the error goes to the loop's report.
   */
  onError?: (error: unknown) => void;
}
