/**
 * readListings: the Listings (plan.ts) of many logs of one policy, for a batch (batch.ts),
 * with each directory looked at once rather than once per log.
 *
 * WHY: readListing (listing.ts) lstats the log's directory and reads the versions directory
 * for every log. For 10,000 logs in 10 directories that is 10,000 lstats of ten directories
 * and, without care, 10,000 readdirs of thousands of names. Here each directory is lstat'ed
 * and read once, its names sorted, and each log takes only the names that start with its
 * stem (a binary search). A log's own lstat may be given (`known`: the pass's due check has
 * just made it, as logrotate's own rotation uses the stat of its due check), and so may the
 * directories' names (`snapshot`: read once for the whole pass while nothing has changed;
 * directory-snapshot.ts says when that holds).
 *
 * The caller must ensure no log's stem is a prefix of another's in the same batch (the pass
 * checks it: overlap.ts), so that one log's rotation changes no name another log's plan
 * was made from.
 */
import { posix } from "node:path";
import { DirectorySnapshot, type DirectoryEntries } from "./directory-snapshot.js";
import type { FileInfo, FileType, RotateFs } from "./fs.js";
import { namingFor } from "./naming.js";
import type { Listing } from "./plan.js";
import type { RotationPolicy } from "./policy.js";

/**
 * One Listing per log, in the order of `logs`; a log whose listing could not be read gets
 * the error instead (its rotation fails alone).
 *
 * The directories are looked at first, all at once; then each log takes its part of them.
 * Only what is not known yet costs a promise: the common case (the log's lstat given, the
 * versions' types recorded by the directory) makes none per log.
 *
 * @example
 * const listings = await readListings(nodeFs, ["/var/log/a.log", "/var/log/b.log"], policy);
 */
export async function readListings(
  fs: RotateFs,
  logs: readonly string[],
  policy: RotationPolicy,
  known?: ReadonlyMap<string, FileInfo>,
  snapshot?: DirectorySnapshot,
): Promise<Array<Listing | { error: unknown }>> {
  // Without maxage and a total-size budget the planner reads only the type of a version
  // (plan.ts: a directory named like one is refused), which the directory records itself.
  const typesOnly = policy.maxage === null && policy.maxTotalSize === null;
  const namings = logs.map((log) => attempt(() => namingFor(log, policy)));
  const dirs = new Map<string, Outcome<FileInfo | null>>();
  for (const [k, log] of logs.entries()) {
    const naming = namings[k]!;
    if ("error" in naming) continue;
    dirs.set(posix.dirname(log), { value: null });
    dirs.set(naming.value.dir, { value: null });
  }
  await settleAll(dirs, (dir) => fs.lstat(dir));
  const names = new Map<string, Outcome<DirectoryEntries>>();
  for (const naming of namings) {
    if ("error" in naming) continue;
    const info = dirs.get(naming.value.dir)!;
    if ("value" in info && info.value?.type === "directory") names.set(naming.value.dir, { value: NO_ENTRIES });
  }
  const directories = snapshot ?? new DirectorySnapshot(fs);
  await settleAll(names, (dir) => directories.entries(dir).then((entries) => entries ?? NO_ENTRIES));
  const lstats = new Map<string, Outcome<FileInfo | null>>();
  for (const log of logs) if (known?.get(log) === undefined) lstats.set(log, { value: null });
  await settleAll(lstats, (log) => fs.lstat(log));
  const listings = logs.map((logPath, k): Listing | { error: unknown } | Promise<Listing | { error: unknown }> => {
    try {
      const naming = unwrap(namings[k]!);
      const logDirPath = posix.dirname(logPath);
      const log = known?.get(logPath) ?? unwrap(lstats.get(logPath)!);
      const logDir = unwrap(dirs.get(logDirPath)!);
      const versionsDir = unwrap(dirs.get(naming.dir)!);
      const listing: Listing = { log, logDir, versionsDir, entries: new Map<string, FileInfo>() };
      if (versionsDir?.type !== "directory") return listing;
      const directory = unwrap(names.get(naming.dir)!);
      const types = typesOnly ? directory.types : null;
      const own = naming.dir === logDirPath ? posix.basename(logPath) : null;
      const candidates = startingWith(directory.names, posix.basename(naming.stem));
      let pending = false;
      const infos = candidates.map((name) => {
        const type = types?.get(name) ?? null;
        if (name === own && log !== null) return log;
        if (type !== null) return typeOnly(type);
        pending = true;
        return fs.lstat(posix.join(naming.dir, name));
      });
      if (!pending) return withEntries(listing, candidates, infos as FileInfo[]);
      return Promise.all(infos).then((found) => withEntries(listing, candidates, found), (error: unknown) => ({ error }));
    } catch (error) {
      return { error };
    }
  });
  // Promise.all would make a promise of every listing; only the few still pending are awaited.
  const pending = listings.flatMap((listing, k) => (listing instanceof Promise ? [listing.then((done) => void (listings[k] = done))] : []));
  if (pending.length > 0) await Promise.all(pending);
  return listings as Array<Listing | { error: unknown }>;
}

/** A result, or the error that stood in its way (a per-log error, never the whole batch's). */
type Outcome<T> = { value: T } | { error: unknown };

function attempt<T>(work: () => T): Outcome<T> {
  try {
    return { value: work() };
  } catch (error) {
    return { error };
  }
}

function unwrap<T>(outcome: Outcome<T>): T {
  if ("error" in outcome) throw outcome.error;
  return outcome.value;
}

/** Fills each key of `into` with `work(key)`'s outcome, all at once. */
async function settleAll<T>(into: Map<string, Outcome<T>>, work: (key: string) => Promise<T>): Promise<void> {
  await Promise.all(
    [...into.keys()].map((key) =>
      work(key).then(
        (value) => void into.set(key, { value }),
        (error: unknown) => void into.set(key, { error }),
      ),
    ),
  );
}

/** A directory that vanished between its lstat and its read: no names. */
const NO_ENTRIES: DirectoryEntries = { names: [], types: null };

/** The listing with the `names` found (in their sorted order) as its entries. */
function withEntries(listing: Listing, names: readonly string[], infos: ReadonlyArray<FileInfo | null>): Listing {
  names.forEach((name, i) => infos[i] && (listing.entries as Map<string, FileInfo>).set(name, infos[i]!));
  return listing;
}

/**
 * A FileInfo that knows only the type: every other field is NaN, which no comparison
 * passes. Used only where the planner reads nothing else (see typesOnly above). One frozen
 * object per type, shared by every version of that type (20,000 of them in a forced pass
 * over 10,000 logs, each kept as long as its plan).
 */
function typeOnly(type: FileType): FileInfo {
  return TYPE_ONLY[type];
}

const TYPE_ONLY: Readonly<Record<FileType, FileInfo>> = Object.freeze({
  file: nanInfo("file"),
  directory: nanInfo("directory"),
  symlink: nanInfo("symlink"),
  other: nanInfo("other"),
});

function nanInfo(type: FileType): FileInfo {
  return Object.freeze({ type, size: NaN, mtimeMs: NaN, mode: NaN, uid: NaN, gid: NaN, nlink: NaN, dev: NaN, ino: NaN });
}

/** The names of sorted `names` that start with `prefix`. */
function startingWith(names: readonly string[], prefix: string): string[] {
  let low = 0;
  let high = names.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (names[middle]! < prefix) low = middle + 1;
    else high = middle;
  }
  let end = low;
  while (end < names.length && names[end]!.startsWith(prefix)) end++;
  return names.slice(low, end);
}
