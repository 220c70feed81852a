/**
 * The real WatchHost: node:fs's watch (inotify on Linux), stat and readdir. The only file
 * of the trigger layer that touches node:fs.
 */
import { watch, promises as fsp } from "node:fs";
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
    const watcher = watch(path, { persistent: true }, (event, name) => listener(event === "change" ? "change" : "rename", name === null ? null : String(name)));
    watcher.on("error", onError);
    return { close: () => watcher.close() };
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
