import { invalidArgument } from "./errors.js";
import type { Instruction } from "./instructions.js";

/**
 * An Operation<T> is anything that can be run with `yield*` inside a task and produces T.
 * Every generator object is one, so a generator function annotated `(): Operation<T>` is
 * an operation factory, and `const x = yield* op` is typed T.
 *
 * The yielded type is the scheduler's private instruction set; user code never yields a
 * value itself, only delegates with `yield*`.
 *
 * @example
 * function* fetchTwice(): Operation<string> {
 *   const a = yield* call(fetchText("a"));
 *   yield* sleep(100);
 *   return a + (yield* call(fetchText("b")));
 * }
 */
export interface Operation<T> {
  // TNext is `any`: it is whatever the loop resumes the task with, never chosen by user code.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [Symbol.iterator](): Iterator<Instruction, T, any>;
}

/** The result type of an operation. */
export type OperationResult<O> = O extends Operation<infer T> ? T : never;

/** True for anything `yield*` can run. */
export function isOperation(value: unknown): value is Operation<unknown> {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function"
  );
}

/** Throws a clear error for what is not an operation (a promise or a plain value passed by mistake). */
export function assertOperation(operation: unknown): void {
  if (!isOperation(operation)) {
    throw invalidArgument("operation", "an operation (a generator object, a generator function's result, or anything with [Symbol.iterator])", operation);
  }
}

/**
 * The iterator a task drives for `operation`. Generators have throw(), which cancellation
 * needs; a hand-written iterator may not, so it is wrapped once in a delegating generator
 * (`yield*` copes with a missing throw()).
 */
export function iteratorOf<T>(operation: Operation<T>): Iterator<Instruction, T, unknown> {
  const iterator = operation[Symbol.iterator]();
  if (typeof iterator.throw === "function") return iterator;
  return (function* delegate() {
    return yield* { [Symbol.iterator]: () => iterator };
  })();
}
