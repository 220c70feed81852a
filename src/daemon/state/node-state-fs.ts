/**
 * The real StateFs: node:fs for the files, process.kill(pid, 0) to tell whether a lock's
 * owner still exists, and util-linux's flock(1) to hold the same lock on the state file as
 * a real logrotate does (flock-hold.ts), so that each sees the other.
 */
import { promises as fsp } from "node:fs";
import { hostname } from "node:os";
import { nodeFs } from "../../rotate/index.js";
import { holdFlock } from "./flock-hold.js";
import { hasCode, type FlockHold, type StateFs } from "./state-fs.js";

/** Nothing to hold: nobody can lock a file that is not there (see `holdStateFlock`). */
const NOTHING_HELD: FlockHold = { release: async () => {} };

/**
 * An flock on an existing state file. A missing one is not created for it (flock(1) would
 * make it, empty and with the umask's mode): the first write of the state makes it, and
 * the lock is taken on it then (StateLock.renew).
 */
async function holdStateFlock(path: string): Promise<FlockHold | "taken" | "unsupported"> {
  try {
    await fsp.stat(path);
  } catch (error) {
    if (hasCode(error, "ENOENT")) return NOTHING_HELD;
  }
  return holdFlock(path);
}

/**
 * The StateFs of the real disk and processes.
 *
 * @example
 * const store = yield* StateStore.open("/var/lib/rotor/status", { fs: nodeStateFs });
 */
export const nodeStateFs: StateFs = {
  async readText(path) {
    // Follows a symlink, as logrotate's fopen does (a state path may be one).
    try {
      return await fsp.readFile(path, "utf8");
    } catch (error) {
      if (hasCode(error, "ENOENT")) return null;
      throw error;
    }
  },

  // Writing is the rotation engine's own: exclusive, O_NOFOLLOW, exact mode, fsynced.
  writeNew: (path, data, mode) => nodeFs.writeNewDurable(path, data, mode),
  unlink: (path) => nodeFs.unlink(path),
  fsyncDir: (dir) => nodeFs.fsyncDir(dir),

  async rename(from, to) {
    await fsp.rename(from, to);
  },

  pid: process.pid,
  hostname: hostname(),

  processExists(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      // EPERM: it exists but belongs to another user.
      return !hasCode(error, "ESRCH");
    }
  },

  holdFlock: holdStateFlock,
};
