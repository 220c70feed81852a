/**
 * verifyOlddir: the check logrotate 3.21 makes of a block's `olddir` when the block closes
 * (config.c, measured in docs/logrotate-behaviour.md 06c, 06c2, 06h and 16a-16d). For each
 * log of the block, in order:
 * 1. the log's directory must exist, else `error verifying log file path DIR: ...`, unless
 *    `missingok`, which skips that log's check;
 * 2. the olddir (relative to that directory, or absolute) must exist, else `error verifying
 *    olddir path DIR/OLDDIR: ...`, unless it is missing and `createolddir` is set;
 * 3. it must be on the log directory's device, else `olddir OLDDIR and log file LOG are on
 *    different devices`, unless copy, copytruncate or renamecopy (which copy, not rename).
 * A failure is a config error at the `}` line that drops the block and the rest of its file
 * (the parser's "file" effect): logrotate's `goto error`, then "removing last 1 log configs".
 *
 * WHY in the parser: logrotate makes the check while reading, so the dropped blocks never
 * reach the state file (no first-sight line), which a later check could not undo.
 */
import { fnmatch, hasGlob } from "../fnmatch.js";
import type { LogPattern, LogSettings } from "../model.js";
import type { ConfigReader } from "../reader.js";
import type { Problem } from "./arguments.js";

/** strerror(3) for the codes a stat can give here. */
const STRERROR: Record<string, string> = { ENOENT: "No such file or directory", ENOTDIR: "Not a directory", EACCES: "Permission denied", ELOOP: "Too many levels of symbolic links" };

const dirname = (path: string): string => path.slice(0, Math.max(path.lastIndexOf("/"), 0)) || "/";

function statError(reader: ConfigReader, path: string): string | null {
  try {
    reader.stat(path);
    return null;
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    return STRERROR[code] ?? (error instanceof Error ? error.message : String(error));
  }
}

/**
 * The log file logrotate names for a pattern: the pattern itself, or its first match when
 * only its last segment has wildcards (glob(3) sorts; GLOB_NOCHECK keeps a pattern that
 * matches nothing). A pattern with wildcards in a directory is left as written.
 */
function firstLog(reader: ConfigReader, pattern: LogPattern): string {
  const dir = dirname(pattern.path);
  if (!pattern.glob || hasGlob(dir)) return pattern.path;
  const base = pattern.path.slice(dir.length + 1);
  let names: string[];
  try {
    names = reader.readdir(dir);
  } catch {
    return pattern.path;
  }
  const match = names.filter((name) => (base.startsWith(".") || !name.startsWith(".")) && fnmatch(base, name)).sort()[0];
  return match === undefined ? pattern.path : `${dir === "/" ? "" : dir}/${match}`;
}

function badOlddir(logrotate: string, action: string): Problem {
  return { code: "ERR_CONFIG_BAD_PATH", problem: `Expected \`olddir\` to be usable: ${logrotate}`, action, logrotate, effect: "file" };
}

/**
 * Checks the olddir of a closing block; null when fine or when there is none. `deviceOf`
 * (stat's st_dev, following symlinks) is optional: without it the device check is skipped.
 *
 * @example
 * verifyOlddir(reader, block.patterns, settings, (path) => statSync(path).dev); // null
 */
export function verifyOlddir(reader: ConfigReader, patterns: readonly LogPattern[], s: LogSettings, deviceOf?: (path: string) => number): Problem | null {
  if (s.olddir === null) return null;
  for (const pattern of patterns) {
    if (pattern.path.startsWith("~")) continue; // expanded at rotation time, like the glob
    const log = firstLog(reader, pattern);
    const logDir = dirname(log);
    const dirError = statError(reader, logDir);
    if (dirError !== null) {
      if (s.missingok) continue;
      return badOlddir(`error verifying log file path ${logDir}: ${dirError}`, "create the log's directory, or add `missingok`; the rest of this file was not read");
    }
    const olddir = s.olddir.startsWith("/") ? s.olddir : `${logDir}/${s.olddir}`;
    const olddirError = statError(reader, olddir);
    if (olddirError !== null) {
      if (olddirError === STRERROR.ENOENT && s.createolddir !== false) continue;
      return badOlddir(`error verifying olddir path ${olddir}: ${olddirError}`, "create the olddir, or add `createolddir`; the rest of this file was not read");
    }
    if (deviceOf !== undefined && s.mode !== "copy" && s.mode !== "copytruncate" && s.mode !== "renamecopy" && deviceOf(olddir) !== deviceOf(logDir)) {
      return badOlddir(`olddir ${s.olddir} and log file ${log} are on different devices`, "put the olddir on the log's filesystem, or use `copytruncate` or `copy`; the rest of this file was not read");
    }
  }
  return null;
}
