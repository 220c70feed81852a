/**
 * The writer's options: when to rotate (size, a fixed interval, or any boundary function
 * such as a calendar), how lines are batched, how durable they are, and what the rotation
 * engine does with the versions (naming, retention, compression), checked into one shape.
 */
import { invalidOption } from "../rotate/errors.js";
import { resolvePolicy, type RotateFileOptions, type RotationOptions } from "../rotate/index.js";
import type { Clock } from "../scheduler/index.js";
import { checkCalendarSpec, nextCalendarInstant, type CalendarSpec } from "../triggers/index.js";
import { pageCacheFs } from "./page-cache-fs.js";

/** When the writer makes the written data durable (fsync) beyond the page cache. */
export type FsyncMode = "never" | "interval" | "always";

/**
 * Options of `createRotatingWriter`. The rotation engine's options (keep, compress,
 * delaycompress, dateext, maxage, maxTotalSize, olddir, ...) apply to the versions; the
 * engine always runs in `nocreate` mode, since the writer opens the next file itself.
 */
export interface RotatingWriterOptions extends Omit<RotationOptions, "mode" | "ifempty" | "minsize" | "missingok" | "copytruncate" | "keep"> {
  /** Versions to keep (default 5); -1 keeps all. */
  keep?: number;
  /** Rotate before a batch would make the file larger than this many bytes. */
  size?: number;
  /** Rotate every this many milliseconds (counted from the writer's start). */
  every?: number;
  /** Rotate at calendar boundaries (daily at midnight in a time zone, ...), DST-correct: the daemon's calendar trigger. */
  calendar?: CalendarSpec;
  /** Rotate at each boundary this function gives: the first instant (epoch ms) after `afterMs`. */
  nextBoundary?: (afterMs: number) => number;
  /**
   * Bytes per batch buffer (default 128 KiB): the unit of a write(2); one batch is written
   * while the next one fills.
   */
  batchBytes?: number;
  /** Longest a line waits in memory before its batch is written, in ms (default 5). */
  maxAgeMs?: number;
  /**
   * Bytes accepted but not yet written beyond which `write()` returns false (default two
   * batches, 256 KiB: one being written, one filling). Also what a process crash can lose.
   * A producer that writes until told to wait holds the event loop until then: each time
   * a batch has been written it gets about one batch of room, so `batchBytes` sets how
   * long it holds the loop (with 1 MiB of room the longest gap measured was 24 ms, with
   * 256 KiB 6.6 ms; BENCHMARKS.md, writer).
   */
  highWaterBytes?: number;
  /** Default "never": the page cache survives a process crash; see docs/writer.md for the bounds. */
  fsync?: FsyncMode;
  /** With `fsync: "interval"`: the longest written data stays unsynced, in ms (default 1000). */
  fsyncIntervalMs?: number;
  /** Permission bits of the files the writer creates (default 0o644, less the umask). */
  fileMode?: number;
  /** A symbolic link kept pointing at the live file, replaced atomically. */
  symlink?: string;
  /**
   * Each string written may hold several lines (a transport's chunk of log lines): a
   * rotation may then fall between any two of them, not only between writes. Default false.
   */
  splitLines?: boolean;
  /** Time for batching, triggers and dated names (default: the real clock). */
  clock?: Clock;
}

/** Options checked and completed. */
export interface WriterSettings {
  size: number | null;
  every: number | null;
  nextBoundary: ((afterMs: number) => number) | null;
  batchBytes: number;
  maxAgeMs: number;
  highWaterBytes: number;
  fsync: FsyncMode;
  fsyncIntervalMs: number;
  fileMode: number;
  symlink: string | null;
  splitLines: boolean;
  clock: Clock | undefined;
  /** What the engine gets for each rotation. */
  rotation: RotateFileOptions;
}

const FSYNC_MODES: readonly FsyncMode[] = ["never", "interval", "always"];

function positive(name: string, value: unknown, fallback: number | null, min = 1): number | null {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min) throw invalidOption(name, `a number >= ${min}`, value);
  return value;
}

/**
 * Checks the writer's options and fills in defaults. Throws a TypeError naming the option,
 * what it expected and what it got.
 *
 * @example
 * const settings = resolveWriterOptions({ size: 10 * 1024 * 1024, keep: 5, compress: "gzip" });
 */
export function resolveWriterOptions(options: RotatingWriterOptions = {}): WriterSettings {
  if (options === null || typeof options !== "object") throw invalidOption("options", "an object", options);
  const { size, every, calendar, nextBoundary, batchBytes, maxAgeMs, highWaterBytes, fsync, fsyncIntervalMs, fileMode, symlink, splitLines, clock, ...engine } = options;
  const mode = fsync ?? "never";
  // "never": the rotation's journal is not fsynced either (page-cache-fs.ts says why).
  const rotation: RotateFileOptions = { ...engine, keep: engine.keep ?? 5, mode: "nocreate", fs: mode === "never" ? pageCacheFs : undefined };
  resolvePolicy(rotation); // the engine's own checks, now rather than at the first rotation
  if (nextBoundary !== undefined && typeof nextBoundary !== "function") throw invalidOption("nextBoundary", "a function (afterMs) => epoch ms", nextBoundary);
  const triggers = [every, calendar, nextBoundary].filter((trigger) => trigger !== undefined).length;
  if (triggers > 1) throw invalidOption("every/calendar/nextBoundary", "one of them at most (one time trigger per writer)", { every, calendar, nextBoundary: nextBoundary && "function" });
  if (calendar !== undefined) checkCalendarSpec(calendar);
  if (!FSYNC_MODES.includes(mode)) throw invalidOption("fsync", `one of ${FSYNC_MODES.join(", ")}`, fsync);
  if (symlink !== undefined && (typeof symlink !== "string" || symlink === "")) throw invalidOption("symlink", "a path", symlink);
  const batch = positive("batchBytes", batchBytes, 128 * 1024, 4096)!;
  return {
    size: positive("size", size, null),
    every: positive("every", every, null),
    nextBoundary: calendar !== undefined ? (afterMs) => nextCalendarInstant(calendar, afterMs) : (nextBoundary ?? null),
    batchBytes: batch,
    maxAgeMs: positive("maxAgeMs", maxAgeMs, 5, 0)!,
    highWaterBytes: positive("highWaterBytes", highWaterBytes, 2 * batch)!,
    fsync: mode,
    fsyncIntervalMs: positive("fsyncIntervalMs", fsyncIntervalMs, 1000)!,
    fileMode: positive("fileMode", fileMode, 0o644, 0)!,
    symlink: symlink ?? null,
    splitLines: splitLines === true,
    clock,
    rotation,
  };
}
