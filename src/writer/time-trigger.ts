/**
 * Time-based rotation for the writer. Boundaries come from a function
 * `nextBoundary(afterMs)`, so a fixed interval and a calendar (daily at midnight in a time
 * zone, DST-correct) plug in alike.
 *
 * A boundary is crossed in two ways, whichever comes first: a record accepted at or after
 * it (so a line is in the file of the period it was written in, even when the timer runs
 * late), or a task sleeping until it (so a period's file is closed on time when nothing
 * more is written).
 */
import { invalidOption } from "../rotate/errors.js";
import { sleepUntil, type Clock, type Operation } from "../scheduler/index.js";

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

/** The next boundary and what to do on crossing it. Invariant: `at` > the wall time it was computed at. */
export class TimeTrigger {
  at: number;

  constructor(
    readonly clock: Clock,
    readonly nextBoundary: (afterMs: number) => number,
    readonly rotate: () => void,
  ) {
    this.at = this.#next(clock.wallNow());
  }

  /** Rotates if the wall clock has reached the boundary (called for each record). */
  check(): void {
    const now = this.clock.wallNow();
    if (now < this.at) return;
    this.rotate();
    // A boundary missed while the machine slept is not replayed: the next one is after now.
    this.at = this.#next(now);
  }

  /** Sleeps until each boundary and crosses it, forever. */
  *run(): Operation<never> {
    for (;;) {
      yield* sleepUntil(this.at);
      this.check();
    }
  }

  #next(now: number): number {
    const next = this.nextBoundary(now);
    if (typeof next !== "number" || !(next > now)) throw invalidOption("nextBoundary(afterMs)", `a time after ${now}`, next);
    return next;
  }
}
