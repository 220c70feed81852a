/**
 * The task whose step is running right now. Operations read it to learn which task they
 * belong to, so that `spawn` and joining a finished task complete without a trip through
 * the loop. It is set only by Task's step and restored when the step ends.
 */
import { InvalidStateError } from "./errors.js";
import type { EventLoop } from "./loop.js";
import type { Task } from "./task.js";

/** A holder object rather than a `let`, so the step's write is a plain property store. */
export const current: { task: Task<unknown> | null } = { task: null };

/** The running task, or a clear error for an operation used outside of any task. */
export function currentTask(operation: string): Task<unknown> {
  const task = current.task;
  if (task === null) {
    throw new InvalidStateError(
      `${operation} must run inside a task: use \`yield* ${operation}\` in a generator started with run(), loop.createTask() or spawn()`,
    );
  }
  return task;
}

/** The loop a task runs on (tasks are only ever created by an EventLoop). */
export function loopOf(task: Task<unknown>): EventLoop {
  return task.host as EventLoop;
}

/**
 * The loop the current task runs on, as an operation: `const loop = yield* getLoop()`.
 * Tasks read time through it (`loop.time()`, `loop.clock.wallNow()`), never from Date.now(),
 * so that a virtual clock drives them in tests.
 *
 * @example
 * const loop = yield* getLoop();
 * const today = new Date(loop.clock.wallNow());
 */
export function* getLoop(): Generator<never, EventLoop, unknown> {
  return loopOf(currentTask("getLoop()"));
}
