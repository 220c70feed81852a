/**
 * The rotation engine's errors: each has a stable `code`, names the file it is about,
 * and says what to do.
 */

export class RotateError extends Error {
  readonly code: string;
  /** The file (or directory) the error is about. */
  readonly path: string;
  constructor(code: string, path: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.path = path;
    this.name = new.target.name;
  }
}

/** The log to rotate does not exist (and `missingok` is off). */
export class MissingLogError extends RotateError {
  constructor(path: string) {
    super("ERR_LOG_MISSING", path, `${path}: the log does not exist. Create it, fix the path, or set \`missingok\` to skip missing logs.`);
  }
}

/** The log or its directory is unsafe to rotate as configured (links, permissions). */
export class UnsafeLogError extends RotateError {
  constructor(path: string, message: string) {
    super("ERR_LOG_UNSAFE", path, message);
  }
}

/** Something occupies a name the rotation needs (a directory where a version goes, say). */
export class VersionInTheWayError extends RotateError {
  constructor(path: string, what: string) {
    super("ERR_VERSION_IN_THE_WAY", path, `${path}: ${what} is in the way of the rotation. Move it elsewhere; nothing was changed.`);
  }
}

/** A script (prerotate, postrotate, ...) failed. */
export class ScriptError extends RotateError {
  readonly script: string;
  readonly exitCode: number | null;
  constructor(path: string, script: string, exitCode: number | null, signal: string | null, stderr: string) {
    const how = signal ? `was killed by ${signal}` : `exited with code ${exitCode}`;
    const detail = stderr.trim() ? `: ${stderr.trim().split("\n").slice(-3).join(" | ")}` : "";
    super("ERR_SCRIPT_FAILED", path, `${path}: the ${script} script ${how}${detail}`);
    this.script = script;
    this.exitCode = exitCode;
  }
}

/** Compression failed; the uncompressed version is still in place. */
export class CompressionError extends RotateError {
  constructor(path: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const full = (cause as { code?: string })?.code === "ENOSPC" ? " The disk is full: free space and rotate again." : "";
    super("ERR_COMPRESSION_FAILED", path, `${path}: compression failed (${reason}); the uncompressed version was kept.${full}`, { cause });
  }
}

/** The journal of an earlier, interrupted rotation cannot be read. */
export class JournalError extends RotateError {
  constructor(path: string, message: string) {
    super("ERR_JOURNAL", path, `${path}: ${message}`);
  }
}

/** An option has a wrong value (the p-queue template). */
export function invalidOption(name: string, expected: string, value: unknown): TypeError {
  let shown: string;
  try {
    shown = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  return new TypeError(`Expected \`${name}\` to be ${expected}, got \`${shown}\` (${typeof value})`);
}
