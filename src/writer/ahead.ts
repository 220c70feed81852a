/**
 * Work the writer starts ahead of need (the lock check of the next rotation, the next
 * file opened in advance): a promise whose outcome, once known, is read at once. Such work
 * is usually done by the time it is needed, and then costs the write path no trip through
 * the loop, which `call()` on a settled promise still takes.
 */
import { call, type Operation } from "../scheduler/index.js";

/**
 * A promise that does not reject (map errors to values first), and its outcome once known.
 *
 * @example
 * const check = new Ahead(lock.check().then(() => null, (error: Error) => error));
 * // ... later, in the writing task:
 * const lost = yield* check.outcome();
 */
export class Ahead<T> {
  #known = false;
  #value: T | undefined;
  readonly promise: Promise<T>;

  constructor(promise: Promise<T>) {
    this.promise = promise.then((value) => {
      this.#known = true;
      this.#value = value;
      return value;
    });
  }

  /** Whether the promise has settled (then `value` is its outcome). */
  get known(): boolean {
    return this.#known;
  }

  /** The outcome once known, else undefined. */
  get value(): T | undefined {
    return this.#value;
  }

  /** The outcome: at once if it is known, else once the promise settles. */
  *outcome(): Operation<T> {
    if (this.#known) return this.#value as T;
    return yield* call(this.promise);
  }
}
