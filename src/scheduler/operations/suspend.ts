/** Waiting forever, until cancelled. */
import { currentTask } from "../current.js";
import { park, type Wait } from "../instructions.js";
import type { Operation } from "../operation.js";

const FOREVER: Wait = Object.freeze({
  abandon: () => true,
  describe: () => "suspend() (until cancelled)",
});

/**
 * Suspends the current task until it is cancelled. Useful for a task whose work is all in
 * its children, or in `finally`.
 *
 * @example
 * const server = yield* spawn(serve());
 * try { yield* suspend(); } finally { yield* shield(closeGracefully()); }
 */
export function* suspend(): Operation<never> {
  currentTask("suspend()");
  yield* park<void>(FOREVER);
  throw new Error("unreachable: suspend() is only ever left by cancellation");
}
