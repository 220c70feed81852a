/**
 * The rotation engine's filesystem for a writer with `fsync: "never"`: the real one, with
 * the engine's journal written but not fsynced (its new files, its appends, and the
 * directory syncs after each step). Compressed versions are still fsynced before they
 * replace their source.
 *
 * WHY: a rotation's journaled shift (.4 → .5, ..., the log → .1) made about seventeen
 * fsyncs, and on a busy or slow disk the shift took longer than the writer takes to fill
 * the next file, so writes waited on it (the writer's throughput, measured). "never" is
 * the choice of not paying for durability past the page cache: the journal in the page
 * cache still finishes a rotation after a *process* crash, which is what it is for there.
 * After a *machine* crash, as for the lines themselves, nothing is promised: a rotation in
 * progress may be undone, or leave one version under two names. "interval" and "always"
 * keep the engine's durable journal.
 */
import { appendToFile, nodeFs, writeNewFile, type RotateFs } from "../rotate/index.js";

/**
 * @example
 * rotation(path, { ...options, fs: pageCacheFs });
 */
export const pageCacheFs: RotateFs = {
  ...nodeFs,
  writeNewDurable: (path, data, mode) => writeNewFile(path, data, mode, false),
  appendDurable: (path, data) => appendToFile(path, data, false),
  async fsyncDir() {},
};
