/**
 * The interval trigger: fire every N ms, counted from the last rotation. Deadlines are on
 * the wall clock, as `last` is (it comes from the state file): a daemon restarted an hour
 * into a 6-hour interval fires five hours later, and a laptop that slept through a
 * deadline fires when it wakes.
 */
import { getLoop, type EventLoop, type Handle, type Operation } from "../scheduler/index.js";
import { guarded, holdArmed, type Armed } from "./armed.js";
import { expected } from "./errors.js";
import type { TimeTriggerOptions } from "./firing.js";
import { describeInterval } from "./interval.js";

function checkInterval(intervalMs: number): void {
  if (typeof intervalMs !== "number" || !(intervalMs >= 1) || !Number.isFinite(intervalMs)) {
    throw expected("ERR_TRIGGER_BAD_INTERVAL", "intervalMs", "a number of ms >= 1", intervalMs, "pass parseInterval(\"30s\") or a positive number");
  }
}

/** One armed interval trigger: its next deadline and its one timer (a class, not closures: one per job). */
class IntervalTimer implements Armed {
  #due: number;
  #handle: Handle<IntervalTimer> | null = null;

  constructor(
    readonly loop: EventLoop,
    readonly intervalMs: number,
    readonly options: TimeTriggerOptions,
  ) {
    const clock = loop.clock;
    const last = options.last;
    this.#due = last === null ? clock.wallNow() + intervalMs : last + intervalMs;
    if (this.#due <= clock.wallNow()) {
      const at = clock.wallNow();
      options.fire({ trigger: describeInterval(intervalMs), at, due: this.#due, catchUp: true });
      this.#due = at + intervalMs;
    }
    this.#handle = loop.callAtWall<IntervalTimer>(this.#due, IntervalTimer.#fired, this);
  }

  cancel(): void {
    this.#handle?.cancel();
    this.#handle = null;
  }

  static #fired(timer: IntervalTimer): void {
    guarded(() => {
      const at = timer.loop.clock.wallNow();
      timer.options.fire({ trigger: describeInterval(timer.intervalMs), at, due: timer.#due });
      timer.#due = at + timer.intervalMs;
      if (timer.#handle !== null) timer.#handle = timer.loop.callAtWall<IntervalTimer>(timer.#due, IntervalTimer.#fired, timer);
    }, timer.options);
  }
}

/**
 * The interval trigger armed on `loop`, without a task (see armed.ts): fires first at
 * `last + intervalMs` (at once, before returning, as a catch-up, if that has passed), or at
 * `now + intervalMs` when there was no rotation yet; then every `intervalMs` after each
 * firing. Throws TriggerError for a bad interval.
 *
 * @example
 * const armed = armIntervalTrigger(loop, parseInterval("6h"), { last: state.lastRotation, fire: (firing) => work.add(firing) });
 * // … armed.cancel();
 */
export function armIntervalTrigger(loop: EventLoop, intervalMs: number, options: TimeTriggerOptions): Armed {
  checkInterval(intervalMs);
  return new IntervalTimer(loop, intervalMs, options);
}

/**
 * Fires first at `last + intervalMs` (at once, as a catch-up, if that has passed), or at
 * `now + intervalMs` when there was no rotation yet; then every `intervalMs` after each
 * firing.
 *
 * @example
 * yield* spawn(intervalTrigger(parseInterval("6h"), { last: state.lastRotation, fire: (firing) => due.put(firing) }));
 */
export function* intervalTrigger(intervalMs: number, options: TimeTriggerOptions): Operation<never> {
  checkInterval(intervalMs);
  const loop = yield* getLoop();
  return yield* holdArmed((onError) => armIntervalTrigger(loop, intervalMs, { last: options.last, fire: (firing) => options.fire(firing), onError }));
}
