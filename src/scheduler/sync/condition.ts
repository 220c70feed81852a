/** Waiting for a state change under a lock. */
import { current, currentTask } from "../current.js";
import { InvalidStateError } from "../errors.js";
import { park } from "../instructions.js";
import type { Operation } from "../operation.js";
import { shield } from "../operations/shield.js";
import { WaitList, Waiter } from "../wait-list.js";
import { Lock } from "./lock.js";

/**
 * A Condition (asyncio.Condition): tasks holding `lock` wait until another task notifies.
 * `wait()` releases the lock while waiting and holds it again when it returns or throws,
 * also when cancelled, so the caller's `finally` can release it as usual.
 *
 * @example
 * const changed = new Condition();
 * yield* changed.use(function* () { yield* changed.waitFor(() => queue.length > 0); }());
 */
export class Condition {
  readonly lock: Lock;
  readonly #waiters = new WaitList();

  constructor(lock: Lock = new Lock()) {
    this.lock = lock;
  }

  /** Runs `operation` holding the lock. */
  use<T>(operation: Operation<T>): Operation<T> {
    return this.lock.use(operation);
  }

  /** Releases the lock, waits for a notify, then holds the lock again. */
  *wait(): Operation<void> {
    const task = currentTask("condition.wait()");
    if (this.lock.owner !== task) throw new InvalidStateError("Condition.wait() needs the condition's lock: call it inside condition.use(...)");
    this.lock.release();
    try {
      const waiter = new Waiter(task, "Condition.wait()", undefined);
      this.#waiters.push(waiter);
      yield* park<void>(waiter);
    } finally {
      yield* shield(this.lock.acquire());
    }
  }

  /** Waits until `predicate()` is true, checking it after each notify. */
  *waitFor(predicate: () => boolean): Operation<void> {
    while (!predicate()) yield* this.wait();
  }

  /** Wakes up to `n` waiting tasks. The caller must hold the lock. */
  notify(n = 1): void {
    if (this.lock.owner !== current.task) throw new InvalidStateError("Condition.notify() needs the condition's lock");
    for (let i = 0; i < n; i++) {
      const waiter = this.#waiters.shift();
      if (!waiter) break;
      waiter.task.resume(undefined);
    }
  }

  /** Wakes every waiting task. The caller must hold the lock. */
  notifyAll(): void {
    this.notify(this.#waiters.length);
  }
}
