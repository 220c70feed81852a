/**
 * The files a size trigger follows and the watches on them. Watch callbacks arrive from
 * the host at any time; they only mark paths dirty and wake the trigger's task, which
 * does every stat and readdir itself (so no I/O runs outside a task, and cancelling the
 * task stops it all).
 *
 * Invariants: `files` holds the paths that existed at their last check (literal patterns
 * and directory entries that match a pattern); each has at most one watch, on the inode
 * its last stat saw (a rename replaces the inode: the watch is moved to the new file).
 * A directory with a wildcard pattern is watched (and read) whenever it exists, so new
 * files are seen. A directory of literal paths only is watched only while one of them is
 * missing, to see it appear: a daemon with 10,000 logs in one directory must not hold
 * 10,000 watches on that directory, each woken by every write to any of the logs, nor
 * read its 10,000 names once per log.
 * A path whose watch hit the system's limit is never watched again: polling covers it.
 */
import { posix } from "node:path";
import { call, type Operation } from "../scheduler/index.js";
import { watchAppearance } from "./appearance-watch.js";
import { matchesEntry, patternDirectories, type PatternDirectory } from "./pattern-directories.js";
import { SmallMap } from "./small-map.js";
import { isWatchLimit, watchLimitMessage, type SizeStat, type WatchHandle, type WatchHost, type WatchListener } from "./watch-host.js";

interface Followed {
  watch: WatchHandle | null;
  ino: number | null;
}

/** Whom a WatchSet tells: an object rather than two closures, as a daemon holds one per job. */
export interface WatchSetOwner {
  /** A watch reported something: the owner's task is to check (`dueIn`, `checkReported`). */
  wake(): void;
  /** Told once when the watch limit makes a path polled instead. */
  warn(message: string): void;
}

export class WatchSet {
  readonly #host: WatchHost;
  readonly #threshold: number;
  readonly #owner: WatchSetOwner;
  readonly #pollMs: number;
  /** One per directory of the patterns (an array: nearly always one, and a Map costs 250 bytes). */
  readonly #dirs: PatternDirectory[];
  /** Few paths nearly always (one, for a job of one log): a SmallMap, not a Map. */
  readonly #files = new SmallMap<string, Followed>();
  // The sets and maps below are made when first needed (null until then): a daemon holds
  // one WatchSet per job with a size threshold, nearly all of them quiet.
  /** Paths that a watch said changed since the last check. */
  #dirty: Set<string> | null = null;
  /** Loop time of each path's last check on a watch's word, for pacing (see `dueIn`). */
  #checkedAt: Map<string, number> | null = null;
  #rescannedAt = -Infinity;
  /** A directory watch reported an event without a name: read the directory again. */
  #rescan = false;
  /** Paths never to watch again: the watch limit was reached on them. */
  #unwatchable: Set<string> | null = null;
  #warned = false;
  #closed = false;

  /**
   * @param spacing the least time (loop ms) between two checks of one path on a watch's
   * word: a busy log costs one stat per `spacing`, not one per write.
   */
  constructor(patterns: string[], threshold: number, host: WatchHost, owner: WatchSetOwner, pollMs: number, readonly spacing: number) {
    this.#host = host;
    this.#threshold = threshold;
    this.#owner = owner;
    this.#pollMs = pollMs;
    this.#dirs = patternDirectories(patterns);
  }

  /**
   * Checks every followed path and reads every wildcard directory: the start, a rescan,
   * and every few polls (a sweep, in case a watch missed something).
   */
  *checkAll(): Operation<string[]> {
    this.#dirty = null;
    this.#rescan = false;
    return yield* this.#poll(false);
  }

  /**
   * A poll between sweeps: only what no watch covers — paths without a watch (past the
   * watch limit, or missing) and wildcard directories without one. A watched log costs
   * nothing between sweeps, so 10,000 idle logs do not cost 10,000 stats a minute.
   */
  *checkUnwatched(): Operation<string[]> {
    return yield* this.#poll(true);
  }

  *#poll(unwatchedOnly: boolean): Operation<string[]> {
    const candidates = new Set<string>();
    for (const entry of this.#dirs) for (const path of entry.literals) if (!unwatchedOnly || !this.#isWatched(path)) candidates.add(path);
    for (const path of this.#files.keys()) if (!unwatchedOnly || !this.#isWatched(path)) candidates.add(path);
    const dirs = this.#dirs.filter((entry) => entry.wild && (!unwatchedOnly || entry.watch === null));
    if (dirs.length === 0 && candidates.size === 0) return [];
    if (dirs.length > 0) {
      const listings = yield* call(Promise.all(dirs.map((entry) => this.#host.readdir(entry.dir))));
      dirs.forEach((entry, index) => {
        const dir = entry.dir;
        const names = listings[index];
        if (names === null || names === undefined) {
          this.#unwatch(entry);
          return this.#awaitAppearance(entry);
        }
        if (entry.watch === null) this.#watchDirectory(entry);
        for (const name of names) if (matchesEntry(entry, name)) candidates.add(posix.join(dir, name));
      });
    }
    return yield* this.#check([...candidates], false);
  }

  /** Whether anything needs polling between sweeps: a path or a wildcard directory without a watch. */
  hasUnwatched(): boolean {
    for (const entry of this.#dirs) for (const path of entry.literals) if (!this.#isWatched(path)) return true;
    for (const entry of this.#dirs) if (entry.wild && entry.watch === null) return true;
    for (const path of this.#files.keys()) if (!this.#isWatched(path)) return true;
    return false;
  }

  #isWatched(path: string): boolean {
    return (this.#files.get(path)?.watch ?? null) !== null;
  }

  /**
   * Watches a literal-only directory while one of its paths is missing, and no longer once
   * they all exist (their own watches see writes and renames). A path found missing when
   * the watch is made is checked once more: it may have appeared just before.
   */
  #watchForMissing(): void {
    for (const entry of this.#dirs) {
      if (entry.wild) continue;
      const missing = entry.literals.filter((path) => !this.#files.has(path));
      if (missing.length === 0) {
        this.#unwatch(entry);
      } else if (entry.watch === null) {
        if (this.#watchDirectory(entry) === "ENOENT") this.#awaitAppearance(entry);
        if (entry.watch !== null) for (const path of missing) this.#mark(path);
      }
    }
  }

  /**
   * How long (loop ms from `now`) until a reported path may be checked: 0 if one may be
   * now, Infinity if nothing was reported.
   */
  dueIn(now: number): number {
    let due = this.#rescan ? this.#rescannedAt + this.spacing : Infinity;
    if (this.#dirty !== null) for (const path of this.#dirty) due = Math.min(due, (this.#checkedAt?.get(path) ?? -Infinity) + this.spacing);
    return Math.max(0, due - now);
  }

  /** Checks the reported paths that are due at `now` (all of them, if a directory needs reading again). */
  *checkReported(now: number): Operation<string[]> {
    if (this.#rescan && this.#rescannedAt + this.spacing <= now) {
      this.#rescannedAt = now;
      return yield* this.checkAll();
    }
    const paths: string[] = [];
    if (this.#dirty !== null) {
      const checkedAt = (this.#checkedAt ??= new Map());
      for (const path of this.#dirty) {
        if ((checkedAt.get(path) ?? -Infinity) + this.spacing > now) continue;
        paths.push(path);
        this.#dirty.delete(path);
        checkedAt.set(path, now);
      }
    }
    return yield* this.#check(paths, true);
  }

  /** Closes every watch. */
  close(): void {
    this.#closed = true;
    for (const entry of this.#dirs) {
      this.#unwatch(entry);
      this.#stopAwaiting(entry);
    }
    for (const followed of this.#files.values()) this.#unwatch(followed);
    this.#files.clear();
  }

  /**
   * Stats `paths`, follows what it saw, and returns the files over the threshold. `settling`:
   * the paths were reported by a watch (a file just created or replaced, most likely being
   * written): a watch made on one now is made after its stat, so a write in between would be
   * seen by neither; such a path is checked once more, a pacing interval later.
   */
  *#check(paths: string[], settling: boolean): Operation<string[]> {
    const stats = yield* call(Promise.all(paths.map((path) => this.#host.stat(path))));
    const over: string[] = [];
    paths.forEach((path, index) => {
      const stat = stats[index] ?? null;
      if (this.#follow(path, stat) && settling) this.#mark(path);
      if (stat !== null && stat.isFile && stat.size > this.#threshold) over.push(path);
    });
    if (!this.#closed) this.#watchForMissing();
    return over;
  }

  /** Keeps `files` and their watches in step with what stat saw; true if it made a new watch. */
  #follow(path: string, stat: SizeStat | null): boolean {
    if (this.#closed) return false;
    let followed = this.#files.get(path);
    if (stat === null || !stat.isFile) {
      if (followed) this.#unwatch(followed);
      this.#files.delete(path);
      this.#checkedAt?.delete(path);
      return false;
    }
    if (followed === undefined) {
      followed = { watch: null, ino: null };
      this.#files.set(path, followed);
    }
    if (followed.ino === stat.ino && followed.watch !== null) return false;
    this.#unwatch(followed);
    followed.ino = stat.ino;
    this.#watch(followed, path, null, "file");
    return followed.watch !== null;
  }

  /** Watches a directory of the patterns; once that works it no longer waits for it to appear. Returns what watch's failure said. */
  #watchDirectory(entry: PatternDirectory): string | null {
    const dir = entry.dir;
    const failure = this.#watch(entry, dir, (_event, name) => this.#dirEvent(dir, entry, name));
    if (entry.watch !== null) this.#stopAwaiting(entry);
    return failure;
  }

  /** A directory found missing: its appearance (or a part of its path's) makes the set read everything again. */
  #awaitAppearance(entry: PatternDirectory): void {
    if (entry.awaiting !== null || this.#closed) return;
    entry.awaiting = watchAppearance(this.#host, entry.dir, () => {
      // Watched again from the next read: at the directory, or at the next ancestor down.
      this.#stopAwaiting(entry);
      this.#rescan = true;
      this.#owner.wake();
    });
  }

  #stopAwaiting(entry: PatternDirectory): void {
    entry.awaiting?.close();
    entry.awaiting = null;
  }

  #dirEvent(dir: string, entry: PatternDirectory, name: string | null): void {
    if (name === null) {
      this.#rescan = true;
      this.#owner.wake();
    } else if (matchesEntry(entry, name)) this.#mark(posix.join(dir, name));
  }

  /** Only a path not already waiting wakes the task: a busy path waiting for its turn does not. */
  #mark(path: string): void {
    const dirty = (this.#dirty ??= new Set());
    if (dirty.has(path)) return;
    dirty.add(path);
    this.#owner.wake();
  }

  /**
   * Watches `path` into `holder.watch`, or leaves it null when the path cannot be watched;
   * returns null, or the code of the error that kept it from watching (ENOENT: missing).
   * A null `listener` marks `path` (a file's watch): made here, it shares its closure
   * context with the error callback's, one context a watch instead of two.
   */
  #watch(holder: { watch: WatchHandle | null }, path: string, listener: WatchListener | null, kind: "file" | "directory" = "directory"): string | null {
    if (this.#unwatchable?.has(path)) return null;
    let handle: WatchHandle | null = null;
    try {
      handle = this.#host.watch(
        path,
        listener ?? (() => this.#mark(path)),
        () => {
          // A broken watch (its directory removed): drop it and read everything again, which re-watches.
          if (handle !== null && holder.watch === handle) this.#unwatch(holder);
          this.#rescan = true;
          this.#owner.wake();
        },
        kind,
      );
      holder.watch = handle;
      return null;
    } catch (error) {
      if (isWatchLimit(error)) {
        (this.#unwatchable ??= new Set()).add(path);
        if (!this.#warned) this.#owner.warn(watchLimitMessage(path, error, this.#pollMs));
        this.#warned = true;
      }
      return String((error as { code?: unknown } | null)?.code ?? "unknown");
    }
  }

  #unwatch(holder: { watch: WatchHandle | null }): void {
    holder.watch?.close();
    holder.watch = null;
  }
}

