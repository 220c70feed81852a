/**
 * expandBlocks: every block's patterns expanded and each log's first sight noted in the
 * state, as logrotate does while it reads its config, before any rotation (rule 33: the
 * state's table order depends on it). Each log's lstat is kept, for the due check to reuse
 * while nothing has changed on disk (pass.ts), and taken a bounded number at a time.
 */
import type { LogEntry } from "../../config/index.js";
import type { DirectorySnapshot, FileInfo, RotateFs } from "../../rotate/index.js";
import { call, type Operation } from "../../scheduler/index.js";
import { startOfLocalHour, type StateStore } from "../state/index.js";
import { expandPatternInfo, type GlobFs } from "./glob.js";
import type { Reporter } from "./report.js";

export interface ExpandedBlock {
  entry: LogEntry;
  logs: string[];
  /** Each log's lstat at expansion time (null: missing). */
  infos: Array<FileInfo | null>;
  /** When each log was last rotated, by the state (first sight: the start of this hour). */
  last: number[];
}

/**
 * The blocks of `entries` with their logs, in config order; a block whose glob matches a log
 * of an earlier block is dropped with an error, as logrotate does.
 *
 * @example
 * const blocks = yield* expandBlocks(model.logs, nodeFs, store, { timeZone }, out, now);
 */
export function* expandBlocks(
  entries: readonly LogEntry[],
  fs: RotateFs,
  store: StateStore | null,
  options: { store: StateStore | null; timeZone?: string },
  out: Reporter,
  now: number,
  snapshot?: DirectorySnapshot,
): Operation<ExpandedBlock[]> {
  // The glob reads each directory through the pass's snapshot, which the journal look and
  // the batch listings then share (directory-snapshot.ts).
  const globFs: GlobFs =
    snapshot === undefined ? fs : { lstat: (path) => fs.lstat(path), lstatMany: fs.lstatMany?.bind(fs), readdir: (dir) => snapshot.names(dir) };
  const blocks: ExpandedBlock[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const logs: string[] = [];
    const infos: Array<FileInfo | null> = [];
    const inBlock = new Set<string>(); // a Set: a block's glob can match 10,000 logs
    for (const pattern of entry.patterns) {
      for (const { path: log, info } of yield* expandPatternInfo(pattern.path, globFs)) {
        if (inBlock.has(log)) continue;
        inBlock.add(log);
        // A directory is dropped while the config is read: no state line, no message (12f).
        const known = info === undefined ? yield* call(fs.lstat(log)) : info;
        if (known?.type === "directory") continue;
        logs.push(log);
        infos.push(known);
      }
    }
    // A glob that matches a log of an earlier block drops its whole block, first sight
    // included (checked by experiment; a literal duplicate is dropped alone by the parser).
    const duplicate = logs.find((log) => seen.has(log));
    if (duplicate !== undefined) {
      out.error(`${entry.location.file}:${entry.location.line} duplicate log entry for ${duplicate}`);
      continue;
    }
    for (const log of logs) seen.add(log);
    const last = logs.map((log) => (store !== null ? store.firstSight(log, now) : (options.store?.get(log) ?? startOfLocalHour(now, options.timeZone))));
    blocks.push({ entry, logs, infos, last });
  }
  return blocks;
}
