/** Counting permits, handed over in FIFO order. */
import { currentTask } from "../current.js";
import { InvalidStateError, invalidArgument } from "../errors.js";
import { park } from "../instructions.js";
import type { Operation } from "../operation.js";
import { WaitList, Waiter } from "../wait-list.js";

/**
 * A Semaphore with `permits` permits. `acquire()` takes one, suspending while none is
 * free; `release()` hands it straight to the oldest waiter (so a stream of newcomers
 * cannot starve it). Prefer `use(op)`, which releases even on error or cancellation.
 *
 * Invariant: `#free > 0` only while no task waits.
 *
 * @example
 * const compressions = new Semaphore(2);
 * yield* compressions.use(gzip(file));
 */
export class Semaphore {
  #free: number;
  readonly #limit: number;
  readonly #waiters = new WaitList();
  readonly #label: string;

  constructor(permits: number, label = "Semaphore") {
    if (!Number.isInteger(permits) || permits < 1) throw invalidArgument("permits", "an integer >= 1", permits);
    this.#free = permits;
    this.#limit = permits;
    this.#label = label;
  }

  /** Permits free right now. */
  get available(): number {
    return this.#free;
  }

  /** True when no permit is free. */
  get locked(): boolean {
    return this.#free === 0;
  }

  /** Takes a permit, suspending until one is free; no suspension when one is. */
  *acquire(): Operation<void> {
    if (this.#free > 0) {
      this.#free--;
      return;
    }
    const waiter = new Waiter(currentTask(`${this.#label.toLowerCase()}.acquire()`), `${this.#label}.acquire()`, undefined);
    this.#waiters.push(waiter);
    yield* park<void>(waiter);
  }

  /** Takes a permit if one is free; never suspends. */
  tryAcquire(): boolean {
    if (this.#free === 0) return false;
    this.#free--;
    return true;
  }

  /** Returns a permit: to the oldest waiter if there is one. */
  release(): void {
    const waiter = this.#waiters.shift();
    if (waiter) return waiter.task.resume(undefined);
    if (this.#free === this.#limit) throw new InvalidStateError(`${this.#label}.release() called more times than acquire()`);
    this.#free++;
  }

  /** Runs `operation` holding a permit, and releases it however the operation ends. */
  *use<T>(operation: Operation<T>): Operation<T> {
    yield* this.acquire();
    try {
      return yield* operation;
    } finally {
      this.release();
    }
  }
}
