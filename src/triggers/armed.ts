/**
 * Triggers armed on the loop: a trigger that holds a timer (or watches) and calls `fire()`
 * from the loop's callbacks, with no task of its own. WHY: a daemon of 10,000 jobs ran a
 * task per trigger, and each task with its generator frames, its waits and its closures
 * cost about 1 KB while it did nothing but wait for one deadline. Armed, a trigger costs its
 * timer handle. The generator triggers (`calendarTrigger`, …) are the same code held by a
 * task (`holdArmed`), for programs that want a trigger as an operation.
 */
import { Event, type Operation } from "../scheduler/index.js";

/** A trigger running on the loop's callbacks until `cancel()`. */
export interface Armed {
  cancel(): void;
}

/** Where an armed trigger reports a failure of its own (a schedule that cannot say its next instant). */
export type OnTriggerError = (error: unknown) => void;

/**
 * Runs an armed trigger as an operation: until cancelled (which cancels the trigger), or
 * until the trigger reports an error, which is thrown.
 *
 * @example
 * yield* holdArmed((onError) => armIntervalTrigger(loop, 30_000, { last: null, fire, onError }));
 */
export function* holdArmed(arm: (onError: OnTriggerError) => Armed): Operation<never> {
  const failed = new Event();
  let failure: unknown;
  const armed = arm((error) => {
    failure ??= error;
    failed.set();
  });
  try {
    yield* failed.wait();
    throw failure;
  } finally {
    armed.cancel();
  }
}

/**
 * Calls `callback`, sending what it throws to `to.onError` (or, without one, to the loop's
 * error report by throwing on): a trigger's timer callback must not lose its error. `to` is
 * called as an object (its `onError` may be a method).
 */
export function guarded(callback: () => void, to: { onError?: OnTriggerError }): void {
  if (to.onError === undefined) return callback();
  try {
    callback();
  } catch (error) {
    to.onError(error);
  }
}
