/**
 * expandPattern: a log pattern of a config block to the paths it names, as logrotate 3.21
 * does it with glob(3) and GLOB_NOCHECK. Node 20 has no fs.glob, and rotor only needs the
 * shell's three wildcards (`*`, `?`, `[...]`) per path segment, so this is a small walk.
 *
 * WHY the rules below (docs/logrotate-behaviour.md 08n, 14a, rule 23 and 33):
 * - a pattern that matches nothing stays as the literal text, so that it is reported as a
 *   missing log ("stat of X failed", or skipped with missingok);
 * - a wildcard never matches a leading dot unless the pattern segment starts with one
 *   (glob(3) without GLOB_PERIOD);
 * - results come out sorted, as glob(3) sorts them, so the order of rotations is stable;
 * - already-rotated files match too (`*` rotates `app.log.1`): logrotate does the same.
 */
import { posix } from "node:path";
import { fnmatch, hasGlob } from "../../config/index.js";
import { call, type Operation } from "../../scheduler/index.js";
import type { RotateFs } from "../../rotate/index.js";

/** The part of the filesystem a glob needs. */
export type GlobFs = Pick<RotateFs, "readdir" | "lstat">;

/**
 * The paths `pattern` names: itself when it has no wildcard, else its matches, or itself
 * again when nothing matches.
 *
 * @example
 * const logs = yield* expandPattern("/var/log/app/*.log", nodeFs); // ["/var/log/app/a.log", ...]
 */
export function* expandPattern(pattern: string, fs: GlobFs): Operation<string[]> {
  if (!hasGlob(pattern)) return [pattern];
  const matches = yield* call(globPaths(pattern, fs));
  return matches.length === 0 ? [pattern] : matches.sort();
}

async function globPaths(pattern: string, fs: GlobFs): Promise<string[]> {
  const absolute = pattern.startsWith("/");
  const segments = pattern.split("/").filter((segment) => segment !== "");
  let paths = [absolute ? "/" : "."];
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    const next: string[] = [];
    for (const dir of paths) {
      if (!hasGlob(segment)) {
        next.push(posix.join(dir, segment));
        continue;
      }
      const names = (await fs.readdir(dir)) ?? [];
      for (const name of names) {
        if (name.startsWith(".") && !segment.startsWith(".")) continue;
        if (fnmatch(segment, name)) next.push(posix.join(dir, name));
      }
    }
    // Intermediate results must be directories to descend into; the last ones must exist.
    const kept: string[] = [];
    for (const path of next) {
      const info = await fs.lstat(path);
      if (info === null) continue;
      if (!last && info.type !== "directory" && info.type !== "symlink") continue;
      kept.push(path);
    }
    paths = kept;
    if (paths.length === 0) return [];
  }
  return absolute ? paths : paths.map((path) => path.replace(/^\.\//, ""));
}
