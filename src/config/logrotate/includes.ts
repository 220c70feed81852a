/**
 * Reading a config path as logrotate 3.21 does: a directory is read file by file in byte
 * order of the names, skipping names that match the taboo list and entries that are not
 * regular files; a file is refused when, read as root, it is writable by group or others
 * or owned by another user (logrotate ignores it with a message, and the run goes on).
 *
 * A file that fails (see parser.ts) keeps the blocks it had finished, but its global
 * directives are undone, as logrotate restores its defaults from a copy.
 *
 * DEVIATIONS, both for safety: logrotate opens every entry before looking at its type, so
 * a FIFO in an included directory blocks it forever — rotor skips it unopened; and it
 * follows an include cycle 16 levels deep before refusing — rotor refuses the cycle at once.
 */
import { posix } from "node:path";
import { fnmatch } from "../fnmatch.js";
import type { Location } from "../model.js";
import type { FileInfo } from "../reader.js";
import { copySettings } from "../settings.js";
import { parseFile } from "./parser.js";
import { MAX_INCLUDE_DEPTH, report, type Reading, type Target } from "./reading.js";
import { Source } from "./source.js";

function reason(error: unknown): string {
  const code = (error as { code?: string })?.code;
  if (code === "ENOENT") return "No such file or directory";
  if (code === "EACCES") return "Permission denied";
  return error instanceof Error ? error.message : String(error);
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** The location to blame for a problem with a whole file: the include line, or the file itself. */
function blame(file: string, at: Location | null): Location {
  return at ?? { file, line: 1, column: 1 };
}

/** Refuses files that others could change, as logrotate does when run by root. */
function refused(reading: Reading, file: string, info: FileInfo, at: Location | null): boolean {
  if (!reading.options.asRoot) return false;
  const mode = `0${info.mode.toString(8)}`;
  if ((info.mode & 0o7533) !== 0o400) {
    report(reading, blame(file, at), { code: "ERR_CONFIG_DANGEROUS_MODE", problem: `\`${file}\` has mode ${mode}, expected no execute, setuid, setgid or sticky bits`, action: `chmod 0644 ${file}`, logrotate: `Potentially dangerous mode on ${file}: ${mode}` }, "warning");
  }
  if (info.mode & 0o022) {
    report(reading, blame(file, at), { code: "ERR_CONFIG_INSECURE_FILE", problem: `\`${file}\` is writable by group or others (mode ${mode}), so it was not read`, action: `run \`chmod go-w ${file}\`: anyone who can write it could run commands as root through its scripts`, logrotate: `Ignoring ${file} because it is writable by group or others.` }, "warning");
    return true;
  }
  if (info.uid !== 0) {
    report(reading, blame(file, at), { code: "ERR_CONFIG_FILE_OWNER", problem: `\`${file}\` is owned by uid ${info.uid}, expected root, so it was not read`, action: `run \`chown root ${file}\``, logrotate: `Ignoring ${file} because the file owner is wrong (should be root or user with uid 0).` }, "warning");
    return true;
  }
  return false;
}

/**
 * Reads one file; false when it failed (its globals are then undone). `shownAs` is the name
 * logrotate gives it in messages: as written, or a directory entry's own name (logrotate
 * reads a directory's files after a chdir into it).
 */
function readConfigFile(reading: Reading, file: string, shownAs: string, info: FileInfo, target: Target, at: Location | null): boolean {
  // logrotate skips non-regular files and empty files quietly (debug messages only).
  if (info.kind !== "file" || refused(reading, file, info, at) || info.size === 0) return true;
  let text: string;
  try {
    text = reading.options.reader.readFile(file);
  } catch (error) {
    report(reading, blame(file, at), { code: "ERR_CONFIG_READ", problem: `Cannot read \`${file}\`: ${reason(error)}`, action: "check that the file exists and is readable", logrotate: `failed to open config file ${file}: ${reason(error)}` }, "report");
    return false;
  }
  const backup = copySettings(target.settings);
  reading.model.files.push(file);
  if (shownAs !== file) reading.shownNames.set(file, shownAs);
  reading.stack.push(file);
  const ok = parseFile(reading, new Source(file, text), target);
  reading.stack.pop();
  if (!ok) target.settings = backup;
  return ok;
}

/**
 * Reads a file or a directory of files into `target`. `at` is the include directive, or
 * null for a path given on the command line.
 *
 * @example
 * readConfigPath(reading, "/etc/logrotate.d", target, includeLocation);
 */
export function readConfigPath(reading: Reading, path: string, target: Target, at: Location | null): void {
  const home = reading.options.homedir;
  const expanded = path.startsWith("~/") && home !== undefined ? posix.join(home, path.slice(2)) : path;
  const full = posix.resolve(reading.options.cwd, expanded);
  if (at !== null && reading.stack.includes(full)) {
    const chain = [...reading.stack.slice(reading.stack.indexOf(full)), full].join(" → ");
    report(reading, at, { code: "ERR_CONFIG_INCLUDE_CYCLE", problem: `\`include ${path}\` makes a cycle: ${chain}`, action: "remove one of the includes in the cycle", logrotate: "include nesting too deep" }, "report");
    return;
  }
  if (at !== null && reading.stack.length > MAX_INCLUDE_DEPTH) {
    report(reading, at, { code: "ERR_CONFIG_INCLUDE_DEPTH", problem: `Includes nested deeper than ${MAX_INCLUDE_DEPTH} levels`, action: "include fewer levels deep", logrotate: "include nesting too deep" }, "report");
    return;
  }
  let info: FileInfo;
  try {
    info = reading.options.reader.stat(full);
  } catch (error) {
    report(reading, blame(full, at), { code: "ERR_CONFIG_INCLUDE_MISSING", problem: `Cannot read \`${path}\`: ${reason(error)}`, action: "fix the path, or remove the include", logrotate: `cannot stat ${path}: ${reason(error)}` }, "report");
    return;
  }
  if (info.kind !== "directory") {
    readConfigFile(reading, full, expanded, info, target, at);
    return;
  }
  const names = reading.options.reader
    .readdir(full)
    .filter((name) => name !== "." && name !== ".." && !reading.model.taboo.some((pattern) => fnmatch(pattern, name)))
    .sort(byteOrder);
  for (const name of names) {
    const file = posix.join(full, name);
    let entry: FileInfo;
    try {
      entry = reading.options.reader.stat(file);
    } catch {
      continue;
    }
    if (!readConfigFile(reading, file, name, entry, target, at) && !reading.options.strict) {
      report(reading, blame(file, at), { code: "ERR_CONFIG_FILE_SKIPPED", problem: `\`${file}\` had errors, so its global directives were undone`, action: "fix the errors reported above it", logrotate: `found error in file ${name}, skipping` }, "report");
    }
  }
}
