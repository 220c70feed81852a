/**
 * PendingWork: what a job has been asked to do and not done yet. Triggers add to it at any
 * time (a schedule boundary, files that crossed their size); the job takes it all at once
 * when it is free. Firings that arrive while a rotation runs coalesce: ten writes past the
 * threshold during one rotation make one more check, not ten rotations.
 */
import { Event, type Operation } from "../../scheduler/index.js";
import type { Firing } from "../../triggers/index.js";

/** One batch of work for a job. */
export interface Work {
  /** The schedule fired: every file of the job is considered (null: it did not). */
  scheduled: Firing | null;
  /** Files a size trigger saw past the threshold: rotated if the job's rules still say so. */
  paths: Set<string>;
  /** Files whose rotation failed, asked again after the backoff: rotated whatever the rules say. */
  retries: Set<string>;
  /** The firings that made this batch, oldest first (for the log). */
  firings: Firing[];
}

/**
 * Invariant: the event is set exactly when there is work (`scheduled`, `paths` or `retries`).
 *
 * @example
 * const work = new PendingWork();
 * yield* spawn(intervalTrigger(30_000, { last: null, fire: (f) => work.add(f) }));
 * for (;;) { const batch = yield* work.take(); ... }
 */
export class PendingWork {
  #scheduled: Firing | null = null;
  #paths = new Set<string>();
  #retries = new Set<string>();
  #firings: Firing[] = [];
  readonly #ready = new Event();

  /** Adds a trigger's firing; size firings name their files, schedule firings do not. */
  add(firing: Firing): void {
    if (firing.paths === undefined) this.#scheduled ??= firing;
    else for (const path of firing.paths) this.#paths.add(path);
    // A burst of size events must not grow without bound: keep the first few for the log.
    if (this.#firings.length < 16) this.#firings.push(firing);
    this.#ready.set();
  }

  /** Asks again for files whose rotation failed (after the job's backoff). */
  retry(paths: Iterable<string>): void {
    for (const path of paths) this.#retries.add(path);
    if (this.#retries.size > 0) this.#ready.set();
  }

  get pending(): boolean {
    return this.#ready.isSet;
  }

  /** Waits until there is work, then takes all of it. */
  *take(): Operation<Work> {
    yield* this.#ready.wait();
    const work: Work = { scheduled: this.#scheduled, paths: this.#paths, retries: this.#retries, firings: this.#firings };
    this.#scheduled = null;
    this.#paths = new Set();
    this.#retries = new Set();
    this.#firings = [];
    this.#ready.clear();
    return work;
  }
}
