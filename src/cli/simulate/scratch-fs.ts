/**
 * The filesystems of a simulation's scratch copy: the real disk, with every call made on
 * the loop's thread and the durable writes made without their fsyncs.
 *
 * WHY: the scratch copy lives in /dev/shm (or a temp directory) and is removed when the
 * simulation ends, so no crash can ever read it back, and a fsync there buys nothing. A
 * rotation's journal and the state file's atomic writes make about twenty fsyncs and a
 * hundred calls through the thread pool, which were most of the time of `rotor simulate`
 * (about 10 ms a rotation: 30 days of a 30-second job took most of an hour). Blocking calls
 * are fine here: a simulation serves no watch, signal or socket while it runs.
 */
import { appendFileSync, chmodSync, closeSync, constants, lchownSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { nodeStateFs, type StateFs } from "../../daemon/state/index.js";
import { nodeFsDirect, type RotateFs } from "../../rotate/index.js";

const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = constants;

/** Exclusive, O_NOFOLLOW and exactly `mode` (open's is filtered by the umask), as nodeFs; no fsync. */
function writeNew(path: string, data: string, mode: number): void {
  const fd = openSync(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
  try {
    chmodSync(path, mode);
    if (data.length > 0) writeSync(fd, data);
  } finally {
    closeSync(fd);
  }
}

function readOrNull(path: string, flag: number): string | null {
  try {
    // Node accepts numeric open flags here, though its types only declare strings.
    return readFileSync(path, { encoding: "utf8", flag: flag as unknown as string });
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return null;
    throw error;
  }
}

/**
 * The rotation engine's filesystem for the scratch copy.
 *
 * @example
 * yield* runDaemon({ ..., fs: scratchFs, stateFs: scratchStateFs });
 */
export const scratchFs: RotateFs = {
  ...nodeFsDirect,
  chown: async (path, uid, gid) => lchownSync(path, uid, gid),
  chmod: async (path, mode) => chmodSync(path, mode),
  createExclusive: async (path, mode) => writeNew(path, "", mode),
  readText: async (path) => readOrNull(path, O_RDONLY | O_NOFOLLOW),
  writeNewDurable: async (path, data, mode) => writeNew(path, data, mode),
  appendDurable: async (path, data) => appendFileSync(path, data),
  fsyncDir: async () => {},
};

/** The state file's filesystem for the scratch copy (its lock still works as rotor run's). */
export const scratchStateFs: StateFs = {
  ...nodeStateFs,
  readText: async (path) => readOrNull(path, O_RDONLY),
  writeNew: async (path, data, mode) => writeNew(path, data, mode),
  rename: async (from, to) => renameSync(from, to),
  fsyncDir: async () => {},
};
