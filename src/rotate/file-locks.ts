/**
 * One Lock per log path, so that two jobs on one file (a size trigger and a daily one,
 * say) never rotate it at once: the second waits, then plans against what the first left.
 * Locks are dropped when nobody holds or waits for them, so the table stays small.
 */
import { Lock, type Operation } from "../scheduler/index.js";

export class FileLocks {
  readonly #locks = new Map<string, { lock: Lock; users: number }>();

  /** Runs `operation` holding the lock of `path`. */
  *use<T>(path: string, operation: Operation<T>): Operation<T> {
    let entry = this.#locks.get(path);
    if (!entry) this.#locks.set(path, (entry = { lock: new Lock(), users: 0 }));
    entry.users++;
    try {
      return yield* entry.lock.use(operation);
    } finally {
      if (--entry.users === 0) this.#locks.delete(path);
    }
  }

  /** Paths locked or waited for right now. */
  get size(): number {
    return this.#locks.size;
  }
}
