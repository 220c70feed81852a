/**
 * The filesystem as the rotation engine sees it: the few operations a rotation needs, each
 * safe on its own (exclusive creation, no-replace renames, never following a symlink at
 * the last component). The real ones are node-fs.ts and, for one-shot passes,
 * node-fs-direct.ts (with the helper thread's batch calls: move-many.ts, gzip-many.ts,
 * lstat-many.ts); tests also use an in-memory one and fault-injecting wrappers.
 */
import type { Readable, Writable } from "node:stream";
import type { GzipJob, GzipOutcome } from "./gzip-many.js";

export type FileType = "file" | "directory" | "symlink" | "other";

/** What lstat tells about a path. */
export interface FileInfo {
  type: FileType;
  size: number;
  mtimeMs: number;
  /** Permission bits only (0o7777). */
  mode: number;
  uid: number;
  gid: number;
  nlink: number;
  dev: number;
  ino: number;
}

export interface RotateFs {
  /** lstat(2), or null when nothing is at `path`. */
  lstat(path: string): Promise<FileInfo | null>;
  /** The names in a directory, or null when it does not exist. */
  readdir(dir: string): Promise<string[] | null>;
  /**
   * The names in a directory with their types as the directory itself records them (d_type;
   * null where it records none), or null when it does not exist. Optional: it spares an
   * lstat per name where only the type is needed (batch-listing.ts).
   */
  readdirTypes?(dir: string): Promise<Array<[name: string, type: FileType | null]> | null>;
  /**
   * The lstat of each of `paths` (null where nothing is there), or the error that stopped it,
   * in order. Optional: a glob hands it its matches, which it may look at in parallel
   * (lstat-many.ts); without it, each is an lstat.
   */
  lstatMany?(paths: readonly string[]): Promise<Array<FileInfo | null | Error>>;
  /** Renames `from` to `to`, failing with EEXIST rather than replacing anything at `to`. */
  renameNoReplace(from: string, to: string): Promise<void>;
  /**
   * Makes independent renameNoReplace moves (from, to) at once, resolving with each one's
   * error or null where it was made. Optional: a batch (batch.ts) hands it a round's moves,
   * which it may make in parallel; without it, each is a renameNoReplace.
   */
  moveMany?(moves: ReadonlyArray<readonly [string, string]>): Promise<Array<Error | null>>;
  /** Removes a file; false when it was already gone. */
  unlink(path: string): Promise<boolean>;
  /** Creates a directory, and its missing parents with the same mode; false when it already existed. */
  mkdir(path: string, mode: number): Promise<boolean>;
  chown(path: string, uid: number, gid: number): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  /** Creates an empty file; EEXIST if anything (a symlink too) is at `path`. */
  createExclusive(path: string, mode: number): Promise<void>;
  /** Empties a regular file in place (copytruncate), never following a symlink. */
  truncate(path: string): Promise<void>;
  /** Reads a whole small file (journals), or null when it does not exist. */
  readText(path: string): Promise<string | null>;
  /** Writes `data` to a new file at `path` (EEXIST if present) with exactly `mode`, and fsyncs it. */
  writeNewDurable(path: string, data: string, mode: number): Promise<void>;
  /** Appends `data` to an existing file and fsyncs it. */
  appendDurable(path: string, data: string): Promise<void>;
  /** fsync(2) a directory, so that renames and unlinks in it survive a crash. */
  fsyncDir(dir: string): Promise<void>;
  /**
   * A small file's bytes, never following a symlink (ENOENT if absent). Optional, with
   * `writeNewBytes`: where both are, a small file is compressed in one piece without streams.
   */
  readWhole?(path: string): Promise<Buffer>;
  /** Writes `data` to a new file (EEXIST if present) with exactly `mode`, fsynced if `durable`. */
  writeNewBytes?(path: string, data: Buffer, mode: number, durable: boolean): Promise<void>;
  /**
   * Compresses small files with gzip at once, each as perform-step.ts's compressToTemporary
   * does (into its temporary name, not fsynced, with the source's mode and owner), and says
   * what became of each (gzip-many.ts). Optional: a batch hands it a round's gzip
   * compressions, which it may make in parallel; without it, each is compressed alone.
   */
  gzipMany?(jobs: readonly GzipJob[]): Promise<GzipOutcome[]>;
  /** A stream of a file's bytes, never following a symlink. */
  openRead(path: string): Readable;
  /**
   * A stream into a new file (EEXIST if present). Its 'finish' comes only after the data
   * is fsynced, so a renamed result is complete on disk; with `durable` false, not fsynced:
   * the caller must `fsyncFile` it before anything trusts it (a batch's one barrier).
   */
  openWriteNew(path: string, mode: number, durable?: boolean): Writable;
  /**
   * fdatasync(2) a file written with `durable` false, never following a symlink. Optional:
   * without it, files are written durable.
   */
  fsyncFile?(path: string): Promise<void>;
  /**
   * Makes many files written with `durable` false whole on the disk at once (a batch's
   * barrier), saying how each went, in order, as `fsyncFile` would. Optional: without it,
   * each is `fsyncFile`d, a bounded number at a time.
   */
  fsyncFiles?(paths: readonly string[]): Promise<Array<PromiseSettledResult<void>>>;
  /**
   * Overwrites a regular file with `shred` (`cycles` passes, or shred's default), never
   * following a symlink, then removes it; false when it was already gone.
   */
  shred(path: string, cycles: number | null): Promise<boolean>;
  /** The numeric ids for a user and group name (or numeric strings); throws if unknown. */
  resolveOwner(user: string | number | undefined, group: string | number | undefined): Promise<{ uid?: number; gid?: number }>;
}
