/** The usual entry point: run one operation on a fresh loop. */
import { isCancelled } from "./errors.js";
import { createLoop, type LoopOptions } from "./loop.js";
import type { Operation } from "./operation.js";

export type RunOptions = LoopOptions;

/**
 * Runs an operation (or a function returning one) on a new event loop until it ends, and
 * resolves with its value or rejects with its error (asyncio.run). Root tasks that it
 * started with `loop.createTask` and left running are then cancelled and awaited, and the
 * loop is closed.
 *
 * @example
 * const answer = await run(function* () {
 *   yield* sleep(100);
 *   return 42;
 * });
 */
export async function run<T>(operation: Operation<T> | (() => Operation<T>), options: RunOptions = {}): Promise<T> {
  const loop = createLoop(options);
  try {
    return await loop.runUntilComplete(typeof operation === "function" ? operation() : operation);
  } finally {
    const leftovers = loop.rootTasks();
    if (leftovers.length > 0) {
      for (const task of leftovers) task.cancel("run() is finishing");
      await loop.runUntilComplete(
        (function* finishLeftovers() {
          for (const task of leftovers) {
            try {
              yield* task;
            } catch (error) {
              if (!isCancelled(error)) loop.reportError(error, `task "${task.name}" failed while run() was finishing`);
            }
          }
        })(),
      );
    }
    loop.close();
  }
}
