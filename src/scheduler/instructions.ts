/**
 * The only place in the scheduler with a bare `yield`: the instructions a task hands to
 * the loop (Trio's `_core/_traps.py`: "the only functions that ever yield back to the task
 * runner"). Every operation is built from these two:
 *
 * - `yieldNow()` — "run me again after everyone already waiting". The task goes to the back
 *   of the ready queue.
 * - `park(wait)` — "stop me until someone resumes me". The caller has already arranged a
 *   wake-up (a timer, a promise, a place in a wait list) and describes it by `wait`, which
 *   the task keeps so that a cancellation can withdraw it.
 *
 * A task recognises what it was given by identity against these fixed objects, so a step
 * allocates nothing beyond what the generator protocol itself does.
 */
import { current, currentTask } from "./current.js";
import type { Operation } from "./operation.js";
import type { Task } from "./task.js";

/** What a task waits on while parked. */
export interface Wait {
  /**
   * The waiting task was cancelled. Withdraw the wake-up and return true, so the task can
   * be thrown into at once; or return false to keep it (a group waiting for its children,
   * which are cancelled with the task and will report soon).
   */
  abandon(): boolean;
  /** For `loop.tasks()`: what the task is waiting for, in a few words. */
  describe(): string;
}

/** Opaque tokens; user code never sees them unless it writes `yield` instead of `yield*`. */
export const YIELD_NOW: unique symbol = Symbol("rotor.yieldNow");
export const PARK: unique symbol = Symbol("rotor.park");
/** The value a task is resumed with after `yieldNow()`. */
export const WAKE: unique symbol = Symbol("rotor.wake");

export type Instruction = typeof YIELD_NOW | typeof PARK;

const YIELDED: IteratorYieldResult<Instruction> = Object.freeze({ done: false, value: YIELD_NOW });
const RESUMED: IteratorReturnResult<void> = Object.freeze({ done: true, value: undefined });

/**
 * yieldNow's one shared iterator. It needs no state: `yield*` always starts it with
 * next(undefined), and the loop always resumes it with next(WAKE).
 */
const yieldNowIterator: Iterator<Instruction, void, unknown> & Operation<void> = Object.freeze({
  [Symbol.iterator]() {
    return yieldNowIterator;
  },
  next(sent?: unknown): IteratorResult<Instruction, void> {
    return sent === WAKE ? RESUMED : YIELDED;
  },
  throw(error?: unknown): IteratorResult<Instruction, void> {
    throw error;
  },
  return(): IteratorResult<Instruction, void> {
    return RESUMED;
  },
});

/**
 * Let every other ready task run once, then continue. The cheapest suspension point: it
 * allocates nothing. Throws CancelledError if the task has been cancelled.
 *
 * @example
 * for (const item of hugeList) { handle(item); yield* yieldNow(); }
 */
export function yieldNow(): Operation<void> {
  return yieldNowIterator;
}

/**
 * An operation that parks its task once, on the Wait that `arm()` arranges, and returns
 * what the waker passes. It is one small object instead of two generators, for the waits
 * that thousands of tasks make at once (sleep): a sleeping task costs what it holds.
 * Iterating it again (yielding it a second time) starts a fresh copy.
 */
export abstract class ParkOnce<T> implements Iterator<Instruction, T, unknown> {
  #started = false;

  /** The operation's name, for the error when it is used outside a task. */
  protected abstract readonly label: string;
  /** Arranges the wake-up of `task` and says what it waits on. */
  protected abstract arm(task: Task<unknown>): Wait;
  /** A fresh, unstarted copy, for an operation object iterated twice. */
  protected abstract fresh(): ParkOnce<T>;

  [Symbol.iterator](): Iterator<Instruction, T, unknown> {
    return this.#started ? this.fresh() : this;
  }

  next(value?: unknown): IteratorResult<Instruction, T> {
    if (this.#started) return value === undefined ? (RESUMED as IteratorResult<Instruction, T>) : { done: true, value: value as T };
    this.#started = true;
    const task = currentTask(this.label);
    task.setWait(this.arm(task));
    return PARKED;
  }

  throw(error?: unknown): IteratorResult<Instruction, T> {
    throw error;
  }

  return(value?: unknown): IteratorResult<Instruction, T> {
    return { done: true, value: value as T };
  }
}

const PARKED: IteratorYieldResult<Instruction> = Object.freeze({ done: false, value: PARK });

/**
 * Parks the current task on `wait` until a waker resumes it; returns what the waker
 * passed, or throws what it threw. The caller must already have arranged the wake-up.
 */
export function* park<T>(wait: Wait): Generator<Instruction, T, unknown> {
  current.task!.setWait(wait);
  return (yield PARK) as T;
}
