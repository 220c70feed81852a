/**
 * One set of pending timers: a TimerHeap of handles, plus the bookkeeping that lets
 * cancellation stay O(1). The loop keeps two: one on loop time, one on wall-clock time.
 *
 * WHY (asyncio's `_run_once`): `handle.cancel()` does not search the heap, it only counts
 * here; dead handles are dropped when they reach the root, and once they are the majority
 * (and at least COMPACT_MIN), the heap is rebuilt from the live ones in O(n), so a
 * program that sets and cancels many timeouts does not grow the heap without bound.
 *
 * Invariant: `#cancelled` counts the dead handles still inside the heap.
 */
import type { Handle } from "./handle.js";
import type { RingQueue } from "./ring-queue.js";
import { TimerHeap } from "./timer-heap.js";

const COMPACT_MIN = 256;

export class TimerSet {
  readonly #heap = new TimerHeap<Handle>();
  #cancelled = 0;
  #sequence = 0;

  get size(): number {
    return this.#heap.size;
  }

  add(handle: Handle): void {
    handle.timerSet = this;
    this.#heap.push(handle, handle.when, this.#sequence++);
  }

  /** A handle of this set was cancelled while in the heap. */
  noteCancelled(): void {
    this.#cancelled++;
  }

  /** Moves every live handle due at `now` to `ready`, in deadline order. */
  moveDue(now: number, ready: RingQueue<{ run(): void }>): void {
    const heap = this.#heap;
    if (this.#cancelled >= COMPACT_MIN && this.#cancelled * 2 > heap.size) {
      heap.retain((handle) => handle.live);
      this.#cancelled = 0;
    }
    while (heap.size > 0) {
      const head = heap.peek()!;
      if (head.live && heap.peekDeadline() > now) break;
      heap.pop();
      if (head.live) {
        head.timerSet = null;
        ready.push(head);
      } else {
        this.#cancelled--;
      }
    }
  }

  /** The earliest live deadline, or Infinity; drops dead handles at the root on the way. */
  nextDeadline(): number {
    const heap = this.#heap;
    while (heap.size > 0 && !heap.peek()!.live) {
      heap.pop();
      this.#cancelled--;
    }
    return heap.peekDeadline();
  }

  clear(): void {
    this.#heap.retain(() => false);
    this.#cancelled = 0;
  }
}
