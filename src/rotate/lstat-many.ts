/**
 * lstatMany: many lstats made at once, by the calling thread and the helper thread together
 * (helper-thread.ts), for the direct fs (node-fs-direct.ts): a glob's matches (glob.ts).
 *
 * WHY: a pass over 10,000 logs begins with an lstat of each (the glob's, reused by the due
 * check and the plan). One after another on the main thread they were ~70 ms of calls, and
 * each made a Stats with four Dates for the collector (~70 ms of collection in that part of a
 * profile), while the helper thread, whose moves come later, sat idle. Here each is made on
 * either thread, its numbers written into a shared array, and only the FileInfo is built on
 * the calling thread.
 */
import type { FileInfo, FileType } from "./fs.js";
import { shareWithHelper, type JobCalls, type ShareOptions } from "./helper-thread.js";

/** The numbers of one lstat, in this order (the job writes them; `TYPES` decodes the first). */
const WIDTH = 9;
const TYPES: readonly FileType[] = ["file", "directory", "symlink", "other"];
/** The job's results. */
const FOUND = 0;

/** One lstat as a helper job (self-contained: its source is also the helper's); 1 when nothing is there. */
function lstatJob({ fs }: JobCalls, [path]: readonly string[], out: Float64Array, at: number): number {
  let stats: import("node:fs").Stats;
  try {
    stats = fs.lstatSync(path!);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ENOENT" || code === "ENOTDIR") return 1; // as nodeFs's lstat: not there
    throw error;
  }
  // The type's index in TYPES, as node-fs.ts's typeOf decides it (a symlink first).
  out[at] = stats.isSymbolicLink() ? 2 : stats.isFile() ? 0 : stats.isDirectory() ? 1 : 3;
  out[at + 1] = stats.size;
  out[at + 2] = stats.mtimeMs;
  out[at + 3] = stats.mode & 0o7777;
  out[at + 4] = stats.uid;
  out[at + 5] = stats.gid;
  out[at + 6] = stats.nlink;
  out[at + 7] = stats.dev;
  out[at + 8] = stats.ino;
  return 0;
}

/**
 * The lstat of each of `paths` as nodeFs's lstat gives it (null where nothing is there), or
 * the error that stopped it, in order.
 *
 * @example
 * const [info] = await lstatMany(["/var/log/app.log"]);
 */
export async function lstatMany(paths: readonly string[], options: Omit<ShareOptions, "out"> = {}): Promise<Array<FileInfo | null | Error>> {
  const data = new Float64Array(new SharedArrayBuffer(8 * WIDTH * Math.max(1, paths.length)));
  const outcomes = await shareWithHelper(
    "lstat",
    lstatJob,
    paths.map((path) => [path]),
    { ...options, out: { data, width: WIDTH } },
  );
  return outcomes.map((outcome, k): FileInfo | null | Error => {
    if ("error" in outcome) return outcome.error;
    if (outcome.result !== FOUND) return null;
    const at = WIDTH * k;
    return {
      type: TYPES[data[at]!]!,
      size: data[at + 1]!,
      mtimeMs: data[at + 2]!,
      mode: data[at + 3]!,
      uid: data[at + 4]!,
      gid: data[at + 5]!,
      nlink: data[at + 6]!,
      dev: data[at + 7]!,
      ino: data[at + 8]!,
    };
  });
}
