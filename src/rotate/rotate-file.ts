/**
 * rotateFile / rotation: one rotation of one log, end to end. It first finishes the log's
 * unfinished journal if there is one, then plans against the disk as it is and applies
 * the plan under a new journal, holding the log's lock and shielded from cancellation: a
 * rotation that has begun is finished (a daemon's SIGTERM waits for it).
 */
import { call, getLoop, run, shield, Semaphore, type Clock, type Operation } from "../scheduler/index.js";
import { applyPlan } from "./apply.js";
import { runCommand, type RunCommand } from "./commands.js";
import { FileLocks } from "./file-locks.js";
import type { RotateFs } from "./fs.js";
import { createJournalPlan, journalPathFor, readJournal } from "./journal.js";
import { readListing, resolveOwners } from "./listing.js";
import { nodeFs } from "./node-fs.js";
import { planRotation, type RotationPlan } from "./plan.js";
import { resolvePolicy, type RotationOptions, type RotationPolicy } from "./policy.js";
import type { Step } from "./steps.js";

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
}

export interface RotationReport {
  log: string;
  /** False when a condition said no (the reason says which). */
  rotated: boolean;
  reason?: string;
  /** True when an interrupted rotation of this log was finished first. */
  recovered: boolean;
  /** The steps performed, scripts included. */
  steps: Step[];
  /** Where the rotated content is now (after compression). */
  newest?: string;
  /** Problems that did not stop the rotation (a failed compression keeps the plain version). */
  errors: Error[];
}

/**
 * Rotates one log now, as an operation on the scheduler (wall time from the loop's clock).
 *
 * @example
 * const report = yield* rotation("/var/log/app.log", { keep: 5, compress: "gzip" });
 */
export function* rotation(logPath: string, options: RotateFileOptions): Operation<RotationReport> {
  const policy = resolvePolicy(options);
  const fs = options.fs ?? nodeFs;
  const locks = options.locks ?? new FileLocks();
  const context = {
    fs,
    run: options.runCommand ?? runCommand,
    compressionSlots: options.compressionSlots ?? new Semaphore(2),
    journalPath: journalPathFor(logPath, options.journalDir),
    onStep: options.onStep,
  };
  return yield* locks.use(
    logPath,
    shield(
      (function* (): Operation<RotationReport> {
        const pending = yield* call(readJournal(fs, context.journalPath));
        if (pending) yield* applyPlan(pending.plan, context, pending.done);
        const [listing, owners] = yield* call(Promise.all([readListing(fs, logPath, policy), resolveOwners(fs, policy)]));
        const now = (yield* getLoop()).clock.wallNow();
        const plan = planRotation(logPath, listing, policy, now, owners);
        if (!plan.rotate) return { log: logPath, rotated: false, reason: plan.reason, recovered: pending !== null, steps: [], errors: [] };
        const steps = withScripts(plan, policy, logPath);
        const { errors } = yield* applyPlan(createJournalPlan(logPath, now, plan.dirs, steps), context);
        return { log: logPath, rotated: true, recovered: pending !== null, steps, newest: plan.newest, errors };
      })(),
    ),
  );
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

/** The plan's steps with the log's own scripts around them, in logrotate's order. */
function withScripts(plan: Extract<RotationPlan, { rotate: true }>, policy: RotationPolicy, logPath: string): Step[] {
  const { firstaction, prerotate, postrotate, lastaction } = policy.scripts;
  const script = (stage: "firstaction" | "prerotate" | "postrotate" | "lastaction", body: string | undefined): Step[] =>
    body ? [{ kind: "script", stage, script: body, args: [logPath] }] : [];
  return [
    ...script("firstaction", firstaction),
    ...script("prerotate", prerotate),
    ...plan.steps.slice(0, plan.postrotateAt),
    ...script("postrotate", postrotate),
    ...plan.steps.slice(plan.postrotateAt),
    ...script("lastaction", lastaction),
  ];
}
