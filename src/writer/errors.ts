/**
 * The writer's errors: each has a stable `code`, names the log it is about, and says what
 * to do.
 *
 * @example
 * writer.on("error", (error) => {
 *   if (error instanceof WriterLockedError) console.error(`pid ${error.pid} has ${error.path}`);
 * });
 */

export class WriterError extends Error {
  readonly code: string;
  /** The log the writer writes. */
  readonly path: string;
  constructor(code: string, path: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.path = path;
    this.name = new.target.name;
  }
}

/**
 * Another live writer (this process or another) holds the log: two writers on one file
 * would break the size limit and the rotation chain, so the second one refuses.
 */
export class WriterLockedError extends WriterError {
  /** The process id written in the lock file. */
  readonly pid: number;
  constructor(path: string, lockPath: string, pid: number) {
    super(
      "ERR_WRITER_LOCKED",
      path,
      `${path}: another rotating writer (pid ${pid}) is writing this log (lock file ${lockPath}). ` +
        "Give each process its own file (for example with the pid in the name), or send the lines to the one process that writes it.",
    );
    this.pid = pid;
  }
}

/** The lock file was taken away or changed while this writer held it. */
export class WriterLockLostError extends WriterError {
  constructor(path: string, lockPath: string) {
    super(
      "ERR_WRITER_LOCK_LOST",
      path,
      `${path}: the writer's lock file ${lockPath} was removed or taken by another process; stopped writing rather than share the log. ` +
        "Find what deleted the lock (a cleanup job?) and restart the writer.",
    );
  }
}
