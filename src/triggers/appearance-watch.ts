/**
 * Waiting for a missing directory to appear. A directory that does not exist cannot be
 * watched, but its nearest existing ancestor can, and the creation of the next part of
 * the path shows there as an event named after it. WHY: a size trigger on
 * `/var/log/myapp/*.log`, whose directory the app makes at its first start, was only
 * polled (every `check`, 60 s by default) until the directory existed, so a log could
 * grow far past its threshold before anyone looked. Now its creation wakes the trigger,
 * which reads again: the directory is watched once it exists, or, if only a part of the
 * path was made, the next ancestor down is.
 */
import { posix } from "node:path";
import type { WatchHandle, WatchHost } from "./watch-host.js";

/**
 * Watches the nearest existing ancestor of `dir` for the next part of the path to appear,
 * and calls `onAppear` when it may have (or when that watch broke: the ancestor itself was
 * removed). Returns null when no ancestor could be watched (the watch limit, no right to
 * read it, a file where a directory should be): polling covers `dir` then, as before.
 *
 * @example
 * entry.awaiting = watchAppearance(host, "/var/log/myapp", () => rescan());
 */
export function watchAppearance(host: WatchHost, dir: string, onAppear: () => void): WatchHandle | null {
  for (let child = dir, parent = posix.dirname(dir); child !== parent; child = parent, parent = posix.dirname(parent)) {
    const name = posix.basename(child);
    try {
      return host.watch(parent, (_event, entry) => entry === null || entry === name ? onAppear() : undefined, onAppear, "directory");
    } catch (error) {
      // Only a missing ancestor sends the search further up.
      if ((error as { code?: unknown } | null)?.code !== "ENOENT") return null;
    }
  }
  return null;
}
