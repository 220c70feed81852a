/**
 * nodeFsDirect: the real filesystem with its metadata calls (lstat, readdir, and the link
 * and unlink of a move), and the reads and writes of small whole files (a small version
 * being compressed), made directly on the calling thread; the waits on the disk (fsync),
 * streams, child processes and the removal of a file (see `unlink` below) are nodeFs's,
 * through libuv's thread pool.
 *
 * WHY: a pass over thousands of logs makes about fifteen such calls per log. Through the
 * thread pool each costs some 25 µs of CPU in hand-offs, wake-ups and promises, around a
 * system call of 2–5 µs; made directly, about 5 µs (measured on Node 20, 2 vCPUs). What it
 * costs: while one runs, nothing else on the loop does. That is what a one-shot pass wants
 * (logrotate itself is sequential), but not a daemon serving triggers on a filesystem that
 * can hang (NFS): it keeps nodeFs.
 *
 * Same contract as nodeFs (fs.ts): errors still come back as rejected promises, and a
 * no-replace rename is still link(2) then unlink(2), with the same fallback. A batch's
 * round of moves (moveMany) and of small gzip compressions (gzipMany) is shared with a
 * helper thread (helper-thread.ts); a barrier over many files (fsyncFiles) is one syncfs
 * (sync-filesystems.ts).
 */
import * as fsSync from "node:fs";
import { posix } from "node:path";
import { closeSync, constants, fchmodSync, lstatSync, openSync, readdirSync, readFileSync, unlinkSync, writeFileSync, type Dirent } from "node:fs";
import type { FileInfo, FileType, RotateFs } from "./fs.js";
import { INLINE_BYTES } from "./compress.js";
import { gzipMany } from "./gzip-many.js";
import { lstatMany } from "./lstat-many.js";
import { moveMany, moveNoReplaceSync } from "./move-many.js";
import { infoOf, isCode, nodeFs } from "./node-fs.js";
import { settleBounded } from "./bounded.js";
import { prepareSyncFilesystems, syncFilesystems } from "./sync-filesystems.js";

const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_RDONLY } = constants;

/** Runs `work` now, as a promise: its throw becomes a rejection, as with the async calls. */
function now<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error);
  }
}

function lstatNow(path: string): FileInfo | null {
  try {
    const stats = lstatSync(path, { throwIfNoEntry: false });
    return stats === undefined ? null : infoOf(stats);
  } catch (error) {
    if (isCode(error, "ENOTDIR")) return null;
    throw error;
  }
}

/**
 * fdatasync(2) of `path`: the open and the close made here, only the wait on the disk on the
 * thread pool. WHY: nodeFs's (a FileHandle: open, datasync, close, each a hop and promises)
 * cost ~115 µs of this thread per file in a compressed pass's barrier, against ~50 µs of
 * compression; a barrier syncs every compressed file of a batch.
 */
function fsyncFileDirect(path: string): Promise<void> {
  let fd: number;
  try {
    fd = openSync(path, O_RDONLY | O_NOFOLLOW);
  } catch (error) {
    return Promise.reject(error);
  }
  return new Promise<void>((resolve, reject) => {
    fsSync.fdatasync(fd, (error) => {
      try {
        closeSync(fd);
      } catch (closing) {
        error ??= closing as NodeJS.ErrnoException;
      }
      if (error) reject(error);
      else resolve();
    });
  });
}

/** Files the per-file barrier fsyncs at once (each open meanwhile): the launcher's pool of 16 threads, kept busy. */
const FSYNCS_AT_ONCE = 64;
/**
 * From this many files a barrier is one syncfs per filesystem (sync-filesystems.ts) instead
 * of one fdatasync each: ~30–40 ms for one syncfs, against ~0.15–0.2 ms per file
 * (bench/logrotate/sync-cost.ts). Below it, the rest of the filesystem's dirty data would
 * cost more than the files' own flushes.
 */
const SYNCFS_FROM = 256;

/**
 * fsyncFiles: many files whole on the disk at once (see SYNCFS_FROM). The syncfs way opens
 * none of them, so a temporary replaced by a symlink meanwhile is not refused here as the
 * per-file fdatasync's O_NOFOLLOW refuses it; the same replacement between a barrier and the
 * placement was never caught either way: a log directory writable by others is unsafe to
 * rotate in (logrotate's own rule).
 */
async function fsyncFilesDirect(paths: readonly string[]): Promise<Array<PromiseSettledResult<void>>> {
  if (paths.length >= SYNCFS_FROM && (await syncFilesystems(new Set(paths.map((path) => posix.dirname(path)))))) {
    return paths.map(() => SYNCED);
  }
  return settleBounded(paths, FSYNCS_AT_ONCE, fsyncFileDirect);
}
const SYNCED: PromiseSettledResult<void> = Object.freeze({ status: "fulfilled", value: undefined });

function unlinkNow(path: string): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch (error) {
    if (isCode(error, "ENOENT")) return false;
    throw error;
  }
}

/** The type the directory entry records, or null when it records none (DT_UNKNOWN). */
function direntType(entry: Dirent): FileType | null {
  if (entry.isFile()) return "file";
  if (entry.isDirectory()) return "directory";
  if (entry.isSymbolicLink()) return "symlink";
  if (entry.isFIFO() || entry.isSocket() || entry.isCharacterDevice() || entry.isBlockDevice()) return "other";
  return null;
}

/**
 * The real filesystem for a one-shot pass (see the header).
 *
 * @example
 * const report = yield* logrotatePass(model, { store, fs: nodeFsDirect });
 */
export const nodeFsDirect: RotateFs = {
  ...nodeFs,

  lstat: (path) => now(() => lstatNow(path)),

  lstatMany: (paths) => lstatMany(paths),

  readdir: (dir) =>
    now(() => {
      try {
        return readdirSync(dir);
      } catch (error) {
        if (isCode(error, "ENOENT")) return null;
        throw error;
      }
    }),

  readdirTypes: (dir) =>
    now(() => {
      try {
        return readdirSync(dir, { withFileTypes: true }).map((entry): [string, FileType | null] => [entry.name, direntType(entry)]);
      } catch (error) {
        if (isCode(error, "ENOENT")) return null;
        throw error;
      }
    }),

  readWhole: (path) =>
    now(() => {
      const fd = openSync(path, O_RDONLY | O_NOFOLLOW);
      try {
        return readFileSync(fd);
      } finally {
        closeSync(fd);
      }
    }),

  writeNewBytes: async (path, data, mode, durable) => {
    await now(() => {
      const fd = openSync(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
      try {
        writeFileSync(fd, data);
        fchmodSync(fd, mode); // open's mode is filtered by the umask
      } finally {
        closeSync(fd);
      }
    });
    // The wait on the disk goes to the thread pool, as nodeFs's.
    if (durable) await fsyncFileDirect(path);
  },

  fsyncFile: fsyncFileDirect,

  fsyncFiles: fsyncFilesDirect,

  renameNoReplace: (from, to) => now(() => moveNoReplaceSync(fsSync, from, to)),

  moveMany,

  gzipMany: (jobs) => {
    // Enough files for the barrier after them to be a syncfs: its syncer starts meanwhile.
    if (jobs.length >= SYNCFS_FROM) prepareSyncFilesystems(new Set(jobs.map(({ temporary }) => posix.dirname(temporary))));
    return gzipMany(jobs, INLINE_BYTES);
  },

  unlink: (path) => {
    // Removing a file's last name frees its blocks, which on a filesystem mounted with
    // `discard` waits for the device (~0.2 ms per 4 KiB file on this VM, against ~0.02 ms for
    // a name whose inode lives on). Through the thread pool those waits overlap: 1,000 such
    // removals took 55–103 ms with 16 threads against 165–268 ms one after another
    // (bench/logrotate/unlink-cost.ts). A name
    // that is missing (a temporary cleared before use) or frees nothing is removed here, as a
    // pool hop would cost more than the call. (A file that appears after the lstat is as if
    // it had come just after the removal.)
    let info: fsSync.Stats;
    try {
      // Not `throwIfNoEntry: false`: newer Nodes answer undefined for ENOTDIR too, which
      // unlink(2) fails with, as nodeFs's unlink does.
      info = lstatSync(path);
    } catch (error) {
      return isCode(error, "ENOENT") ? Promise.resolve(false) : Promise.reject(error);
    }
    if (info.nlink > 1 || info.size === 0) return now(() => unlinkNow(path));
    return nodeFs.unlink(path);
  },
};
