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

/** A sleep for `ms` of loop time, or (`wall`) until the wall clock reads `ms` since the epoch. */
class Sleep extends ParkOnce<void> {
  constructor(
    readonly ms: number,
    readonly wall: boolean,
  ) {
    super();
  }
  protected get label(): string {
    return this.wall ? "sleepUntil()" : "sleep()";
  }
  protected arm(task: Task<unknown>): Handle<Task<unknown>> {
    const loop = loopOf(task);
    return this.wall ? loop.callAtWall(this.ms, wake, task) : loop.callLater(this.ms, wake, task);
  }
  protected fresh(): Sleep {
    return new Sleep(this.ms, this.wall);
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
  return new Sleep(ms, false);
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
  return new Sleep(epochMs, true);
}
