/** A one-bit signal that tasks can wait for. */
import { currentTask } from "../current.js";
import { park } from "../instructions.js";
import type { Operation } from "../operation.js";
import { WaitList, Waiter } from "../wait-list.js";

/**
 * An Event (asyncio.Event): `wait()` suspends until `set()` is called; once set, waits
 * return at once until `clear()`.
 *
 * @example
 * const ready = new Event();
 * yield* spawn(function* () { yield* ready.wait(); console.log("go"); }());
 * ready.set();
 */
export class Event {
  #set = false;
  readonly #waiters = new WaitList();

  get isSet(): boolean {
    return this.#set;
  }

  /** Sets the flag and wakes every waiting task. */
  set(): void {
    if (this.#set) return;
    this.#set = true;
    for (let waiter = this.#waiters.shift(); waiter; waiter = this.#waiters.shift()) waiter.task.resume(undefined);
  }

  clear(): void {
    this.#set = false;
  }

  /** Suspends until the event is set; returns at once (no suspension) if it is. */
  *wait(): Operation<void> {
    if (this.#set) return;
    const waiter = new Waiter(currentTask("event.wait()"), "Event.wait()", undefined);
    this.#waiters.push(waiter);
    yield* park<void>(waiter);
  }
}
