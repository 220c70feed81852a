/**
 * logrotate 3.21's wording for the rotation engine's errors, so that scripts that grep
 * logrotate's output keep working (issue 4: "the same key phrases in its messages"). Each
 * phrase was taken from logrotate's own output; rotor's detail follows in parentheses
 * where it says more (a script's exit code and last lines of stderr).
 */
import { CompressionError, MissingLogError, RotateError, ScriptError, UnsafeLogError, VersionInTheWayError } from "../../rotate/index.js";
import { mailFailure } from "./mail.js";

/** Where the error happened: the block's raw pattern text, and whether its scripts are shared. */
export interface MessageContext {
  patternText: string;
  shared: boolean;
}

function scriptPhrase(log: string, error: ScriptError, at: MessageContext): string {
  const pattern = at.patternText;
  switch (error.script) {
    case "firstaction":
      return `error running first action script for ${pattern}`;
    case "lastaction":
      return `error running last action script for ${pattern}`;
    case "prerotate":
    case "postrotate":
      return at.shared ? `error running shared ${error.script} script for '${pattern}'` : `error running non-shared ${error.script} script for ${log} of '${pattern}'`;
    default:
      return `error running ${error.script} script for ${log}`;
  }
}

/**
 * The message logrotate would print for `error` while rotating `log`.
 *
 * @example
 * logrotateMessage("/x/app.log", new MissingLogError("/x/app.log"), { patternText: "/x/app.log ", shared: false });
 * // "stat of /x/app.log failed: No such file or directory"
 */
export function logrotateMessage(log: string, error: unknown, at: MessageContext): string {
  if (error instanceof MissingLogError) return `stat of ${log} failed: No such file or directory`;
  if (error instanceof UnsafeLogError && /insecure permissions/.test(error.message)) {
    return (
      `skipping "${log}" because parent directory has insecure permissions (It's world writable or writable by group which is not "root") ` +
      `Set "su" directive in config file to tell logrotate which user/group should be used for rotation.`
    );
  }
  const mail = mailFailure(error);
  if (mail !== null) return mail;
  if (error instanceof ScriptError) return `${scriptPhrase(log, error, at)} (${error.message})`;
  if (error instanceof CompressionError) return `failed to compress log ${error.path} (${error.message})`;
  if (error instanceof VersionInTheWayError && /same date/.test(error.message)) return `destination ${error.path} already exists, skipping rotation (${error.message})`;
  if (error instanceof RotateError) return error.message;
  // An I/O error (su's user may not write there): logrotate's "failed to rename A to B: Permission denied".
  if ((error as { code?: unknown })?.code === "EACCES") return `failed to rotate ${log}: Permission denied (${(error as Error).message})`;
  return error instanceof Error ? error.message : String(error);
}
