/**
 * Time-based rotation for the writer: a task that sleeps until each boundary on the wall
 * clock and then asks for a rotation between batches. The boundaries come from a function
 * `nextBoundary(afterMs)`, so a fixed interval and a calendar (daily at midnight in a time
 * zone, DST-correct) plug in alike.
 */
import { invalidOption } from "../rotate/errors.js";
import { getLoop, sleepUntil, type Operation } from "../scheduler/index.js";

/**
 * Boundaries every `every` ms counted from `origin`: origin + every, origin + 2·every, ...
 *
 * @example
 * const next = intervalBoundaries(60_000, Date.UTC(2026, 0, 1));
 * next(Date.UTC(2026, 0, 1, 0, 0, 30)); // Date.UTC(2026, 0, 1, 0, 1)
 */
export function intervalBoundaries(every: number, origin: number): (afterMs: number) => number {
  return (afterMs) => origin + (Math.floor((afterMs - origin) / every) + 1) * every;
}

/**
 * Calls `rotate` at each boundary, forever. A boundary missed while the machine slept is
 * not replayed: after a wall-clock jump the next one is computed from the new time.
 *
 * @example
 * yield* spawn(rotateAtBoundaries(intervalBoundaries(3_600_000, start), () => queue.rotate()));
 */
export function* rotateAtBoundaries(nextBoundary: (afterMs: number) => number, rotate: () => void): Operation<never> {
  const clock = (yield* getLoop()).clock;
  for (;;) {
    const now = clock.wallNow();
    const next = nextBoundary(now);
    if (typeof next !== "number" || !(next > now)) throw invalidOption("nextBoundary(afterMs)", `a time after ${now}`, next);
    yield* sleepUntil(next);
    rotate();
  }
}
