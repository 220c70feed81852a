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
import { applyPlan, GroupJournal, journalPathFor, readJournal, runCommand, type JournalPlan, type RotateFileOptions } from "../../rotate/index.js";
import { call, Semaphore, shield, type Operation } from "../../scheduler/index.js";
import type { StateStore } from "../state/index.js";
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

/**
 * Finishes the unfinished own journals of `logs` and records each finished rotation in
 * `store` (when there is one). Returns the logs whose state changed.
 *
 * @example
 * const recorded = yield* finishLogJournals(block.logs, store, options, out);
 */
export function* finishLogJournals(logs: readonly string[], store: StateStore | null, options: RecoveryOptions, out: Reporter): Operation<Set<string>> {
  const byDir = new Map<string, string[]>();
  for (const log of logs) {
    const journal = journalPathFor(log, options.journalDir);
    const dir = posix.dirname(journal);
    byDir.set(dir, [...(byDir.get(dir) ?? []), log]);
  }
  const recorded = new Set<string>();
  for (const [dir, inDir] of byDir) {
    const names = new Set((yield* call(options.fs.readdir(dir))) ?? []);
    for (const log of inDir) {
      const journalPath = journalPathFor(log, options.journalDir);
      const name = posix.basename(journalPath);
      // A journal still being written when the process died: its plan never started.
      if (names.has(`${name}.tmp`)) yield* call(options.fs.unlink(`${journalPath}.tmp`));
      if (!names.has(name)) continue;
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
