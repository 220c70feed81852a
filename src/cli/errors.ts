/** The CLI's one error type: what went wrong, and the exit code it maps to. */
export class CliError extends Error {
  readonly code = "ERR_CLI";
  readonly exitCode: number;
  /** Print the usage line with the message (for a mistake in the command line itself). */
  readonly showUsage: boolean;
  constructor(message: string, options: { exitCode?: number; showUsage?: boolean } = {}) {
    super(message);
    this.name = "CliError";
    this.exitCode = options.exitCode ?? 1;
    this.showUsage = options.showUsage ?? false;
  }
}
