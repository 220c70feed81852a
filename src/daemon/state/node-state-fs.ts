/**
 * The real StateFs: node:fs for the files, process.kill(pid, 0) to tell whether a lock's
 * owner still exists, and util-linux's flock(1) to tell whether a real logrotate holds its
 * lock on the state file.
 */
import { execFile } from "node:child_process";
import { promises as fsp } from "node:fs";
import { hostname } from "node:os";
import { nodeFs } from "../../rotate/index.js";
import { hasCode, type FlockProbe, type StateFs } from "./state-fs.js";

/** Exit code asked of flock(1) when the lock is taken (-E): 75 is EX_TEMPFAIL, unused by flock itself. */
const CONFLICT = 75;

/**
 * Whether a program holds flock(2) on `path`, asked of `flock -n -E 75 PATH true`.
 *
 * Why a child process: logrotate locks its state file with flock(2) (LOCK_EX|LOCK_NB on the
 * file itself) and Node has no flock, so rotor's own lock is a lock file that logrotate
 * never looks at. flock(1) takes the same kind of lock without waiting and runs `true`, so
 * its exit code says whether someone else holds one. Two limits, both accepted: for that
 * instant the probe holds the lock itself, so a logrotate starting in that millisecond
 * fails with "already locked" (exit 3, harmless: cron retries); and rotor does not keep an
 * flock while it works, because every atomic write of the state replaces the file (and so
 * the inode a lock would be on) — logrotate's own lock has that hole when it writes.
 * flock(1) creates a missing file, so a missing state file is answered "free" without
 * running it (nobody can hold a lock on a file that is not there; if one appears in between,
 * it is an empty file that the next write of the state replaces).
 */
async function probeFlock(path: string): Promise<FlockProbe> {
  try {
    await fsp.stat(path);
  } catch (error) {
    if (hasCode(error, "ENOENT")) return "free";
  }
  return new Promise((resolve) => {
    execFile("flock", ["-n", "-E", String(CONFLICT), path, "true"], { timeout: 10_000 }, (error) => {
      if (error === null) resolve("free");
      else if (error.code === CONFLICT) resolve("held");
      else resolve("unknown"); // flock(1) not installed (ENOENT), or it failed in another way
    });
  });
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

  probeFlock,
};
