/** Running operations concurrently and collecting every result. */
import { CancelledError } from "../errors.js";
import type { Operation, OperationResult } from "../operation.js";
import type { Task } from "../task.js";
import { ChildGroup } from "./child-group.js";

type Results<T extends readonly Operation<unknown>[]> = { -readonly [K in keyof T]: OperationResult<T[K]> };

class AllGroup<T extends readonly Operation<unknown>[]> extends ChildGroup<Results<T>> {
  #cancelledBy: CancelledError | null = null;

  protected settled(child: Task<unknown>): void {
    const error = child.error;
    if (error instanceof CancelledError) this.#cancelledBy ??= error;
    else if (error !== undefined && this.failures.length === 1) this.cancelOthers(child, error);
  }

  protected outcome(): Results<T> {
    if (this.failures.length > 0) throw this.failure(this.failures);
    if (this.#cancelledBy) throw new CancelledError(this.#cancelledBy.reason);
    return this.children.map((child) => child.value) as Results<T>;
  }
}

/**
 * Runs the operations concurrently as children and returns their results in order. If
 * one fails, the others are cancelled and, once all have ended, the error is thrown (an
 * AggregateError if several failed); the caller can catch it.
 *
 * @example
 * const [a, b] = yield* all([fetchA(), fetchB()]);
 */
export function* all<const T extends readonly Operation<unknown>[]>(operations: T): Operation<Results<T>> {
  return yield* new AllGroup<T>("all").run(operations);
}
