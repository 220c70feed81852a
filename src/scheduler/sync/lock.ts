/** Mutual exclusion between tasks. */
import { current } from "../current.js";
import { InvalidStateError } from "../errors.js";
import type { Operation } from "../operation.js";
import type { Task } from "../task.js";
import { Semaphore } from "./semaphore.js";

/**
 * A Lock (asyncio.Lock), fair: waiters get it in arrival order. Only the task that holds
 * it may release it. Prefer `use(op)`.
 *
 * @example
 * const fileLock = new Lock();
 * yield* fileLock.use(rotation(path, policy));
 */
export class Lock {
  readonly #permit = new Semaphore(1, "Lock");
  #owner: Task<unknown> | null = null;

  get locked(): boolean {
    return this.#permit.locked;
  }

  /** The task holding the lock, if any. */
  get owner(): Task<unknown> | null {
    return this.#owner;
  }

  *acquire(): Operation<void> {
    yield* this.#permit.acquire();
    this.#owner = current.task;
  }

  tryAcquire(): boolean {
    if (!this.#permit.tryAcquire()) return false;
    this.#owner = current.task;
    return true;
  }

  release(): void {
    if (!this.#permit.locked) throw new InvalidStateError("Lock.release() on a lock that is not held");
    if (this.#owner !== null && current.task !== null && this.#owner !== current.task) {
      throw new InvalidStateError(`Lock.release() by task "${current.task.name}", but task "${this.#owner.name}" holds it`);
    }
    this.#owner = null;
    this.#permit.release();
  }

  *use<T>(operation: Operation<T>): Operation<T> {
    yield* this.acquire();
    try {
      return yield* operation;
    } finally {
      this.release();
    }
  }
}
