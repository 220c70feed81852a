/** Sleeping: on loop time (`sleep`) and until a wall-clock instant (`sleepUntil`). */
import { loopOf } from "../current.js";
import { invalidArgument } from "../errors.js";
import type { Handle } from "../handle.js";
import { ParkOnce } from "../instructions.js";
import type { Operation } from "../operation.js";
import type { Task } from "../task.js";

function wake(task: Task<unknown>): void {
  task.resume(undefined);
}

class Sleep extends ParkOnce<void> {
  protected readonly label = "sleep()";
  constructor(readonly ms: number) {
    super();
  }
  protected arm(task: Task<unknown>): Handle<Task<unknown>> {
    return loopOf(task).callLater(this.ms, wake, task);
  }
  protected fresh(): Sleep {
    return new Sleep(this.ms);
  }
}

class SleepUntil extends ParkOnce<void> {
  protected readonly label = "sleepUntil()";
  constructor(readonly epochMs: number) {
    super();
  }
  protected arm(task: Task<unknown>): Handle<Task<unknown>> {
    return loopOf(task).callAtWall(this.epochMs, wake, task);
  }
  protected fresh(): SleepUntil {
    return new SleepUntil(this.epochMs);
  }
}

/**
 * Suspends the current task for `ms` milliseconds of loop time.
 *
 * @example
 * while (true) { yield* sleep(30_000); rotate(); }
 */
export function sleep(ms: number): Operation<void> {
  if (typeof ms !== "number" || Number.isNaN(ms)) throw invalidArgument("ms", "a number of milliseconds", ms);
  return new Sleep(ms);
}

/**
 * Suspends the current task until the wall clock reads `deadline` (a Date or epoch ms).
 * Unlike `sleep(deadline - now)`, it stays right when the wall clock is stepped or the
 * machine sleeps: a laptop that wakes at 09:00 past a midnight deadline resumes at once.
 *
 * @example
 * yield* sleepUntil(nextMidnight(new Date()));
 */
export function sleepUntil(deadline: Date | number): Operation<void> {
  const epochMs = deadline instanceof Date ? deadline.getTime() : deadline;
  if (typeof epochMs !== "number" || Number.isNaN(epochMs)) throw invalidArgument("deadline", "a Date or epoch ms", deadline);
  return new SleepUntil(epochMs);
}
