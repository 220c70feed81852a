/**
 * Finishing what a crash left, before a pass decides what is due: an interrupted rotation
 * is rolled forward (never started over) and then recorded in the state, so that the due
 * check sees it as done and the log is not rotated a second time.
 *
 * Two kinds of leftovers:
 * - the pass journal of an earlier pass (pass-journal.ts): each rotation in it that is not
 *   settled is finished and recorded at its planned time;
 * - a log's own journal (left by `rotor rotate`, the daemon, or a pass of an older rotor),
 *   beside the log or in `journalDir`. A sharedscripts rotation's one journal sits beside the
 *   block's first due log and carries every log's steps, so it is found whichever of the
 *   block's logs is due now. The journals are looked for with one readdir per directory,
 *   not one read per log.
 */
import { posix } from "node:path";
import { hasGlob } from "../../config/index.js";
import { applyPlan, GroupJournal, readJournal, runCommand, type DirectorySnapshot, type JournalPlan, type RotateFileOptions } from "../../rotate/index.js";
import { call, Semaphore, shield, type Operation } from "../../scheduler/index.js";
import type { StateStore } from "../state/index.js";
import { matchesPattern } from "./glob.js";
import type { Reporter } from "./report.js";

export type RecoveryOptions = Pick<RotateFileOptions, "journalDir" | "runCommand" | "compressionSlots" | "onStep"> & { fs: NonNullable<RotateFileOptions["fs"]> };

const logsOf = (plan: JournalPlan): string[] => plan.logs ?? [plan.log];

/**
 * Finishes the group journal at `path`, if there is one, records its rotations in `store`,
 * flushes the state and removes the journal. Returns false if a rotation in it could not be
 * finished (the journal then stays, and the error is reported).
 *
 * @example
 * const clean = yield* finishGroupJournal(passJournalPath(store.path), store, options, out);
 */
export function* finishGroupJournal(path: string, store: StateStore, options: RecoveryOptions, out: Reporter): Operation<boolean> {
  const entries = yield* call(GroupJournal.read(options.fs, path));
  if (entries === null) return true;
  const group = GroupJournal.resume(options.fs, path, entries);
  let clean = true;
  for (const entry of entries) {
    if (entry.settled) continue;
    const context = { fs: options.fs, run: options.runCommand ?? runCommand, compressionSlots: options.compressionSlots ?? new Semaphore(2), journalPath: path, onStep: options.onStep };
    try {
      yield* shield(applyPlan(entry.plan, { ...context, journal: group.entry(entry.plan.log, entry.id) }, entry));
    } catch (error) {
      out.error(`error finishing the interrupted rotation of ${entry.plan.log} (journal ${path}): ${error instanceof Error ? error.message : String(error)}`);
      clean = false;
      continue;
    }
    for (const log of logsOf(entry.plan)) store.remember(log, entry.plan.planned);
    group.settle(entry.plan.log);
  }
  yield* store.flush();
  if (clean) yield* call(group.remove());
  return clean;
}

const JOURNAL = ".rotor-journal";

/** The log a journal file in `dir` is for (the inverse of journalPathFor), or null. */
function logOfJournal(dir: string, name: string, journalDir: string | undefined): string | null {
  if (!name.endsWith(JOURNAL)) return null;
  const inner = name.slice(0, -JOURNAL.length);
  if (journalDir !== undefined) {
    try {
      return decodeURIComponent(inner);
    } catch {
      return null; // not one of rotor's names
    }
  }
  return inner.startsWith(".") && inner.length > 1 ? posix.join(dir, inner.slice(1)) : null;
}

/**
 * Finishes the unfinished own journals of a block's logs, and records each finished rotation
 * in `store` (when there is one). A journal counts as the block's when its log is one of
 * `logs` or is named by one of `patterns`: a shared rotation's journal sits beside its first
 * log, which may be gone (moved to `.1`) and so no longer among the glob's matches. Returns
 * the logs whose state changed. `snapshot`: the directories as the pass has just read them,
 * while nothing has changed there (directory-snapshot.ts).
 *
 * @example
 * const recorded = yield* finishLogJournals(entry.patterns.map((p) => p.path), block.logs, store, options, out);
 */
export function* finishLogJournals(
  patterns: readonly string[],
  logs: readonly string[],
  store: StateStore | null,
  options: RecoveryOptions,
  out: Reporter,
  snapshot?: DirectorySnapshot,
): Operation<Set<string>> {
  const ours = new Set(logs);
  const isOurs = (log: string): boolean => ours.has(log) || patterns.some((pattern) => matchesPattern(pattern, log));
  const dirs = new Set<string>();
  if (options.journalDir !== undefined) dirs.add(options.journalDir);
  else {
    for (const log of logs) dirs.add(posix.dirname(log));
    for (const pattern of patterns) if (!hasGlob(posix.dirname(pattern))) dirs.add(posix.dirname(pattern));
  }
  const recorded = new Set<string>();
  for (const dir of dirs) {
    for (const name of (yield* call(snapshot?.names(dir) ?? options.fs.readdir(dir))) ?? []) {
      if (!name.includes(JOURNAL)) continue; // most names: a no-op pass looks at every one
      const journalPath = posix.join(dir, name);
      // A journal still being written when the process died: its plan never started.
      const unwritten = name.endsWith(`${JOURNAL}.tmp`) ? logOfJournal(dir, name.slice(0, -4), options.journalDir) : null;
      if (unwritten !== null && isOurs(unwritten)) yield* call(options.fs.unlink(journalPath));
      const log = logOfJournal(dir, name, options.journalDir);
      if (log === null || !isOurs(log)) continue;
      const pending = yield* call(readJournal(options.fs, journalPath));
      if (pending === null) continue;
      const context = { fs: options.fs, run: options.runCommand ?? runCommand, compressionSlots: options.compressionSlots ?? new Semaphore(2), journalPath, onStep: options.onStep };
      try {
        yield* shield(applyPlan(pending.plan, context, pending));
      } catch (error) {
        out.error(`error finishing the interrupted rotation of ${log} (journal ${journalPath}): ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      for (const rotated of logsOf(pending.plan)) {
        store?.remember(rotated, pending.plan.planned);
        recorded.add(rotated);
      }
    }
  }
  if (store !== null && recorded.size > 0) yield* store.flush();
  return recorded;
}
