/** Waiting on the host: promises and abortable async functions. */
import { currentTask, loopOf } from "../current.js";
import { CancelledError, invalidArgument } from "../errors.js";
import { park, type Wait } from "../instructions.js";
import type { EventLoop } from "../loop.js";
import type { Operation } from "../operation.js";
import type { Task } from "../task.js";

/**
 * The wait of a task on a promise. Cancelling the task aborts the signal (if any), stops
 * counting the promise as pending host I/O (so autojump does not wait for a promise nobody
 * awaits any more) and ignores its eventual outcome.
 */
class PromiseWait implements Wait {
  #task: Task<unknown> | null;
  readonly #loop: EventLoop;
  readonly #controller: AbortController | undefined;

  constructor(task: Task<unknown>, loop: EventLoop, controller: AbortController | undefined) {
    this.#task = task;
    this.#loop = loop;
    this.#controller = controller;
    loop.hostIOStarted();
  }

  settle(failed: boolean, outcome: unknown): void {
    const task = this.#task;
    if (task === null) return;
    this.#task = null;
    this.#loop.hostIOEnded();
    if (failed) task.resumeThrow(outcome);
    else task.resume(outcome);
  }

  abandon(): boolean {
    if (this.#task === null) return true;
    this.#task = null;
    this.#loop.hostIOEnded();
    this.#controller?.abort(new CancelledError("the waiting task was cancelled"));
    return true;
  }

  describe(): string {
    return this.#controller ? "call(fn) (a promise, abortable)" : "call(promise)";
  }
}

/**
 * Waits for a promise, or for `fn(signal)` whose signal is aborted if the task is
 * cancelled. Returns the value or throws the rejection.
 *
 * @example
 * const text = yield* call((signal) => fetch(url, { signal }).then((r) => r.text()));
 * const stat = yield* call(fs.promises.stat(path));
 */
export function* call<T>(source: PromiseLike<T> | ((signal: AbortSignal) => PromiseLike<T>)): Operation<T> {
  const task = currentTask("call()");
  let controller: AbortController | undefined;
  let promise: PromiseLike<T>;
  if (typeof source === "function") {
    controller = new AbortController();
    promise = source(controller.signal);
  } else {
    promise = source;
  }
  if (promise === null || typeof (promise as { then?: unknown })?.then !== "function") {
    throw invalidArgument("source", "a promise or a function returning one", promise);
  }
  const wait = new PromiseWait(task, loopOf(task), controller);
  promise.then(
    (value) => wait.settle(false, value),
    (error: unknown) => wait.settle(true, error),
  );
  return yield* park<T>(wait);
}
