/**
 * One set of pending timers: a TimerHeap of buckets, one bucket per distinct deadline
 * holding its handles in the order they were set. The loop keeps two sets: one on loop
 * time, one on wall-clock time.
 *
 * WHY buckets (Node's timer lists, keyed by deadline instead of duration): with deadlines
 * rounded to the clock's resolution (1 ms on a real clock), a million timers share a few
 * thousand deadlines, so the heap stays small and most timers cost an array push; equal
 * deadlines still fire first-in, first-out. WHY counted cancellation (asyncio's
 * `_run_once`): `handle.cancel()` searches nothing, it only counts; dead handles are
 * skipped when their bucket comes due, and once they are the majority (and at least
 * COMPACT_MIN) the buckets are rebuilt without them, so set-and-cancel timeouts cannot
 * grow memory without bound. WHY a limit on moving: a burst of due timers is handed to the
 * ready queue a slice at a time, so the loop's batch budget keeps the host responsive.
 *
 * Invariants: every bucket in the heap is in `#open` under its deadline, and the other way
 * round; a bucket's `handles[next..]` are the handles not yet moved, `live` of them not
 * cancelled; `#held` counts all not-yet-moved handles, `#cancelled` the dead among them.
 */
import type { Handle } from "./handle.js";
import type { RingQueue } from "./ring-queue.js";
import { TimerHeap } from "./timer-heap.js";

const COMPACT_MIN = 256;

/** The timers due at one instant, in the order they were set. */
export class TimerBucket {
  handles: (Handle | undefined)[] = [];
  /** Index of the first handle not yet moved to the ready queue. */
  next = 0;
  /** Handles not yet moved and not cancelled. */
  live = 0;
  constructor(
    readonly set: TimerSet,
    readonly deadline: number,
  ) {}
}

export class TimerSet {
  readonly #heap = new TimerHeap<TimerBucket>();
  readonly #open = new Map<number, TimerBucket>();
  #held = 0;
  #cancelled = 0;
  #sequence = 0;

  /** Timers not yet due (cancelled ones included until dropped). */
  get size(): number {
    return this.#held;
  }

  add(handle: Handle, deadline: number): void {
    let bucket = this.#open.get(deadline);
    if (bucket === undefined) {
      bucket = new TimerBucket(this, deadline);
      this.#open.set(deadline, bucket);
      this.#heap.push(bucket, deadline, this.#sequence++);
    }
    bucket.handles.push(handle);
    bucket.live++;
    this.#held++;
    handle.bucket = bucket;
  }

  /** A handle of `bucket` was cancelled before it was due. */
  noteCancelled(bucket: TimerBucket): void {
    bucket.live--;
    this.#cancelled++;
  }

  /** Moves at most `limit` live handles due at `now` to `ready`, in deadline order. */
  moveDue(now: number, ready: RingQueue<{ run(): void }>, limit: number): void {
    if (this.#cancelled >= COMPACT_MIN && this.#cancelled * 2 > this.#held) this.#compact();
    let moved = 0;
    while (moved < limit) {
      const bucket = this.#heap.peek();
      if (bucket === undefined) return;
      if (bucket.live > 0 && bucket.deadline > now) return;
      const handles = bucket.handles;
      while (bucket.next < handles.length && (moved < limit || bucket.live === 0)) {
        const handle: Handle = handles[bucket.next]!;
        handles[bucket.next++] = undefined; // let it be collected once it has run
        this.#held--;
        if (handle.bucket === bucket) {
          handle.bucket = null;
          bucket.live--;
          ready.push(handle);
          moved++;
        } else {
          this.#cancelled--;
        }
      }
      if (bucket.next < handles.length) return; // the limit was reached inside this bucket
      this.#drop(bucket);
    }
  }

  /** The earliest deadline with a live timer, or Infinity; drops dead buckets on the way. */
  nextDeadline(): number {
    for (;;) {
      const bucket = this.#heap.peek();
      if (bucket === undefined) return Infinity;
      if (bucket.live > 0) return bucket.deadline;
      const dead = bucket.handles.length - bucket.next;
      this.#held -= dead;
      this.#cancelled -= dead;
      this.#drop(bucket);
    }
  }

  clear(): void {
    this.#heap.retain(() => false);
    this.#open.clear();
    this.#held = 0;
    this.#cancelled = 0;
  }

  #drop(bucket: TimerBucket): void {
    this.#heap.pop();
    this.#open.delete(bucket.deadline);
  }

  /** Rebuilds every bucket without its cancelled handles, and drops the empty ones. */
  #compact(): void {
    this.#heap.retain((bucket) => {
      const live = bucket.handles.slice(bucket.next).filter((handle) => handle !== undefined && handle.bucket === bucket) as Handle[];
      bucket.handles = live;
      bucket.next = 0;
      if (live.length === 0) this.#open.delete(bucket.deadline);
      return live.length > 0;
    });
    this.#held -= this.#cancelled;
    this.#cancelled = 0;
  }
}
