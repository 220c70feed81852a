/**
 * readListings: the Listings (plan.ts) of many logs of one policy, for a batch (batch.ts),
 * with each directory looked at once rather than once per log.
 *
 * WHY: readListing (listing.ts) lstats the log's directory and reads the versions directory
 * for every log. For 10,000 logs in 10 directories that is 10,000 lstats of ten directories
 * and, without care, 10,000 readdirs of thousands of names. Here each directory is lstat'ed
 * and read once, its names sorted, and each log takes only the names that start with its
 * stem (a binary search). A log's own lstat may be given (`known`: the pass's due check has
 * just made it, as logrotate's own rotation uses the stat of its due check).
 *
 * The caller must ensure no log's stem is a prefix of another's in the same batch (the pass
 * checks it: overlap.ts), so that one log's rotation changes no name another log's plan
 * was made from.
 */
import { posix } from "node:path";
import type { FileInfo, FileType, RotateFs } from "./fs.js";
import { namingFor } from "./naming.js";
import type { Listing } from "./plan.js";
import type { RotationPolicy } from "./policy.js";

/**
 * One Listing per log, in the order of `logs`; a log whose listing could not be read gets
 * the error instead (its rotation fails alone).
 *
 * @example
 * const listings = await readListings(nodeFs, ["/var/log/a.log", "/var/log/b.log"], policy);
 */
export async function readListings(fs: RotateFs, logs: readonly string[], policy: RotationPolicy, known?: ReadonlyMap<string, FileInfo>): Promise<Array<Listing | { error: unknown }>> {
  const dirs = new Map<string, Promise<FileInfo | null>>();
  const names = new Map<string, Promise<Entry[]>>();
  const dirInfo = (dir: string): Promise<FileInfo | null> => getOrSet(dirs, dir, () => fs.lstat(dir));
  // Without maxage and a total-size budget the planner reads only the type of a version
  // (plan.ts: a directory named like one is refused), which the directory records itself.
  const typesOnly = fs.readdirTypes !== undefined && policy.maxage === null && policy.maxTotalSize === null;
  const sortedNames = (dir: string): Promise<Entry[]> =>
    getOrSet(names, dir, async () => {
      const entries = typesOnly ? ((await fs.readdirTypes!(dir)) ?? []) : ((await fs.readdir(dir)) ?? []).map((name): Entry => [name, null]);
      return entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    });
  const infoOf = (dir: string, [name, type]: Entry): Promise<FileInfo | null> | FileInfo => (type === null ? fs.lstat(posix.join(dir, name)) : typeOnly(type));
  return Promise.all(
    logs.map(async (logPath) => {
      try {
        const naming = namingFor(logPath, policy);
        const logDirPath = posix.dirname(logPath);
        const [log, logDir, versionsDir] = await Promise.all([
          known?.get(logPath) ?? fs.lstat(logPath),
          dirInfo(logDirPath),
          naming.dir === logDirPath ? null : dirInfo(naming.dir),
        ]);
        const versionsInfo = naming.dir === logDirPath ? logDir : versionsDir;
        const entries = new Map<string, FileInfo>();
        if (versionsInfo?.type === "directory") {
          const own = naming.dir === logDirPath ? posix.basename(logPath) : null;
          const candidates = startingWith(await sortedNames(naming.dir), posix.basename(naming.stem));
          const infos = await Promise.all(candidates.map((entry) => (entry[0] === own && log !== null ? log : infoOf(naming.dir, entry))));
          candidates.forEach(([name], i) => infos[i] && entries.set(name, infos[i]!));
        }
        return { log, logDir, versionsDir: versionsInfo, entries };
      } catch (error) {
        return { error };
      }
    }),
  );
}

function getOrSet<T>(map: Map<string, T>, key: string, make: () => T): T {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

/** A directory entry: its name and, if known, its type. */
type Entry = [name: string, type: FileType | null];

/**
 * A FileInfo that knows only the type: every other field is NaN, which no comparison
 * passes. Used only where the planner reads nothing else (see typesOnly above).
 */
function typeOnly(type: FileType): FileInfo {
  return { type, size: NaN, mtimeMs: NaN, mode: NaN, uid: NaN, gid: NaN, nlink: NaN, dev: NaN, ino: NaN };
}

/** The entries of sorted `entries` whose names start with `prefix`. */
function startingWith(entries: readonly Entry[], prefix: string): Entry[] {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (entries[middle]![0] < prefix) low = middle + 1;
    else high = middle;
  }
  let end = low;
  while (end < entries.length && entries[end]![0].startsWith(prefix)) end++;
  return entries.slice(low, end);
}
