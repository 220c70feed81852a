/**
 * The real WatchHost: node:fs's watch (inotify on Linux), stat and readdir. The only file
 * of the trigger layer that touches node:fs.
 */
import { lstatSync, watch, promises as fsp } from "node:fs";
import { shareDirectoryWatches } from "./shared-dir-watch-host.js";
import type { SizeStat, WatchHandle, WatchHost } from "./watch-host.js";

function missing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}

/**
 * The filesystem as the size trigger uses it.
 *
 * @example
 * yield* sizeTrigger(spec, { fire, watcher: nodeWatchHost });
 */
export const nodeWatchHost: WatchHost = {
  watch(path, listener, onError): WatchHandle {
    // persistent: a daemon's watches are what it waits on; the loop itself keeps no handle.
    // The listener is given as it is (node's has the same signature with the default utf8
    // names) and the FSWatcher is the handle: no wrapper closures, as a daemon holds
    // 10,000 watches.
    const watcher = watch(path, { persistent: true }, listener);
    watcher.on("error", onError);
    return watcher;
  },
  async stat(path): Promise<SizeStat | null> {
    try {
      const stats = await fsp.stat(path);
      return { size: stats.size, ino: stats.ino, isFile: stats.isFile() };
    } catch (error) {
      if (missing(error)) return null;
      throw error;
    }
  },
  async readdir(path): Promise<string[] | null> {
    try {
      return await fsp.readdir(path);
    } catch (error) {
      if (missing(error)) return null;
      throw error;
    }
  },
};

/**
 * The real host as the daemon uses it: files watched through their directories, one watch
 * per directory (shared-dir-watch-host.ts). Each call makes a host with its own watches.
 *
 * @example
 * const sizes = new SizeTriggers(loop, { watcher: createNodeWatchHost() });
 */
export function createNodeWatchHost(): WatchHost {
  return shareDirectoryWatches(nodeWatchHost, (path) => {
    try {
      return lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
    } catch {
      return true; // cannot tell: watch the path itself, which reports its own error
    }
  });
}
