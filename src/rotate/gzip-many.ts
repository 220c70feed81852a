/**
 * gzipMany: many small compressions with gzip made at once, by the calling thread and the
 * helper thread together (helper-thread.ts), for the direct fs (node-fs-direct.ts).
 *
 * WHY: a compressed pass spent ~350 µs of its only busy thread per log on a compression of
 * a few KiB (the lstats around it, the read, ~50 µs of deflate, the creation, the write),
 * while the helper that makes its moves sat idle: 1,000 logs, a third of the pass. Each
 * item does exactly what compressToTemporary (perform-step.ts) does for a small gzip — the
 * same checks, the same bytes (zlib's gzipSync with the same options), the source's mode
 * and owner — so a batch may hand a round's small gzip compressions here at once.
 */
import type { FileType } from "./fs.js";
import { shareWithHelper, type JobCalls, type ShareOptions } from "./helper-thread.js";

/** One compression: `from` into `temporary`, which will be renamed to `to` (which must not exist yet). */
export interface GzipJob {
  from: string;
  to: string;
  temporary: string;
  level: number | null;
}

/**
 * What became of one: written (into `temporary`, not fsynced, with the source's mode and
 * owner); nothing to do (the source is gone); too large for this path (nothing touched: the
 * caller compresses it the usual way); something already at `to` (nothing touched); the
 * error of the compression itself (any temporary removed: a CompressionError for the
 * caller); or an error before it began (looking at the names, clearing the temporary one),
 * which compressToTemporary would throw as it is.
 */
export type GzipOutcome = "written" | "nothing" | "large" | { inTheWay: FileType } | Error | { before: Error };

/** The phase a gzipJob error that came before the compression carries (helper-thread.ts's Failure). */
const BEFORE = "before";

/** The job's results (it returns a number, as every helper job). */
const WRITTEN = 0;
const NOTHING = 1;
const LARGE = 2;
const IN_THE_WAY: readonly FileType[] = ["file", "directory", "symlink", "other"];
const IN_THE_WAY_FIRST = 3;

/**
 * One compression as a helper job (self-contained: its source is also the helper's); `most`
 * is the largest source it takes. Its system calls are compressToTemporary's, but fewer: an
 * ENOENT is answered without an exception where node allows (each one is an Error with a
 * stack: ~15 µs), a temporary left by a crash is removed only when the creation meets it, the
 * source is read without another fstat, and the mode and owner are set only where the
 * creation did not already give them.
 */
function gzipJob({ fs, zlib }: JobCalls, [from, to, temporary, level, most]: readonly string[]): number {
  // As node-fs-direct's lstat: a missing name, or one under a non-directory, is not there.
  const look = (path: string): import("node:fs").Stats | undefined => {
    try {
      return fs.lstatSync(path, { throwIfNoEntry: false });
    } catch (error) {
      if ((error as { code?: unknown }).code === "ENOTDIR") return undefined;
      throw Object.assign(error as Error, { phase: "before" });
    }
  };
  const source = look(from!);
  const target = look(to!);
  // 3..6: the type of what is in the way, in IN_THE_WAY's order.
  if (target !== undefined) return target.isFile() ? 3 : target.isDirectory() ? 4 : target.isSymbolicLink() ? 5 : 6;
  if (source === undefined) return 1;
  if (source.size > Number(most)) return 2;
  const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = fs.constants;
  const input = fs.openSync(from!, O_RDONLY | O_NOFOLLOW);
  let data: Buffer;
  try {
    // The whole file, which may have grown since the lstat: read until a read gives nothing.
    let buffer = Buffer.allocUnsafe(source.size + 1);
    let length = 0;
    for (let got; (got = fs.readSync(input, buffer, length, buffer.length - length, null)) > 0; ) {
      length += got;
      if (length === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
    }
    data = buffer.subarray(0, length);
  } finally {
    fs.closeSync(input);
  }
  // The smallest window that holds the whole input: the same bytes, a cheaper set-up
  // (compress.ts's wholeGzipOptions, whose rule this repeats: a job has no outer names).
  let windowBits = 9;
  while (windowBits < 15 && data.length > (1 << windowBits) - 262) windowBits++;
  const compressed = zlib.gzipSync(data, level === "" ? { windowBits } : { level: Number(level), windowBits });
  const create = (): number => fs.openSync(temporary!, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, source.mode);
  let output: number;
  try {
    output = create();
  } catch (error) {
    // compressToTemporary clears the temporary name before anything else, and an error of
    // that (a name too long once `.rotor-tmp` is added, a read-only filesystem) comes before
    // the compression: it stops the plan. So whatever the creation met, the clearing is made
    // now, and its error, if any, is the one given.
    try {
      fs.unlinkSync(temporary!); // left by a crash
    } catch (clearing) {
      if ((clearing as { code?: unknown }).code !== "ENOENT") throw Object.assign(clearing as Error, { phase: "before" });
    }
    if ((error as { code?: unknown }).code !== "EEXIST") throw error;
    output = create();
  }
  try {
    try {
      fs.writeFileSync(output, compressed);
      const made = fs.fstatSync(output);
      // open's mode is filtered by the umask; the owner is the source's, as logrotate gives it
      // (perform-step.ts's takeOwner), only when it differs. Mode first, as compressToTemporary.
      if ((made.mode & 0o7777) !== (source.mode & 0o7777)) fs.fchmodSync(output, source.mode);
      if (made.uid !== source.uid || made.gid !== source.gid) fs.fchownSync(output, source.uid, source.gid);
    } finally {
      fs.closeSync(output);
    }
  } catch (error) {
    try {
      fs.unlinkSync(temporary!);
    } catch {
      // already gone
    }
    throw error;
  }
  return 0;
}

/**
 * Makes each compression of `jobs` whose source is at most `largest` bytes; resolves with
 * what became of each, in order. The jobs must be independent of each other.
 *
 * @example
 * const [outcome] = await gzipMany([{ from: "/var/log/app.log.1", to: "/var/log/app.log.1.gz", temporary: "/var/log/app.log.1.gz.rotor-tmp", level: null }], 65536);
 */
export async function gzipMany(jobs: readonly GzipJob[], largest: number, options: ShareOptions = {}): Promise<GzipOutcome[]> {
  const items = jobs.map(({ from, to, temporary, level }) => [from, to, temporary, level === null ? "" : String(level), String(largest)]);
  const outcomes = await shareWithHelper("gzip", gzipJob, items, options);
  return outcomes.map((outcome): GzipOutcome => {
    if ("error" in outcome) return (outcome.error as { phase?: unknown }).phase === BEFORE ? { before: outcome.error } : outcome.error;
    if (outcome.result === WRITTEN) return "written";
    if (outcome.result === NOTHING) return "nothing";
    if (outcome.result === LARGE) return "large";
    return { inTheWay: IN_THE_WAY[outcome.result - IN_THE_WAY_FIRST]! };
  });
}
