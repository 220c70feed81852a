/**
 * The journal that makes a rotation crash-safe: the plan is written (and fsynced) before
 * anything is touched, each finished step is appended as it completes, and the journal is
 * removed at the end. Whoever touches the log next finds an unfinished journal and rolls
 * it forward from the first step not marked done; every step is idempotent, so one that
 * completed just before the crash (but was not marked) is safely performed again.
 *
 * Format: JSON lines. The first line is the plan; each later line is `{"done":i}`. A torn
 * last line (the crash came mid-append) is ignored.
 *
 * Invariant: the journal file exists exactly while a plan is in progress.
 */
import { posix } from "node:path";
import { JournalError } from "./errors.js";
import type { RotateFs } from "./fs.js";
import type { DirIdentity, Step } from "./steps.js";

const FORMAT = "rotor-journal/1";

export interface JournalPlan {
  format: typeof FORMAT;
  /** The log the plan rotates. */
  log: string;
  /** When it was planned (ms since the epoch). */
  planned: number;
  dirs: DirIdentity[];
  steps: Step[];
  /**
   * Every log the plan rotates, when it is more than `log` (a sharedscripts block's one plan):
   * whoever finishes it after a crash records each of them in the state.
   */
  logs?: string[];
}

/**
 * Where an executor makes its progress durable. The default (fileJournal) is the plan's own
 * journal file, fsynced at every step. A pass that rotates many logs at once uses a group
 * journal instead (group-journal.ts): one file for many plans, whose marks and directory
 * fsyncs are committed together. Either way the contract is the same:
 * - `begin` resolves once the plan is durable, before the first step touches anything;
 * - `dirChanged` is told that a step renamed or removed entries of `dir`: they must be durable
 *   before any later `mark` is (a mark must never survive a crash that its step did not);
 * - `mark` resolves once the step's record is durable;
 * - `end` says the plan is finished (the file journal removes itself durably).
 */
export interface JournalWriter {
  begin(plan: JournalPlan): Promise<void>;
  dirChanged(dir: string): Promise<void>;
  mark(index: number, failed: boolean): Promise<void>;
  end(): Promise<void>;
}

/**
 * The plan's own journal file at `path`: each call is durable on its own.
 *
 * @example
 * const journal = fileJournal(nodeFs, journalPathFor("/var/log/app.log"));
 */
export function fileJournal(fs: RotateFs, path: string): JournalWriter {
  return {
    begin: (plan) => writeJournal(fs, path, plan),
    dirChanged: (dir) => fs.fsyncDir(dir),
    mark: (index, failed) => markDone(fs, path, index, failed),
    end: () => clearJournal(fs, path),
  };
}

export interface JournalState {
  plan: JournalPlan;
  /** Indexes of the steps already done. */
  done: Set<number>;
  /** Of those, the ones that failed (their failure decides which later steps are skipped). */
  failed: Set<number>;
}

/** Where the journal of `logPath` lives: beside the log by default, or in `journalDir`. */
export function journalPathFor(logPath: string, journalDir?: string): string {
  if (journalDir === undefined) return posix.join(posix.dirname(logPath), `.${posix.basename(logPath)}.rotor-journal`);
  return posix.join(journalDir, `${encodeURIComponent(logPath)}.rotor-journal`);
}

export function createJournalPlan(log: string, planned: number, dirs: DirIdentity[], steps: Step[], logs?: string[]): JournalPlan {
  return logs === undefined ? { format: FORMAT, log, planned, dirs, steps } : { format: FORMAT, log, planned, dirs, steps, logs };
}

/** Writes the plan durably: a temporary file, fsynced, renamed into place, directory fsynced. */
export async function writeJournal(fs: RotateFs, path: string, plan: JournalPlan): Promise<void> {
  const temporary = `${path}.tmp`;
  await fs.unlink(temporary);
  await fs.writeNewDurable(temporary, `${JSON.stringify(plan)}\n`, 0o600);
  await fs.renameNoReplace(temporary, path);
  await fs.fsyncDir(posix.dirname(path));
}

/** Records step `index` as done (or as failed, which also ends it), durably. */
export async function markDone(fs: RotateFs, path: string, index: number, failed = false): Promise<void> {
  await fs.appendDurable(path, `${JSON.stringify(failed ? { done: index, failed } : { done: index })}\n`);
}

/** The unfinished plan at `path`, or null when there is none. */
export async function readJournal(fs: RotateFs, path: string): Promise<JournalState | null> {
  const text = await fs.readText(path);
  if (text === null) return null;
  const lines = text.split("\n");
  let plan: JournalPlan;
  try {
    plan = JSON.parse(lines[0]!) as JournalPlan;
  } catch {
    throw new JournalError(path, "the journal's plan is unreadable. Inspect the file: if the rotation it describes is complete, delete it.");
  }
  if (plan.format !== FORMAT || !Array.isArray(plan.steps)) {
    throw new JournalError(path, `not a rotor journal (format ${JSON.stringify(plan.format)}). Inspect and delete it if it is stray.`);
  }
  const done = new Set<number>();
  const failed = new Set<number>();
  for (const line of lines.slice(1)) {
    if (line.trim() === "") continue;
    try {
      const record = JSON.parse(line) as { done?: unknown; failed?: unknown };
      if (typeof record.done === "number") done.add(record.done);
      if (typeof record.done === "number" && record.failed === true) failed.add(record.done);
    } catch {
      // A torn last line: the step it would mark is simply performed again.
    }
  }
  return { plan, done, failed };
}

/**
 * Removes the temporary file of a journal that was being written when the process died:
 * its plan never started (nothing is done before the journal is in place), so it is moot.
 */
export async function discardUnwrittenJournal(fs: RotateFs, path: string): Promise<void> {
  await fs.unlink(`${path}.tmp`);
}

/** Removes the finished journal, durably. */
export async function clearJournal(fs: RotateFs, path: string): Promise<void> {
  await fs.unlink(path);
  await fs.fsyncDir(posix.dirname(path));
}
