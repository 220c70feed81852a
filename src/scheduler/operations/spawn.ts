/** Starting a child task. */
import { currentTask, loopOf } from "../current.js";
import type { Operation } from "../operation.js";
import type { TaskOptions } from "../task-contracts.js";
import type { Task } from "../task.js";

/**
 * Starts `operation` as a child of the current task and returns its Task at once (spawning
 * is not a suspension point). The child cannot outlive the parent: the parent's body waits
 * for it on exit, a failure of the child cancels the parent and its siblings, and
 * cancelling the parent cancels the child.
 *
 * @example
 * const a = yield* spawn(fetchA(), { name: "a" });
 * const b = yield* spawn(fetchB(), { name: "b" });
 * return [yield* a, yield* b];
 */
export function* spawn<T>(operation: Operation<T>, options?: TaskOptions): Operation<Task<T>> {
  const parent = currentTask("spawn()");
  return loopOf(parent).createChildTask(parent, operation, options);
}
