/** Bounding an operation in time. */
import { CancelledError, TimeoutError, invalidArgument } from "../errors.js";
import { loopOf } from "../current.js";
import type { Handle } from "../handle.js";
import type { Operation } from "../operation.js";
import type { Task } from "../task.js";
import { ChildGroup } from "./child-group.js";

/** asyncio's timeouts.py: an explicit state with guarded transitions. */
const enum TimeoutState {
  /** The operation runs and the timer is armed. */
  Running,
  /** The timer fired and the operation is being cancelled. */
  Expiring,
  /** The operation ended; nothing more happens. */
  Settled,
}

function expire<T>(group: TimeoutGroup<T>): void {
  group.expire();
}

class TimeoutGroup<T> extends ChildGroup<T> {
  #state = TimeoutState.Running;
  #timer: Handle<TimeoutGroup<T>> | null = null;
  readonly #ms: number;

  constructor(ms: number) {
    super("timeout");
    this.#ms = ms;
  }

  arm(): void {
    this.#timer = loopOf(this.caller).callLater(this.#ms, expire<T>, this as TimeoutGroup<T>);
  }

  /** @internal The timer fired. */
  expire(): void {
    if (this.#state !== TimeoutState.Running) return;
    this.#state = TimeoutState.Expiring;
    this.cancelOthers(null, new TimeoutError(this.#ms));
  }

  protected settled(): void {
    this.#timer?.cancel();
  }

  protected outcome(): T {
    const expired = this.#state === TimeoutState.Expiring;
    this.#state = TimeoutState.Settled;
    const child = this.children[0] as Task<T>;
    if (this.failures.length > 0) throw this.failures[0];
    if (!(child.error instanceof CancelledError)) return child.value as T;
    if (expired && !this.caller.cancelRequested) throw new TimeoutError(this.#ms);
    throw new CancelledError(child.error.reason);
  }
}

/**
 * Runs `operation` as a child task and cancels it if it has not ended after `ms`
 * milliseconds of loop time, then throws TimeoutError. A value or error the operation
 * produces before the cancellation takes effect is returned or thrown as usual.
 *
 * @example
 * const data = yield* timeout(5_000, call(fetchJson(url)));
 */
export function* timeout<T>(ms: number, operation: Operation<T>): Operation<T> {
  if (typeof ms !== "number" || Number.isNaN(ms)) throw invalidArgument("ms", "a number of milliseconds", ms);
  const group = new TimeoutGroup<T>(ms);
  group.arm();
  return yield* group.run([operation]);
}
