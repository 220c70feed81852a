/**
 * The executor: performs a plan under a journal.
 *
 * HOW: the plan is journaled (fsynced) before the first change; before each step the
 * directories it works in are checked to be the ones planned for (a directory swapped for
 * a symlink stops the rotation before anything in it is touched); each finished step is
 * recorded; the journal is removed at the end. `resume` rolls an interrupted journal
 * forward from its first unrecorded step.
 *
 * WHY failures are treated as they are (logrotate 3.21's behaviour, docs/logrotate-behaviour.md):
 * - firstaction fails: nothing has changed; the journal is removed and the error thrown.
 * - prerotate or postrotate fails: the error is reported and the log's remaining steps
 *   are skipped, up to lastaction, which still runs.
 * - preremove fails: that file is not removed. A compression fails: its source is kept, and
 *   if a later step would move or copy onto that source (a delayed compression of last run's
 *   `.1`), the rest is skipped up to lastaction, as after a failed prerotate.
 * - Anything else stops the plan with the journal in place, so the next attempt finishes
 *   it instead of starting over on a half-rotated set of files.
 * A failure is journaled with its step, so a replay after a crash skips the same steps.
 */
import { call, type Operation } from "../scheduler/index.js";
import { CompressionError, ScriptError, UnsafeLogError } from "./errors.js";
import type { RotateFs } from "./fs.js";
import { fileJournal, type JournalPlan, type JournalWriter } from "./journal.js";
import { performStep, type StepContext } from "./perform-step.js";
import type { DirIdentity, Step } from "./steps.js";

export interface ExecutorContext extends Omit<StepContext, "replaying" | "dirChanged"> {
  journalPath: string;
  /** Where progress is made durable; default the plan's own file at `journalPath`. */
  journal?: JournalWriter;
  /** Told of each step as it is about to run (verbose logs, `-v`). */
  onStep?: (step: Step, index: number) => void;
}

export interface ApplyReport {
  /** Errors that did not stop the plan (a script, a compression). */
  errors: Error[];
  /** Steps not performed because of an earlier failure. */
  skipped: Step[];
}

/** Which later steps of one plan a failure rules out (also used by batch.ts). */
export class Skips {
  #untilLastaction = false;
  readonly #keep = new Set<string>();

  constructor(readonly steps: readonly Step[]) {}

  afterFailure(step: Step, index: number): void {
    // A failed compression leaves its source in place. When a later step would move or copy
    // onto that source (last run's `.1` under delaycompress, say on ENOSPC), the rotation ends
    // here, before the shift, as after a failed prerotate, up to lastaction: the live log's
    // rename used to fail later with a misleading "in the way" error and a journal whose
    // replay took that rename for done. The next rotation retries the compression.
    if (step.kind === "compress" && this.steps.slice(index + 1).some((later) => (later.kind === "rename" || later.kind === "copy") && later.to === step.from)) {
      this.#untilLastaction = true;
    }
    if (step.kind === "compress") this.#keep.add(step.from);
    else if (step.kind === "script" && step.stage === "preremove") this.#keep.add(step.args[0]!);
    else if (step.kind === "script" && (step.stage === "prerotate" || step.stage === "postrotate")) this.#untilLastaction = true;
  }

  skips(step: Step): boolean {
    if (step.kind === "script" && step.stage === "lastaction") return false;
    if (this.#untilLastaction) return true;
    if (step.kind === "delete") return this.#keep.has(step.path);
    return step.kind === "script" && step.stage === "preremove" && this.#keep.has(step.args[0]!);
  }
}

/** Performs `plan` under its journal; with `resume`, rolls an interrupted one forward. */
export function* applyPlan(plan: JournalPlan, ctx: ExecutorContext, resume?: { done: Set<number>; failed: Set<number> }): Operation<ApplyReport> {
  const replaying = resume !== undefined;
  const done = resume?.done ?? new Set<number>();
  const failed = resume?.failed ?? new Set<number>();
  const journal = ctx.journal ?? fileJournal(ctx.fs, ctx.journalPath);
  if (!replaying) yield* call(journal.begin(plan));
  const stepContext: StepContext = { ...ctx, replaying, dirChanged: (dir) => journal.dirChanged(dir) };
  const errors: Error[] = [];
  const skipped: Step[] = [];
  const skips = new Skips(plan.steps);
  for (const [index, step] of plan.steps.entries()) {
    if (done.has(index)) {
      if (failed.has(index)) skips.afterFailure(step, index);
      continue;
    }
    if (skips.skips(step)) {
      skipped.push(step);
      yield* call(journal.mark(index, false));
      continue;
    }
    // onStep first, then the check: the check must be the last thing before the step's own
    // I/O, so that whatever happened before it (an onStep listener included) is seen. It used
    // to come first, and a directory swapped for a symlink in between was worked through.
    ctx.onStep?.(step, index);
    yield* call(checkDirs(ctx.fs, plan.dirs));
    let failure = false;
    try {
      yield* performStep(step, stepContext);
    } catch (error) {
      if (!(error instanceof ScriptError || error instanceof CompressionError)) throw error;
      if (step.kind === "script" && step.stage === "firstaction") {
        yield* call(journal.end());
        throw error;
      }
      errors.push(error);
      skips.afterFailure(step, index);
      failure = true;
    }
    yield* call(journal.mark(index, failure));
  }
  yield* call(journal.end());
  return { errors, skipped };
}

/** Each directory must still be the one planned for: same device and inode, not a symlink. */
export async function checkDirs(fs: RotateFs, dirs: DirIdentity[]): Promise<void> {
  for (const dir of dirs) {
    const now = await fs.lstat(dir.path);
    if (now === null || now.type !== "directory" || now.dev !== dir.dev || now.ino !== dir.ino) {
      const what = now === null ? "is gone" : now.type !== "directory" ? `is now a ${now.type}` : "was replaced by another directory";
      throw new UnsafeLogError(dir.path, `${dir.path} ${what} since the rotation was planned; stopped before touching anything in it. Check who changed it; the journal keeps the rest of the plan.`);
    }
  }
}
