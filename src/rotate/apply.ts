/**
 * The executor: performs a plan under a journal.
 *
 * HOW: the plan is journaled (fsynced) before the first change; before each step the
 * directories it works in are checked to be the ones planned for (a directory swapped for
 * a symlink stops the rotation before anything outside it is touched); each finished step
 * is recorded; the journal is removed at the end. `resume` rolls an interrupted journal
 * forward from its first unrecorded step.
 *
 * WHY errors are treated differently:
 * - A script that fails before anything changed (firstaction, prerotate) cancels the
 *   rotation cleanly: the journal is removed and the log stays as it was (logrotate's
 *   "leaving old log in place").
 * - A failed compression keeps the uncompressed version (its error says which) and the
 *   rest of the plan goes on; so does a failed script after the log was rotated.
 * - Anything else stops the plan with the journal in place, so the next attempt finishes
 *   it instead of starting over on a half-rotated set of files.
 */
import { call, type Operation } from "../scheduler/index.js";
import { CompressionError, ScriptError, UnsafeLogError } from "./errors.js";
import type { RotateFs } from "./fs.js";
import { clearJournal, markDone, writeJournal, type JournalPlan } from "./journal.js";
import { performStep, type StepContext } from "./perform-step.js";
import type { DirIdentity, Step } from "./steps.js";

export interface ExecutorContext extends Omit<StepContext, "replaying"> {
  journalPath: string;
  /** Told of each step as it is about to run (verbose logs, `-v`). */
  onStep?: (step: Step, index: number) => void;
}

export interface ApplyReport {
  /** Errors that did not stop the plan (a compression, a late script). */
  errors: Error[];
}

/** Performs `plan` under its journal; with `resume`, rolls an interrupted one forward. */
export function* applyPlan(plan: JournalPlan, ctx: ExecutorContext, resume?: Set<number>): Operation<ApplyReport> {
  const replaying = resume !== undefined;
  const done = resume ?? new Set<number>();
  if (!replaying) yield* call(writeJournal(ctx.fs, ctx.journalPath, plan));
  const stepContext: StepContext = { ...ctx, replaying };
  const errors: Error[] = [];
  let changed = [...done].some((i) => plan.steps[i]?.kind !== "script");
  for (const [index, step] of plan.steps.entries()) {
    if (done.has(index)) continue;
    yield* call(checkDirs(ctx.fs, plan.dirs));
    ctx.onStep?.(step, index);
    try {
      yield* performStep(step, stepContext);
    } catch (error) {
      if (error instanceof ScriptError && !changed) {
        yield* call(clearJournal(ctx.fs, ctx.journalPath));
        throw error;
      }
      if (!(error instanceof ScriptError || error instanceof CompressionError)) throw error;
      errors.push(error);
    }
    if (step.kind !== "script") changed = true;
    yield* call(markDone(ctx.fs, ctx.journalPath, index));
  }
  yield* call(clearJournal(ctx.fs, ctx.journalPath));
  return { errors };
}

/** Each directory must still be the one planned for: same device and inode, not a symlink. */
async function checkDirs(fs: RotateFs, dirs: DirIdentity[]): Promise<void> {
  for (const dir of dirs) {
    const now = await fs.lstat(dir.path);
    if (now === null || now.type !== "directory" || now.dev !== dir.dev || now.ino !== dir.ino) {
      const what = now === null ? "is gone" : now.type !== "directory" ? `is now a ${now.type}` : "was replaced by another directory";
      throw new UnsafeLogError(dir.path, `${dir.path} ${what} since the rotation was planned; stopped before touching anything in it. Check who changed it; the journal keeps the rest of the plan.`);
    }
  }
}
