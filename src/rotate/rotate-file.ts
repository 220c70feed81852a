/**
 * rotateFile / rotation: one rotation of one log, end to end. It first finishes the log's
 * unfinished journal if there is one, then plans against the disk as it is and applies
 * the plan under a new journal, holding the log's lock and shielded from cancellation: a
 * rotation that has begun is finished (a daemon's SIGTERM waits for it).
 */
import { call, getLoop, run, shield, Semaphore, type Clock, type Operation } from "../scheduler/index.js";
import { applyPlan, type ExecutorContext } from "./apply.js";
import { runCommand, type RunCommand } from "./commands.js";
import { FileLocks } from "./file-locks.js";
import type { GroupJournal } from "./group-journal.js";
import type { RotateFs } from "./fs.js";
import { createJournalPlan, discardUnwrittenJournal, journalPathFor, readJournal } from "./journal.js";
import { readListing, resolveOwners } from "./listing.js";
import { nodeFs } from "./node-fs.js";
import { planRotation, type Rotation } from "./plan.js";
import { resolvePolicy, type RotationOptions, type RotationPolicy } from "./policy.js";
import type { ScriptStage, Step } from "./steps.js";

export interface RotateFileOptions extends RotationOptions {
  /** Where the journal lives: default beside the log, as `.<name>.rotor-journal`. */
  journalDir?: string;
  /** The filesystem (default: the real one). */
  fs?: RotateFs;
  /** How external programs run (default: child_process). */
  runCommand?: RunCommand;
  /** Shared by jobs that must not rotate one file at once (default: one per call). */
  locks?: FileLocks;
  /** Bounds concurrent compressions across jobs (default: 2 per call). */
  compressionSlots?: Semaphore;
  /** Told of each step as it runs. */
  onStep?: (step: Step) => void;
  /** Rewrites a plan before it is journaled (the logrotate pass adds its mail steps). */
  adjustPlan?: (plan: Rotation) => Rotation;
  /**
   * Journal the rotation in this group journal (many rotations at once, group commit) rather
   * than in its own file. The caller owns the group: it has already finished the log's own
   * unfinished journal, if any (rotation() then does not look for one), and settles the
   * rotation in the group once it has recorded it.
   */
  journalGroup?: GroupJournal;
}

export interface RotationReport {
  log: string;
  /** False when a condition said no (the reason says which). */
  rotated: boolean;
  reason?: string;
  /** True when an interrupted rotation of this log was finished first. */
  recovered: boolean;
  /** The steps performed (or failed), scripts included; skipped ones are left out. */
  steps: Step[];
  /** Where the rotated content is now (after compression). */
  newest?: string;
  /** Problems that did not stop the rotation (a failed compression keeps the plain version). */
  errors: Error[];
  /** Things to know that are not errors (copytruncate's window of lost lines). */
  warnings: string[];
}

/**
 * Rotates one log now, as an operation on the scheduler (wall time from the loop's clock).
 *
 * @example
 * const report = yield* rotation("/var/log/app.log", { keep: 5, compress: "gzip" });
 */
export function* rotation(logPath: string, options: RotateFileOptions): Operation<RotationReport> {
  const policy = resolvePolicy(options);
  const context = executorFor(logPath, options);
  const fs = context.fs;
  return yield* (options.locks ?? new FileLocks()).use(
    logPath,
    shield(
      (function* (): Operation<RotationReport> {
        const recovered = options.journalGroup === undefined ? yield* finishInterrupted(context) : false;
        const [listing, owners] = yield* call(Promise.all([readListing(fs, logPath, policy), resolveOwners(fs, policy)]));
        const now = (yield* getLoop()).clock.wallNow();
        const planned = planRotation(logPath, listing, policy, now, owners);
        if (!planned.rotate) return { log: logPath, rotated: false, reason: planned.reason, recovered, steps: [], errors: [], warnings: [] };
        const plan = options.adjustPlan?.(planned) ?? planned;
        const steps = withScripts(plan, policy, logPath);
        const journal = options.journalGroup?.entry(logPath);
        const { errors, skipped } = yield* applyPlan(createJournalPlan(logPath, now, plan.dirs, steps), { ...context, journal });
        return { ...reportOf(logPath, plan, steps, policy, errors, skipped), recovered };
      })(),
    ),
  );
}

/** What a rotation would do now, from `rotationPreview`. */
export type RotationPreview = { log: string; rotate: true; steps: Step[]; newest: string | null } | { log: string; rotate: false; reason: string };

/**
 * Plans a rotation of one log against the disk as it is, without changing anything (a dry
 * run: `rotor rotate --dry-run`, `rotor check`). Throws what rotation() would throw.
 *
 * @example
 * const preview = yield* rotationPreview("/var/log/app.log", { keep: 5 });
 * if (preview.rotate) preview.steps.forEach((step) => console.log(describeStep(step)));
 */
export function* rotationPreview(logPath: string, options: Omit<RotateFileOptions, "locks" | "onStep">): Operation<RotationPreview> {
  const policy = resolvePolicy(options);
  const fs = options.fs ?? nodeFs;
  const [listing, owners] = yield* call(Promise.all([readListing(fs, logPath, policy), resolveOwners(fs, policy)]));
  const plan = planRotation(logPath, listing, policy, (yield* getLoop()).clock.wallNow(), owners);
  if (!plan.rotate) return plan;
  return { log: logPath, rotate: true, steps: withScripts(plan, policy, logPath), newest: plan.newest };
}

/**
 * Finishes the interrupted rotation of a log, if its journal says there is one, and does
 * nothing else. Returns true if there was one. (rotation() does this first anyway.)
 *
 * @example
 * yield* recovery("/var/log/app.log", { keep: 5 });
 */
export function* recovery(logPath: string, options: Pick<RotateFileOptions, "journalDir" | "fs" | "runCommand" | "locks" | "compressionSlots" | "onStep">): Operation<boolean> {
  const context = executorFor(logPath, options);
  return yield* (options.locks ?? new FileLocks()).use(logPath, shield(finishInterrupted(context)));
}

function executorFor(logPath: string, options: Pick<RotateFileOptions, "journalDir" | "fs" | "runCommand" | "compressionSlots" | "onStep">): ExecutorContext {
  return {
    fs: options.fs ?? nodeFs,
    run: options.runCommand ?? runCommand,
    compressionSlots: options.compressionSlots ?? new Semaphore(2),
    journalPath: journalPathFor(logPath, options.journalDir),
    onStep: options.onStep,
  };
}

function* finishInterrupted(context: ExecutorContext): Operation<boolean> {
  const pending = yield* call(readJournal(context.fs, context.journalPath));
  if (pending === null) {
    yield* call(discardUnwrittenJournal(context.fs, context.journalPath));
    return false;
  }
  yield* applyPlan(pending.plan, context, pending);
  return true;
}

/**
 * Rotates one log now and resolves with what was done.
 *
 * @example
 * const report = await rotateFile("/var/log/app.log", { keep: 5, compress: "gzip", delaycompress: true });
 */
export function rotateFile(logPath: string, options: RotateFileOptions & { clock?: Clock }): Promise<RotationReport> {
  return run(rotation(logPath, options), { clock: options.clock });
}

/**
 * What a rotation that ran `steps` of `plan` did, with the `errors` that did not stop it
 * and the steps `skipped` after a failure (also batch.ts's report of each of its logs).
 */
export function reportOf(logPath: string, plan: Rotation, steps: readonly Step[], policy: RotationPolicy, errors: Error[], skipped: readonly Step[]): RotationReport {
  // A failure before the live log moved (prerotate, a delayed compression) means no rotation.
  const rotated = !plan.during.some((step) => skipped.includes(step));
  const warnings = policy.mode === "copytruncate" ? [`${logPath}: copytruncate loses the lines written between its copy and its truncation; prefer create with a reopen signal`] : [];
  const done = steps.filter((step) => !skipped.includes(step));
  if (!rotated) return { log: logPath, rotated, reason: errors[0]?.message ?? "an earlier step failed", recovered: false, steps: done, errors, warnings };
  return { log: logPath, rotated, recovered: false, steps: done, newest: plan.newest ?? undefined, errors, warnings };
}

/** The plan's steps with the log's own scripts around them, in logrotate's order. */
export function withScripts(plan: Rotation, policy: RotationPolicy, logPath: string): Step[] {
  const { firstaction, prerotate, postrotate, lastaction } = policy.scripts;
  const script = (stage: ScriptStage, body: string | undefined, args: string[] = [logPath]): Step[] => (body ? [{ kind: "script", stage, script: body, args }] : []);
  return [
    ...script("firstaction", firstaction),
    ...plan.before,
    ...script("prerotate", prerotate),
    ...plan.during,
    ...script("postrotate", postrotate, [logPath, plan.rotated]),
    ...plan.after,
    ...script("lastaction", lastaction),
  ];
}
