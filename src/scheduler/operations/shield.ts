/** Holding off cancellation around a critical section. */
import { currentTask } from "../current.js";
import type { Operation } from "../operation.js";

/**
 * Runs `operation` to completion even if the current task is cancelled meanwhile (Trio's
 * shielded cancel scope). A cancellation that arrives during it is delivered at the first
 * suspension point after it. Children spawned inside are protected too while the shield
 * lasts. Use it for cleanup that must finish, such as a rotation in progress.
 *
 * @example
 * try { yield* work(); } finally { yield* shield(flushAndClose(file)); }
 */
export function* shield<T>(operation: Operation<T>): Operation<T> {
  const task = currentTask("shield()");
  task.enterShield();
  try {
    return yield* operation;
  } finally {
    task.exitShield();
  }
}
