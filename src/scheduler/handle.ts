/**
 * Handles for callbacks scheduled on the loop (asyncio's Handle and TimerHandle in one
 * class, so the loop's call site `handle.run()` stays monomorphic).
 */
import type { Wait } from "./instructions.js";
import type { TimerBucket } from "./timer-set.js";

/** Where a handle sits, so that cancel() can tell its loop which count to update. */
export const enum HandleKind {
  Soon = 0,
  Timer = 1,
  WallTimer = 2,
}

/** The loop's side of a handle: where an error in the callback goes. */
export interface HandleOwner {
  reportCallbackError(error: unknown): void;
}

function noop(): void {}

const enum HandleState {
  Pending = 0,
  Ran = 1,
  Cancelled = 2,
}

/**
 * A scheduled callback. `cancel()` only flips a flag and counts (no heap search); its
 * TimerSet skips a cancelled timer when it comes due, or compacts when most are cancelled.
 *
 * @example
 * const handle = loop.callLater(1000, () => console.log("late"));
 * handle.cancel();
 */
export class Handle<A = unknown> implements Wait {
  #callback: (arg: A) => void;
  #arg: A | undefined;
  #owner: HandleOwner;
  #state = HandleState.Pending;
  /** When it is due: loop time for timers, wall time for wall timers, NaN for callSoon. */
  readonly when: number;
  /** @internal */
  readonly kind: HandleKind;
  /** @internal The timer bucket holding this handle until it is due; cancel() is counted there. */
  bucket: TimerBucket | null = null;

  constructor(owner: HandleOwner, kind: HandleKind, when: number, callback: (arg: A) => void, arg: A | undefined) {
    this.#owner = owner;
    this.kind = kind;
    this.when = when;
    this.#callback = callback;
    this.#arg = arg;
  }

  /** True once cancelled. */
  get cancelled(): boolean {
    return this.#state === HandleState.Cancelled;
  }

  /** Prevents the callback from running; harmless after it ran or was cancelled. */
  cancel(): void {
    if (this.#state !== HandleState.Pending) return;
    this.#state = HandleState.Cancelled;
    this.#callback = noop;
    this.#arg = undefined;
    const bucket = this.bucket;
    if (bucket !== null) {
      this.bucket = null;
      bucket.set.noteCancelled(bucket);
    }
  }

  /** @internal True while neither run nor cancelled; the loop skips dead handles. */
  get live(): boolean {
    return this.#state === HandleState.Pending;
  }

  /** @internal Called by the loop only. An error in the callback is reported, never lost. */
  run(): void {
    if (this.#state !== HandleState.Pending) return;
    this.#state = HandleState.Ran;
    const callback = this.#callback;
    const arg = this.#arg as A;
    this.#callback = noop;
    this.#arg = undefined;
    try {
      callback(arg);
    } catch (error) {
      this.#owner.reportCallbackError(error);
    }
  }

  /** @internal As a task's wait (sleep): withdrawing means cancelling the timer. */
  abandon(): boolean {
    this.cancel();
    return true;
  }

  describe(): string {
    if (this.kind === HandleKind.Soon) return "callback";
    return `timer due at ${this.kind === HandleKind.WallTimer ? new Date(this.when).toISOString() : this.when}`;
  }
}
