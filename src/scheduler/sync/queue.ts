/** A FIFO channel between tasks, bounded, with backpressure. */
import { currentTask } from "../current.js";
import { QueueClosedError, invalidArgument } from "../errors.js";
import { park } from "../instructions.js";
import type { Operation } from "../operation.js";
import { RingQueue } from "../ring-queue.js";
import { WaitList, Waiter } from "../wait-list.js";

/**
 * A Queue (asyncio.Queue) holding at most `capacity` items: `put` suspends while it is
 * full, `get` while it is empty. Capacity 0 makes a rendezvous channel (each put waits for
 * a get). `close()` ends it: later puts throw QueueClosedError, and gets throw it once the
 * items already queued have been taken, so no item is lost.
 *
 * Invariants: getters wait only while no item is queued; putters wait only while the
 * queue is full; an item a waiting putter carries is not counted in `size`.
 *
 * @example
 * const lines = new Queue<string>(1000);
 * yield* lines.put("hello");
 * const line = yield* lines.get();
 */
export class Queue<T> {
  readonly capacity: number;
  readonly #items = new RingQueue<T>(16);
  readonly #getters = new WaitList<undefined>();
  readonly #putters = new WaitList<T>();
  #closed = false;

  constructor(capacity = Infinity) {
    if (!(capacity === Infinity || (Number.isInteger(capacity) && capacity >= 0))) {
      throw invalidArgument("capacity", "an integer >= 0 or Infinity", capacity);
    }
    this.capacity = capacity;
  }

  /** Items queued now. */
  get size(): number {
    return this.#items.length;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Adds an item, suspending while the queue is full. */
  *put(item: T): Operation<void> {
    if (this.tryPut(item)) return;
    const waiter = new Waiter<T>(currentTask("queue.put()"), "Queue.put()", item);
    this.#putters.push(waiter);
    yield* park<void>(waiter);
  }

  /** Adds an item if there is room; never suspends. Throws if closed. */
  tryPut(item: T): boolean {
    if (this.#closed) throw new QueueClosedError();
    const getter = this.#getters.shift();
    if (getter) {
      getter.task.resume(item);
      return true;
    }
    if (this.#items.length >= this.capacity) return false;
    this.#items.push(item);
    return true;
  }

  /** Takes the oldest item, suspending while the queue is empty. */
  *get(): Operation<T> {
    if (this.#items.length > 0 || this.#putters.length > 0) return this.#take();
    if (this.#closed) throw new QueueClosedError();
    const waiter = new Waiter<undefined>(currentTask("queue.get()"), "Queue.get()", undefined);
    this.#getters.push(waiter);
    return yield* park<T>(waiter);
  }

  /** Takes the oldest item if there is one; never suspends. */
  tryGet(): { ok: true; value: T } | { ok: false } {
    if (this.#items.length > 0 || this.#putters.length > 0) return { ok: true, value: this.#take() };
    if (this.#closed) throw new QueueClosedError();
    return { ok: false };
  }

  /** Ends the queue: waiting getters and putters (and later ones) get QueueClosedError. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (let waiter = this.#getters.shift(); waiter; waiter = this.#getters.shift()) waiter.task.resumeThrow(new QueueClosedError());
    for (let waiter = this.#putters.shift(); waiter; waiter = this.#putters.shift()) waiter.task.resumeThrow(new QueueClosedError());
  }

  /** Takes the next item, and lets the oldest waiting putter in behind it. */
  #take(): T {
    const putter = this.#putters.shift();
    if (this.#items.length === 0) {
      // Capacity 0: hand over the putter's item directly.
      putter!.task.resume(undefined);
      return putter!.value;
    }
    const item = this.#items.shift() as T;
    if (putter) {
      this.#items.push(putter.value);
      putter.task.resume(undefined);
    }
    return item;
  }
}
