/**
 * A FIFO queue on a growable ring buffer: push and shift are O(1) and allocate nothing
 * once the buffer has grown to the working size. The loop's ready queue is one; an Array
 * with shift() would be O(n) per step once it holds thousands of tasks.
 *
 * Invariant: the live entries are buffer[(head + i) & mask] for 0 <= i < length; the
 * capacity (mask + 1) is a power of two; every other slot holds undefined so that
 * finished entries can be garbage-collected.
 */
export class RingQueue<T> {
  #buffer: (T | undefined)[];
  #mask: number;
  #head = 0;
  #length = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity) size *= 2;
    this.#buffer = new Array<T | undefined>(size).fill(undefined);
    this.#mask = size - 1;
  }

  get length(): number {
    return this.#length;
  }

  push(item: T): void {
    if (this.#length > this.#mask) this.#grow();
    this.#buffer[(this.#head + this.#length) & this.#mask] = item;
    this.#length++;
  }

  /** Removes and returns the oldest entry; undefined when empty. */
  shift(): T | undefined {
    if (this.#length === 0) return undefined;
    const item = this.#buffer[this.#head];
    this.#buffer[this.#head] = undefined;
    this.#head = (this.#head + 1) & this.#mask;
    this.#length--;
    return item;
  }

  /** Empties the queue, returning its entries oldest first. */
  drainAll(): T[] {
    const items: T[] = [];
    for (let item = this.shift(); item !== undefined; item = this.shift()) items.push(item);
    return items;
  }

  #grow(): void {
    const old = this.#buffer;
    const size = old.length * 2;
    const buffer = new Array<T | undefined>(size).fill(undefined);
    for (let i = 0; i < this.#length; i++) buffer[i] = old[(this.#head + i) & this.#mask];
    this.#buffer = buffer;
    this.#mask = size - 1;
    this.#head = 0;
  }
}
