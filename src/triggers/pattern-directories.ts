/**
 * A size trigger's patterns grouped by directory: each directory is read, watched and
 * waited for once, however many of the patterns it holds (size-watch-set.ts). Only the
 * last part of a pattern may be a wildcard.
 */
import { posix } from "node:path";
import { hasWildcard, namePattern } from "./name-pattern.js";
import type { WatchHandle } from "./watch-host.js";

export interface PatternDirectory {
  dir: string;
  /** The patterns' last parts (file names or wildcards). */
  names: string[];
  /** `names` as matchers, made when first needed: a literal-only directory rarely needs them. */
  matchers: ((name: string) => boolean)[] | null;
  /** Some pattern of this directory has a wildcard: read it and keep it watched. */
  wild: boolean;
  /** The literal paths of this directory. */
  literals: string[];
  watch: WatchHandle | null;
  /** While `dir` does not exist: the watch of its nearest existing ancestor (appearance-watch.ts). */
  awaiting: WatchHandle | null;
}

/**
 * The directories of `patterns` (resolved against the working directory), in order of first use.
 *
 * @example
 * const [logs] = patternDirectories(["/var/log/app/*.log"]); // { dir: "/var/log/app", wild: true, ... }
 */
export function patternDirectories(patterns: readonly string[]): PatternDirectory[] {
  const dirs = new Map<string, PatternDirectory>();
  for (const pattern of patterns) {
    // The pattern itself when it is already resolved: a daemon holds one per job.
    const resolved = posix.resolve(pattern);
    const path = resolved === pattern ? pattern : resolved;
    const dir = posix.dirname(path);
    const name = posix.basename(path);
    const wild = hasWildcard(name);
    const entry = dirs.get(dir);
    // Arrays made with their first element, not pushed into: a pushed array reserves 17
    // slots, and a directory nearly always has one pattern.
    if (entry === undefined) dirs.set(dir, { dir, names: [name], matchers: null, wild, literals: wild ? [] : [path], watch: null, awaiting: null });
    else {
      entry.names.push(name);
      if (wild) entry.wild = true;
      else entry.literals.push(path);
    }
  }
  return [...dirs.values()];
}

/**
 * Whether a directory entry's name matches one of the directory's patterns.
 *
 * @example
 * if (matchesEntry(entry, "app.log")) follow(posix.join(entry.dir, "app.log"));
 */
export function matchesEntry(entry: PatternDirectory, name: string): boolean {
  return (entry.matchers ??= entry.names.map(namePattern)).some((match) => match(name));
}
