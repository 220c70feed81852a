/**
 * A binary min-heap of timers ordered by (deadline, sequence).
 *
 * HOW: the keys live in two parallel Float64Arrays and the items in a plain array, all
 * indexed by heap position; push sifts up, pop moves the last entry to the root and sifts
 * down. Capacity doubles when full.
 *
 * WHY this shape (after Node's lib/internal/priority_queue.js and asyncio's TimerHandle):
 * - The sequence number breaks ties, so timers with equal deadlines fire in the order
 *   they were created (FIFO), which users rely on and property tests check.
 * - Keys in typed arrays keep 100k timers cheap for the garbage collector and keep V8 from
 *   migrating objects whose deadline field first held an integer and later a fraction.
 * - Cancelling a timer does not search the heap: the owner flips a flag on the item and
 *   drops it when it reaches the root, or rebuilds the heap with `retain()` once most
 *   entries are dead (the loop decides when).
 *
 * Invariant: for every position i > 0, key(parent(i)) <= key(i), where key is
 * (deadline, sequence) compared lexicographically; `size` entries are live in the arrays.
 */
export class TimerHeap<T> {
  #deadlines = new Float64Array(16);
  #sequences = new Float64Array(16);
  #items: (T | undefined)[] = new Array<T | undefined>(16);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** The root's deadline, or Infinity when empty. */
  peekDeadline(): number {
    return this.#size === 0 ? Infinity : this.#deadlines[0]!;
  }

  /** The root's item, or undefined when empty. */
  peek(): T | undefined {
    return this.#size === 0 ? undefined : this.#items[0];
  }

  push(item: T, deadline: number, sequence: number): void {
    if (this.#size === this.#deadlines.length) this.#grow();
    this.#siftUp(this.#size++, item, deadline, sequence);
  }

  /** Removes and returns the root; undefined when empty. */
  pop(): T | undefined {
    if (this.#size === 0) return undefined;
    const top = this.#items[0];
    const last = --this.#size;
    const item = this.#items[last] as T;
    const deadline = this.#deadlines[last]!;
    const sequence = this.#sequences[last]!;
    this.#items[last] = undefined;
    if (last > 0) this.#siftDown(0, item, deadline, sequence);
    return top;
  }

  /** Keeps only the items for which keep() is true, in O(n) (Floyd's heap construction). */
  retain(keep: (item: T) => boolean): void {
    let kept = 0;
    for (let i = 0; i < this.#size; i++) {
      const item = this.#items[i] as T;
      if (!keep(item)) continue;
      this.#items[kept] = item;
      this.#deadlines[kept] = this.#deadlines[i]!;
      this.#sequences[kept] = this.#sequences[i]!;
      kept++;
    }
    for (let i = kept; i < this.#size; i++) this.#items[i] = undefined;
    this.#size = kept;
    for (let i = (kept >> 1) - 1; i >= 0; i--) {
      this.#siftDown(i, this.#items[i] as T, this.#deadlines[i]!, this.#sequences[i]!);
    }
  }

  #grow(): void {
    const capacity = this.#deadlines.length * 2;
    const deadlines = new Float64Array(capacity);
    deadlines.set(this.#deadlines);
    const sequences = new Float64Array(capacity);
    sequences.set(this.#sequences);
    this.#deadlines = deadlines;
    this.#sequences = sequences;
    this.#items.length = capacity;
  }

  #place(i: number, item: T, deadline: number, sequence: number): void {
    this.#items[i] = item;
    this.#deadlines[i] = deadline;
    this.#sequences[i] = sequence;
  }

  #siftUp(i: number, item: T, deadline: number, sequence: number): void {
    const deadlines = this.#deadlines;
    const sequences = this.#sequences;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pd = deadlines[parent]!;
      if (pd < deadline || (pd === deadline && sequences[parent]! < sequence)) break;
      this.#place(i, this.#items[parent] as T, pd, sequences[parent]!);
      i = parent;
    }
    this.#place(i, item, deadline, sequence);
  }

  #siftDown(i: number, item: T, deadline: number, sequence: number): void {
    const deadlines = this.#deadlines;
    const sequences = this.#sequences;
    const size = this.#size;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      const right = child + 1;
      if (
        right < size &&
        (deadlines[right]! < deadlines[child]! ||
          (deadlines[right] === deadlines[child] && sequences[right]! < sequences[child]!))
      ) {
        child = right;
      }
      const cd = deadlines[child]!;
      if (deadline < cd || (deadline === cd && sequence < sequences[child]!)) break;
      this.#place(i, this.#items[child] as T, cd, sequences[child]!);
      i = child;
    }
    this.#place(i, item, deadline, sequence);
  }
}
