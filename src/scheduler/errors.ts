/**
 * The scheduler's errors. Each has a stable `code` (for programs) and `name` (for people),
 * so callers never match on message text.
 */

/** Base of every error the scheduler raises on its own account. */
export class SchedulerError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/**
 * Thrown into a task at a suspension point once the task has been cancelled. Cancellation
 * is level-triggered: catching this error does not end it, the next suspension point
 * throws a fresh one, so let it propagate and do cleanup in `finally`.
 *
 * @example
 * try { yield* sleep(1000); } catch (e) { if (!isCancelled(e)) throw e; }
 */
export class CancelledError extends SchedulerError {
  /** What the canceller passed to `task.cancel(reason)`, if anything. */
  readonly reason: unknown;
  constructor(reason?: unknown) {
    super("ERR_CANCELLED", reason === undefined ? "The task was cancelled" : `The task was cancelled: ${describeReason(reason)}`);
    this.reason = reason;
  }
}

/** Thrown by `timeout(ms, op)` when op did not finish within ms. */
export class TimeoutError extends SchedulerError {
  readonly ms: number;
  constructor(ms: number) {
    super("ERR_TIMEOUT", `The operation did not finish within ${ms} ms`);
    this.ms = ms;
  }
}

/** An operation was used in a state that does not allow it (asyncio's InvalidStateError). */
export class InvalidStateError extends SchedulerError {
  constructor(message: string) {
    super("ERR_INVALID_STATE", message);
  }
}

/** The loop was used after `close()`. */
export class LoopClosedError extends SchedulerError {
  constructor(what: string) {
    super("ERR_LOOP_CLOSED", `Cannot ${what}: the event loop is closed. Create a new loop with createLoop().`);
  }
}

/** `put` on a closed queue, or `get` on a closed queue that has been drained. */
export class QueueClosedError extends SchedulerError {
  constructor() {
    super("ERR_QUEUE_CLOSED", "The queue is closed");
  }
}

/** True when `error` is the scheduler's cancellation (also when it was wrapped as a cause). */
export function isCancelled(error: unknown): error is CancelledError {
  return error instanceof CancelledError;
}

/** Thrown into a task that wrote `yield value` where it meant `yield* operation`. */
export function bareYieldError(taskName: string, value: unknown): TypeError {
  const shown = typeof value === "string" ? JSON.stringify(value) : typeof value === "object" && value !== null ? `an object (${Object.prototype.toString.call(value)})` : String(value);
  return new TypeError(`Task "${taskName}" yielded ${shown}; tasks suspend only with \`yield*\` on an operation (did you write \`yield\` for \`yield*\`?)`);
}

/** The p-queue message template: ``Expected `name` to be <what>, got `value` (type)``. */
export function invalidArgument(name: string, expected: string, value: unknown): TypeError {
  return new TypeError(`Expected \`${name}\` to be ${expected}, got \`${describeReason(value)}\` (${typeof value})`);
}

function describeReason(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  if (typeof reason === "string") return reason;
  try {
    return String(reason);
  } catch {
    return Object.prototype.toString.call(reason);
  }
}
