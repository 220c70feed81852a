/**
 * PendingWork: what a job has been asked to do and not done yet. Triggers add to it at any
 * time (a schedule boundary, files that crossed their size); the job takes it all at once
 * when it is free. Firings that arrive while a rotation runs coalesce: ten writes past the
 * threshold during one rotation make one more check, not ten rotations. A trigger that
 * fails (it runs on the loop, not in the job's task) hands its error here, and the job's
 * next `take()` throws it, so the job ends and is restarted as for any failure of its own.
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
 * Invariant: the event is set exactly when there is work (`scheduled`, `paths` or
 * `retries`) or a failure to throw. The sets and the list are made when first needed: a
 * daemon holds one PendingWork per job, nearly all of them empty.
 *
 * @example
 * const work = new PendingWork();
 * const armed = armIntervalTrigger(loop, 30_000, { last: null, fire: (f) => work.add(f) });
 * for (;;) { const batch = yield* work.take(); ... }
 */
export class PendingWork {
  #scheduled: Firing | null = null;
  #paths: Set<string> | null = null;
  #retries: Set<string> | null = null;
  #firings: Firing[] | null = null;
  #failure: { error: unknown } | null = null;
  readonly #ready = new Event();

  /** Adds a trigger's firing; size firings name their files, schedule firings do not. */
  add(firing: Firing): void {
    if (firing.paths === undefined) this.#scheduled ??= firing;
    else for (const path of firing.paths) (this.#paths ??= new Set()).add(path);
    // A burst of size events must not grow without bound: keep the first few for the log.
    this.#firings ??= [];
    if (this.#firings.length < 16) this.#firings.push(firing);
    this.#ready.set();
  }

  /** Asks again for files whose rotation failed (after the job's backoff). */
  retry(paths: Iterable<string>): void {
    for (const path of paths) (this.#retries ??= new Set()).add(path);
    if (this.#retries !== null && this.#retries.size > 0) this.#ready.set();
  }

  /** A trigger failed: the next `take()` throws `error` (the first one, if several). */
  fail(error: unknown): void {
    this.#failure ??= { error };
    this.#ready.set();
  }

  get pending(): boolean {
    return this.#ready.isSet;
  }

  /** Waits until there is work, then takes all of it; throws a trigger's failure. */
  *take(): Operation<Work> {
    yield* this.#ready.wait();
    if (this.#failure !== null) throw this.#failure.error;
    const work: Work = { scheduled: this.#scheduled, paths: this.#paths ?? new Set<string>(), retries: this.#retries ?? new Set<string>(), firings: this.#firings ?? [] };
    this.#scheduled = null;
    this.#paths = null;
    this.#retries = null;
    this.#firings = null;
    this.#ready.clear();
    return work;
  }
}
