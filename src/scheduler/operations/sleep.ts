/** Sleeping: on loop time (`sleep`) and until a wall-clock instant (`sleepUntil`). */
import { currentTask, loopOf } from "../current.js";
import { invalidArgument } from "../errors.js";
import { park } from "../instructions.js";
import type { Operation } from "../operation.js";
import type { Task } from "../task.js";

function wake(task: Task<unknown>): void {
  task.resume(undefined);
}

/**
 * Suspends the current task for `ms` milliseconds of loop time.
 *
 * @example
 * while (true) { yield* sleep(30_000); rotate(); }
 */
export function* sleep(ms: number): Operation<void> {
  if (typeof ms !== "number" || Number.isNaN(ms)) throw invalidArgument("ms", "a number of milliseconds", ms);
  const task = currentTask("sleep()");
  yield* park<void>(loopOf(task).callLater(ms, wake, task));
}

/**
 * Suspends the current task until the wall clock reads `deadline` (a Date or epoch ms).
 * Unlike `sleep(deadline - now)`, it stays right when the wall clock is stepped or the
 * machine sleeps: a laptop that wakes at 09:00 past a midnight deadline resumes at once.
 *
 * @example
 * yield* sleepUntil(nextMidnight(new Date()));
 */
export function* sleepUntil(deadline: Date | number): Operation<void> {
  const epochMs = deadline instanceof Date ? deadline.getTime() : deadline;
  if (typeof epochMs !== "number" || Number.isNaN(epochMs)) throw invalidArgument("deadline", "a Date or epoch ms", deadline);
  const task = currentTask("sleepUntil()");
  yield* park<void>(loopOf(task).callAtWall(epochMs, wake, task));
}
