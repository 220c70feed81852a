/**
 * What all(), race() and timeout() share: a set of child tasks of the caller whose
 * outcomes go to the group (and from it to the caller, who can catch them) instead of
 * failing the caller the way a spawned child's failure does.
 *
 * The caller parks on the group until every child has ended, also when it is cancelled:
 * its children are cancelled with it, and the group must not return while any of them
 * still runs (a structured guarantee), so `abandon()` refuses.
 *
 * Invariant: `remaining` counts the children that have not settled; the caller is
 * resumed exactly once, when it reaches 0.
 */
import { currentTask, loopOf } from "../current.js";
import { CancelledError } from "../errors.js";
import { park, type Instruction, type Wait } from "../instructions.js";
import type { Operation } from "../operation.js";
import type { ChildCollector } from "../task-contracts.js";
import type { Task } from "../task.js";

export abstract class ChildGroup<R> implements Wait, ChildCollector {
  protected readonly caller: Task<unknown>;
  protected readonly children: Task<unknown>[] = [];
  /** Real failures (not cancellations), in the order they happened. */
  protected readonly failures: unknown[] = [];
  #remaining = 0;
  readonly #label: string;

  constructor(operationName: string) {
    this.caller = currentTask(`${operationName}()`);
    this.#label = operationName;
  }

  /** Starts the children and waits for all of them; then returns `outcome()`. */
  *run(operations: Iterable<Operation<unknown>>): Generator<Instruction, R, unknown> {
    const loop = loopOf(this.caller);
    for (const operation of operations) {
      this.#remaining++;
      this.children.push(loop.createChildTask(this.caller, operation, undefined, this));
    }
    if (this.#remaining > 0) yield* park<void>(this);
    return this.outcome();
  }

  childDone(child: Task<unknown>): void {
    const error = child.error;
    if (error !== undefined && !(error instanceof CancelledError)) this.failures.push(error);
    this.settled(child);
    if (--this.#remaining === 0) this.caller.resume(undefined);
  }

  abandon(): boolean {
    return false;
  }

  describe(): string {
    return `${this.#label} (${this.#remaining} of ${this.children.length} children running)`;
  }

  /** Cancels every child except `except`. */
  protected cancelOthers(except: Task<unknown> | null, reason: unknown): void {
    for (const child of this.children) if (child !== except) child.cancel(reason);
  }

  /** The failures as one error: a single one unchanged, several as an AggregateError. */
  protected failure(errors: unknown[]): unknown {
    return errors.length === 1 ? errors[0] : new AggregateError(errors, `${errors.length} operations failed in ${this.#label}()`);
  }

  /** A child has settled (its failure, if any, is already in `failures`). */
  protected abstract settled(child: Task<unknown>): void;
  /** Called once every child has settled: the result, or throws. */
  protected abstract outcome(): R;
}
