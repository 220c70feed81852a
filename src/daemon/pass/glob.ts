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
import { eachBounded, type FileInfo, type RotateFs } from "../../rotate/index.js";

/** The part of the filesystem a glob needs. */
export type GlobFs = Pick<RotateFs, "readdir" | "lstat" | "lstatMany">;

/**
 * The paths `pattern` names: itself when it has no wildcard, else its matches, or itself
 * again when nothing matches.
 *
 * @example
 * const logs = yield* expandPattern("/var/log/app/*.log", nodeFs); // ["/var/log/app/a.log", ...]
 */
export function* expandPattern(pattern: string, fs: GlobFs): Operation<string[]> {
  return (yield* expandPatternInfo(pattern, fs)).map((match) => match.path);
}

/** A path a pattern names, with the lstat the glob took of it (undefined: none was taken). */
export interface GlobMatch {
  path: string;
  info?: FileInfo | null;
}

/**
 * As expandPattern, with each match's lstat, so that the caller need not take it again.
 *
 * @example
 * for (const { path, info } of yield* expandPatternInfo("/var/log/app/*.log", nodeFs)) console.log(path, info?.size);
 */
export function* expandPatternInfo(pattern: string, fs: GlobFs): Operation<GlobMatch[]> {
  if (!hasGlob(pattern)) return [{ path: pattern }];
  const matches = yield* call(globPaths(pattern, fs));
  return matches.length === 0 ? [{ path: pattern }] : matches.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** lstats at once: enough to keep libuv's thread pool busy, few enough to bound memory. */
const LSTATS_AT_ONCE = 64;

async function lstatAll(fs: GlobFs, paths: string[]): Promise<Array<FileInfo | null>> {
  if (fs.lstatMany !== undefined) {
    const found = await fs.lstatMany(paths);
    const failed = found.find((info) => info instanceof Error);
    if (failed !== undefined) throw failed;
    return found as Array<FileInfo | null>;
  }
  const infos: Array<FileInfo | null> = new Array(paths.length);
  await eachBounded(
    paths.map((_, index) => index),
    LSTATS_AT_ONCE,
    async (index) => (infos[index] = await fs.lstat(paths[index]!)),
  );
  return infos;
}

async function globPaths(pattern: string, fs: GlobFs): Promise<GlobMatch[]> {
  const absolute = pattern.startsWith("/");
  const segments = pattern.split("/").filter((segment) => segment !== "");
  let paths = [absolute ? "/" : "."];
  let infos: Array<FileInfo | null> = [];
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
        // A plain concatenation: `dir` is already normal and `name` has no slash (join's
        // normalising was a tenth of a no-op pass over 10,000 logs).
        if (fnmatch(segment, name)) next.push(dir === "/" ? `/${name}` : `${dir}/${name}`);
      }
    }
    // Intermediate results must be directories to descend into; the last ones must exist.
    const found = await lstatAll(fs, next);
    const keep = (info: FileInfo | null): info is FileInfo => info !== null && (last || info.type === "directory" || info.type === "symlink");
    paths = next.filter((_path, i) => keep(found[i]!));
    infos = found.filter(keep);
    if (paths.length === 0) return [];
  }
  return paths.map((path, i) => ({ path: absolute ? path : path.replace(/^\.\//, ""), info: infos[i]! }));
}

/**
 * Whether `path` is one that `pattern` can name (each segment by fnmatch, as the glob walk
 * matches them), whether or not it exists now.
 *
 * @example
 * matchesPattern("/var/log/app/*.log", "/var/log/app/a.log"); // true
 */
export function matchesPattern(pattern: string, path: string): boolean {
  if (!hasGlob(pattern)) return pattern === path;
  const want = pattern.split("/");
  const have = path.split("/");
  if (want.length !== have.length) return false;
  return want.every((segment, i) => {
    const name = have[i]!;
    if (!hasGlob(segment)) return segment === name;
    return !(name.startsWith(".") && !segment.startsWith(".")) && fnmatch(segment, name);
  });
}
