/**
 * The daemon's own errors (the state file's are in state/errors.ts): each has a stable
 * `code`, says what went wrong and what to do. `exitCode` is what `rotor run` exits with.
 */

/**
 * An error of the daemon's setup: a bad `--metrics` address, a job that cannot be built
 * from its config (a bad cron expression, with its file:line:column).
 *
 * @example
 * throw new DaemonError("ERR_METRICS_ADDRESS", "Expected `--metrics` to be HOST:PORT, got `x`");
 */
export class DaemonError extends Error {
  readonly code: string;
  readonly exitCode: number = 1;
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}
