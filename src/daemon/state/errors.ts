/**
 * The state file's errors: each has a stable `code` and `name`, names the state file, and
 * says what to do. Lock errors carry `exitCode = 3`, the code logrotate 3.21 exits with
 * whenever it cannot lock (or create) its state file; the CLI turns them into that code.
 */

/**
 * The base of the state file's errors.
 *
 * @example
 * catch (error) { if (error instanceof StateError) process.exitCode = error.exitCode; }
 */
export class StateError extends Error {
  readonly code: string;
  /** The state file the error is about. */
  readonly path: string;
  /** The exit code a logrotate-compatible command ends with because of this error. */
  readonly exitCode: number = 1;
  constructor(code: string, path: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.path = path;
    this.name = new.target.name;
  }
}

/** Who holds a state file's lock, as far as rotor can tell. */
export type LockHolder =
  /** A rotor process, from its lock file `<state>.lock`. */
  | { kind: "rotor"; pid: number; host: string; since: number }
  /** A lock file whose contents cannot be read (being written, or damaged). */
  | { kind: "unknown" }
  /** A program holding flock(2) on the state file itself: logrotate does. */
  | { kind: "flock" };

/**
 * Who holds a state file's lock, in words.
 *
 * @example
 * describeHolder({ kind: "flock" }); // "another program holding an flock on it (logrotate 3.21 locks its state file this way)"
 */
export function describeHolder(holder: LockHolder): string {
  switch (holder.kind) {
    case "rotor":
      return `rotor (pid ${holder.pid} on ${holder.host}, since ${new Date(holder.since).toISOString()})`;
    case "flock":
      return "another program holding an flock on it (logrotate 3.21 locks its state file this way)";
    case "unknown":
      return "a lock file whose owner cannot be read";
  }
}

/**
 * The state file could not be locked. Like logrotate, the command then exits with 3.
 *
 * @example
 * try { yield* lockState(path, { fs }); } catch (e) { if (e instanceof StateLockError) exit(e.exitCode); }
 */
export class StateLockError extends StateError {
  override readonly exitCode = 3;
  constructor(path: string, message: string, options?: ErrorOptions, code = "ERR_STATE_LOCK") {
    super(code, path, message, options);
  }
}

/**
 * Someone else holds the state file's lock. The message keeps logrotate's key phrase
 * ("state file X is already locked") and adds who holds it and what to do.
 *
 * @example
 * new StateLockedError("/var/lib/logrotate/status", "/var/lib/logrotate/status.lock", { kind: "flock" }).exitCode; // 3
 */
export class StateLockedError extends StateLockError {
  readonly holder: LockHolder;
  readonly lockPath: string;
  constructor(path: string, lockPath: string, holder: LockHolder) {
    const remedy =
      holder.kind === "flock"
        ? "wait for that program to finish, or pass --wait-for-state-lock"
        : `wait for it to finish, or pass --wait-for-state-lock; if no rotor is running, remove ${lockPath}`;
    super(
      path,
      `state file ${path} is already locked by ${describeHolder(holder)}. ` +
        `Two passes over the same state file would rotate the same logs twice, so this one stopped: ${remedy}.`,
      undefined,
      "ERR_STATE_LOCKED",
    );
    this.holder = holder;
    this.lockPath = lockPath;
  }
}

/**
 * The state file exists but cannot be read, or is not a state file at all.
 *
 * @example
 * new StateReadError("/var/lib/logrotate/status", "it is a directory").message;
 */
export class StateReadError extends StateError {
  constructor(path: string, reason: string, options?: ErrorOptions) {
    super("ERR_STATE_READ", path, `error reading state file ${path}: ${reason}`, options);
  }
}

/**
 * The state file could not be written; the previous one is still in place, whole.
 *
 * @example
 * new StateWriteError("/var/lib/logrotate/status", new Error("ENOSPC")).message;
 */
export class StateWriteError extends StateError {
  constructor(path: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const full = (cause as { code?: string } | null)?.code === "ENOSPC" ? " The disk is full: free space; the next rotation writes the state again." : "";
    super("ERR_STATE_WRITE", path, `error writing state file ${path}: ${reason}; the previous state file was kept.${full}`, { cause });
  }
}
