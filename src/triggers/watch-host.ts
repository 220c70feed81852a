/**
 * The seam between the size trigger and the filesystem: watching, stat and readdir. The
 * real one is node-watch-host.ts; tests pass their own to make watching fail (the inotify
 * limit) or to count stats, and never patch node:fs.
 */

/** What a watch reports: the kind of event and, for a directory, the entry it is about. */
export type WatchListener = (event: "rename" | "change", name: string | null) => void;

/** A watch that can be closed, and may fail later (the watched directory was removed). */
export interface WatchHandle {
  close(): void;
}

/** What `stat` says of a path that exists. */
export interface SizeStat {
  size: number;
  /** Identifies the file: a new inode at the same path means it was replaced (rotated). */
  ino: number;
  /** False for a directory, a socket, … which have no size to rotate on. */
  isFile: boolean;
}

export interface WatchHost {
  /**
   * Starts watching a file or a directory. Throws when it cannot (ENOENT for a missing
   * path; ENOSPC or EMFILE when the system's watch limit is reached). `onError` reports a
   * watch that broke afterwards. `kind` says which of the two `path` is, when the caller
   * knows (a host may watch a file through its directory: shared-dir-watch-host.ts).
   */
  watch(path: string, listener: WatchListener, onError: (error: unknown) => void, kind?: "file" | "directory"): WatchHandle;
  /** The size and identity of `path`, or null when it does not exist. */
  stat(path: string): Promise<SizeStat | null>;
  /** The names in a directory, or null when it does not exist. */
  readdir(path: string): Promise<string[] | null>;
}

/** True for the errors that mean "too many watches", after which polling takes over. */
export function isWatchLimit(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ENOSPC" || code === "EMFILE" || code === "ENFILE";
}

/**
 * What a size trigger says, once, when the watch limit makes it poll `path` (every
 * `pollMs`) rather than watch it: what happened, what it does instead, and what to change.
 *
 * @example
 * owner.warn(watchLimitMessage("/var/log/app.log", error, 60_000));
 */
export function watchLimitMessage(path: string, error: unknown, pollMs: number): string {
  const code = String((error as { code?: unknown } | null)?.code);
  const fallback = pollMs === Infinity ? "it is not checked (polling is off: set checkMs)" : `checking it every ${pollMs} ms instead`;
  return `Cannot watch ${path} (${code}: the system's limit of watches is reached); ${fallback}, and the same for any other path that hits the limit. Raise fs.inotify.max_user_watches (Linux) or the open-file limit to watch them all.`;
}
