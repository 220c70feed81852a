/**
 * Where versions of a log go and what they are called, and how existing versions are
 * recognised among other files: numbered (`app.log.1`, `app.1.log` with `extension .log`)
 * or dated (`app.log-20260315`), compressed or not, in the log's directory or in olddir.
 */
import { posix } from "node:path";
import { dateFormatPattern, formatDate } from "./date-format.js";
import type { FileInfo } from "./fs.js";
import type { RotationPolicy } from "./policy.js";

/** Extensions of compressors rotor or logrotate may have used on earlier versions. */
const KNOWN_COMPRESSED = [".gz", ".zst", ".xz", ".bz2", ".lz4", ".lzma", ".Z"];

export interface Naming {
  /** The live log. */
  log: string;
  /** The directory the versions live in (olddir, resolved, or the log's own). */
  dir: string;
  /** The log's name without the kept extension. */
  stem: string;
  /** The final extension (`addextension`, or `extension` when the log ends with it), or "". */
  ext: string;
  /** The extension of compressed versions, or "" without compression. */
  compext: string;
  /** `dir` ending with "/" where `dir` is already normal, else null (see inDir). */
  dirPrefix: string | null;
}

/** A version found on disk. */
export interface Version {
  name: string;
  path: string;
  /** Its number, for a numbered version. */
  index: number | null;
  /** The date part of its name, for a dated version (sorts by date). */
  date: string | null;
  /** The compression extension it carries, or "". */
  compressed: string;
  info: FileInfo;
}

export function namingFor(logPath: string, policy: RotationPolicy): Naming {
  const dir = posix.dirname(logPath);
  const base = posix.basename(logPath);
  const olddir = policy.olddir === null ? dir : posix.resolve(dir, policy.olddir);
  // addextension always ends the name (moved, not doubled); extension only when the log has it.
  const ext = policy.addextension || policy.extension;
  const hasExt = ext !== "" && base.endsWith(ext) && base !== ext;
  return {
    log: logPath,
    dir: olddir,
    stem: hasExt ? base.slice(0, -ext.length) : base,
    ext: hasExt || policy.addextension !== "" ? ext : "",
    compext: policy.compressext,
    dirPrefix: posix.normalize(olddir) !== olddir ? null : olddir.endsWith("/") ? olddir : `${olddir}/`,
  };
}

/**
 * The path of `name` (a file name: no "/", not "." or "..") in the versions directory: what
 * posix.join gives, by concatenation where the directory is normal, as it nearly always is
 * (join normalises the whole path on every call, a tenth of the planner's time).
 */
export function inDir(naming: Naming, name: string): string {
  return naming.dirPrefix === null ? posix.join(naming.dir, name) : naming.dirPrefix + name;
}

/** The path of numbered version `index`, compressed (with the policy's extension) or not. */
export function numberedPath(naming: Naming, index: number, compressed: string): string {
  return inDir(naming, `${naming.stem}.${index}${naming.ext}${compressed}`);
}

/** The path a dated version made at `epochMs` gets. */
export function datedPath(naming: Naming, policy: RotationPolicy, epochMs: number, compressed: string): string {
  return posix.join(naming.dir, `${naming.stem}${formatDate(policy.dateformat, epochMs, policy.timezone)}${naming.ext}${compressed}`);
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * What follows the stem in a version's name. It does not depend on the log, so it is made
 * once per kind of naming, not once per log: a pass over 10,000 logs compiled 10,000 regular
 * expressions, a fifth of its CPU time.
 */
const suffixPatterns = new Map<string, RegExp>();

function suffixPattern(naming: Naming, policy: RotationPolicy): RegExp {
  const key = `${policy.dateext ? `dated ${policy.dateformat}` : "numbered"}\0${naming.ext}\0${naming.compext}`;
  let pattern = suffixPatterns.get(key);
  if (pattern === undefined) {
    const compressions = [...new Set([naming.compext, ...KNOWN_COMPRESSED].filter((e) => e !== ""))].map(escape).join("|");
    const middle = policy.dateext ? `(${dateFormatPattern(policy.dateformat)})` : "\\.(\\d+)";
    suffixPatterns.set(key, (pattern = new RegExp(`^${middle}${escape(naming.ext)}(${compressions})?$`)));
  }
  return pattern;
}

/**
 * The versions of the log among `entries` (the names in the versions directory), of the
 * kind the policy uses (numbered or dated), each with the compression it carries.
 */
export function findVersions(naming: Naming, policy: RotationPolicy, entries: ReadonlyMap<string, FileInfo>): Version[] {
  const pattern = suffixPattern(naming, policy);
  const versions: Version[] = [];
  for (const [name, info] of entries) {
    const match = name.startsWith(naming.stem) ? pattern.exec(name.slice(naming.stem.length)) : null;
    if (!match) continue;
    const path = inDir(naming, name);
    if (path === naming.log) continue;
    versions.push({
      name,
      path,
      index: policy.dateext ? null : Number(match[1]),
      date: policy.dateext ? match[1]! : null,
      compressed: match[2] ?? "",
      info,
    });
  }
  return versions;
}
