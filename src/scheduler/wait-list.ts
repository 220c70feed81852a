/**
 * A FIFO of parked tasks, used by joins and by every sync primitive. A waiter unlinks
 * itself in O(1) when its task is cancelled, so a cancelled `queue.get()` or
 * `lock.acquire()` leaves no stale entry behind to receive a value meant for someone else.
 *
 * Invariant: a waiter is in at most one list; `list` is that list or null; head..tail
 * links are consistent both ways and `length` counts them.
 */
import type { Wait } from "./instructions.js";

/** The side of a task that a waker needs. */
export interface Resumable {
  resume(value: unknown): void;
  resumeThrow(error: unknown): void;
}

export class Waiter<V = unknown> implements Wait {
  prev: Waiter<V> | null = null;
  next: Waiter<V> | null = null;
  list: WaitList<V> | null = null;

  /** @param value a payload the primitive needs (the item a blocked `put` carries, say) */
  constructor(
    readonly task: Resumable,
    readonly label: string,
    public value: V,
  ) {}

  abandon(): boolean {
    this.list?.remove(this);
    return true;
  }

  describe(): string {
    return this.label;
  }
}

export class WaitList<V = unknown> {
  #head: Waiter<V> | null = null;
  #tail: Waiter<V> | null = null;
  #length = 0;

  get length(): number {
    return this.#length;
  }

  /** The oldest waiter, still in the list. */
  peek(): Waiter<V> | null {
    return this.#head;
  }

  push(waiter: Waiter<V>): void {
    waiter.list = this;
    waiter.prev = this.#tail;
    waiter.next = null;
    if (this.#tail) this.#tail.next = waiter;
    else this.#head = waiter;
    this.#tail = waiter;
    this.#length++;
  }

  /** Removes and returns the oldest waiter. */
  shift(): Waiter<V> | null {
    const waiter = this.#head;
    if (waiter) this.remove(waiter);
    return waiter;
  }

  remove(waiter: Waiter<V>): void {
    if (waiter.list !== this) return;
    if (waiter.prev) waiter.prev.next = waiter.next;
    else this.#head = waiter.next;
    if (waiter.next) waiter.next.prev = waiter.prev;
    else this.#tail = waiter.prev;
    waiter.prev = waiter.next = null;
    waiter.list = null;
    this.#length--;
  }
}
