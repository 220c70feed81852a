/**
 * sharedRotation: the logs of one `sharedscripts` block rotated as one unit, in
 * logrotate 3.21's order (docs/logrotate-behaviour.md rule 24, 09b, 09k, 09n): every log's
 * "before" steps (delayed compression, shift), one prerotate, every log's rename, one
 * postrotate, then every log's compression and disposal. Both scripts get the block's raw
 * pattern text as `$1` (Surprise 6).
 *
 * HOW: composed from the engine's own parts (planRotation, applyPlan), not by changing
 * src/rotate: each log is planned against the disk, the steps are joined into one plan,
 * and applyPlan runs it under one journal (beside the first log) with the executor's
 * usual skip rules, so a failed shared prerotate skips every log's rename (09k).
 */
import {
  applyPlan,
  planRotation,
  readListing,
  recovery,
  resolveOwners,
  resolvePolicy,
  runCommand,
  type RotateFileOptions,
  type Rotation,
  type Step,
} from "../../rotate/index.js";
import { createJournalPlan, journalPathFor, nodeFs } from "../../rotate/index.js";
import { call, getLoop, Semaphore, shield, type Operation } from "../../scheduler/index.js";

/** What happened to each log of a shared rotation. */
export interface SharedReport {
  /** The logs whose live file became a version. */
  rotated: string[];
  /** Logs that could not be planned (missing, unsafe), with why. */
  refused: Array<{ log: string; error: Error }>;
  /** Logs skipped by a condition (notifempty, a symlink), with why. */
  skipped: Array<{ log: string; reason: string }>;
  errors: Error[];
  /** The log under whose name the rotation was journaled (the first one planned), if any. */
  journaled: string | null;
}

/**
 * Rotates `logs` together with one prerotate and one postrotate.
 *
 * @example
 * const report = yield* sharedRotation(["/x/a.log", "/x/b.log"], options, '"/x/*.log" ');
 */
export function* sharedRotation(logs: readonly string[], options: RotateFileOptions, patternText: string): Operation<SharedReport> {
  const policy = resolvePolicy(options);
  const fs = options.fs ?? nodeFs;
  const now = (yield* getLoop()).clock.wallNow();
  const report: SharedReport = { rotated: [], refused: [], skipped: [], errors: [], journaled: null };
  const plans: Rotation[] = [];
  for (const log of logs) {
    try {
      // A shared rotation that was interrupted is journaled beside its first log: finish it
      // before planning against a half-rotated set of files (rotation() does this per log).
      if (options.journalGroup === undefined) yield* recovery(log, options);
      const [listing, owners] = yield* call(Promise.all([readListing(fs, log, policy), resolveOwners(fs, policy)]));
      const plan = planRotation(log, listing, policy, now, owners);
      if (plan.rotate) plans.push(options.adjustPlan?.(plan) ?? plan);
      else report.skipped.push({ log, reason: plan.reason });
    } catch (error) {
      report.refused.push({ log, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  if (plans.length === 0) return report;
  const script = (stage: "prerotate" | "postrotate", body: string | undefined): Step[] => (body ? [{ kind: "script", stage, script: body, args: [patternText] }] : []);
  const steps: Step[] = [
    ...plans.flatMap((plan) => plan.before),
    ...script("prerotate", policy.scripts.prerotate),
    ...plans.flatMap((plan) => plan.during),
    ...script("postrotate", policy.scripts.postrotate),
    ...plans.flatMap((plan) => plan.after),
  ];
  const context = {
    fs,
    run: options.runCommand ?? runCommand,
    compressionSlots: options.compressionSlots ?? new Semaphore(2),
    journalPath: journalPathFor(plans[0]!.log, options.journalDir),
    onStep: options.onStep,
  };
  const planned = plans.map((plan) => plan.log);
  const journal = createJournalPlan(planned[0]!, now, plans.flatMap((plan) => plan.dirs), steps, planned);
  report.journaled = planned[0]!;
  const { errors, skipped } = yield* shield(applyPlan(journal, { ...context, journal: options.journalGroup?.entry(planned[0]!) }));
  report.errors.push(...errors);
  for (const plan of plans) if (!plan.during.some((step) => skipped.includes(step))) report.rotated.push(plan.log);
  return report;
}
