/**
 * The interval trigger: fire every N ms, counted from the last rotation. Deadlines are on
 * the wall clock, as `last` is (it comes from the state file): a daemon restarted an hour
 * into a 6-hour interval fires five hours later, and a laptop that slept through a
 * deadline fires when it wakes.
 */
import { getLoop, sleepUntil, type Operation } from "../scheduler/index.js";
import { expected } from "./errors.js";
import type { TimeTriggerOptions } from "./firing.js";
import { describeInterval } from "./interval.js";

/**
 * Fires first at `last + intervalMs` (at once, as a catch-up, if that has passed), or at
 * `now + intervalMs` when there was no rotation yet; then every `intervalMs` after each
 * firing.
 *
 * @example
 * yield* spawn(intervalTrigger(parseInterval("6h"), { last: state.lastRotation, fire: (firing) => due.put(firing) }));
 */
export function* intervalTrigger(intervalMs: number, { last, fire }: TimeTriggerOptions): Operation<never> {
  if (typeof intervalMs !== "number" || !(intervalMs >= 1) || !Number.isFinite(intervalMs)) {
    throw expected("ERR_TRIGGER_BAD_INTERVAL", "intervalMs", "a number of ms >= 1", intervalMs, "pass parseInterval(\"30s\") or a positive number");
  }
  const trigger = describeInterval(intervalMs);
  const clock = (yield* getLoop()).clock;
  let due = last === null ? clock.wallNow() + intervalMs : last + intervalMs;
  if (due <= clock.wallNow()) {
    const at = clock.wallNow();
    fire({ trigger, at, due, catchUp: true });
    due = at + intervalMs;
  }
  for (;;) {
    yield* sleepUntil(due);
    const at = clock.wallNow();
    fire({ trigger, at, due });
    due = at + intervalMs;
  }
}
