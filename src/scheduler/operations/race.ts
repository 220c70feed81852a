/** Running operations concurrently until the first one ends. */
import { CancelledError } from "../errors.js";
import type { Operation, OperationResult } from "../operation.js";
import type { Task } from "../task.js";
import { ChildGroup } from "./child-group.js";

class RaceGroup<R> extends ChildGroup<R> {
  #winner: Task<unknown> | null = null;
  #cancelledBy: CancelledError | null = null;

  protected settled(child: Task<unknown>): void {
    const error = child.error;
    if (error instanceof CancelledError) {
      this.#cancelledBy ??= error;
    } else if (this.#winner === null) {
      this.#winner = child;
      this.cancelOthers(child, "another operation won the race");
    }
  }

  protected outcome(): R {
    if (this.failures.length > 0) throw this.failure(this.failures);
    if (this.#winner) return this.#winner.value as R;
    throw new CancelledError(this.#cancelledBy?.reason);
  }
}

/**
 * Runs the operations concurrently as children; the first to end (with a value or an
 * error) wins, the others are cancelled, and once they have ended the winner's value is
 * returned or its error thrown. A loser that fails while being cancelled is not lost:
 * its error is thrown (with the winner's, as an AggregateError).
 *
 * @example
 * const reply = yield* race([receive(socket), failAfter(5_000)]);
 */
export function* race<const T extends readonly Operation<unknown>[]>(operations: T): Operation<OperationResult<T[number]>> {
  if (operations.length === 0) throw new RangeError("race() needs at least one operation: a race of none would never end");
  return yield* new RaceGroup<OperationResult<T[number]>>("race").run(operations);
}
