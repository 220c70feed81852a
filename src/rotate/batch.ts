/**
 * rotateBatch: many logs of one policy rotated as one batch under a group journal — planned
 * together, journaled with one commit, and performed step by step in lockstep.
 *
 * WHY: rotating each log through rotation() (rotate-file.ts) costs a task, a lock, a shield,
 * a listing, a journal record and a commit wait per step, and a directory check per step:
 * for a pass that rotates thousands of logs this per-log work, not the disk, was the time
 * (10,000 forced rotations: ~3 s of JavaScript around ~1.5 s of system calls). A batch does
 * once what can be shared: one listing per directory (batch-listing.ts), one commit for all
 * plans, one commit per step index, and one directory check per directory per step index.
 *
 * HOW (the same guarantees as applyPlan's, per plan — the crash tests cut a batch anywhere):
 * 1. every log is planned from the listings; a log that cannot be planned fails alone;
 * 2. all plans are journaled in one commit, before any step touches the disk;
 * 3. round i performs step i of every plan that has one and is not stopped, then commits:
 *    the directories those steps changed are fsynced, then one mark for all of them is
 *    appended and fsynced. Round i+1 starts only then, so, as in applyPlan, a plan's step
 *    runs only once its predecessor's mark is durable, and a replay after a crash has at most
 *    one step per plan that may have happened without its mark (each step is idempotent).
 * 4. a plan whose step fails as applyPlan would stop it (any error but a script's or a
 *    compression's) stops there, unmarked, and stays in the journal to be finished later.
 * Within a round, the steps that are metadata calls are started together, after one check
 * per directory that it is still the one planned for (applyPlan checks before each step);
 * with the direct fs (node-fs-direct.ts) their system calls are made at once, with no other
 * work of the process in between, and its moves are handed over together, to be made in
 * parallel (batch-moves.ts). So are small gzip compressions, where the fs has `gzipMany`
 * (batch-compressions.ts). A step that takes long (another compression, a copy, a script) is
 * checked on its own just before it starts.
 *
 * Compressions (where the fs has `fsyncFile`) are written without an fsync each; one barrier
 * per round then fsyncs all of them at once, which the disk merges into few journal commits
 * (1,000 .gz files: one fsync each, 16 at a time, held every compression's slot; the direct
 * fs makes a barrier over many files one syncfs: node-fs-direct.ts's fsyncFiles), and only
 * then is each renamed into place: a replay after a crash trusts a compressed version that
 * is in place, so it must be whole on the disk before its name is. The sources are removed
 * in a later round, after the mark that follows the renames is durable.
 *
 * The plans' steps run in parallel across logs: only for callers to whom the logs' order is
 * invisible (the pass: no per-log scripts, no log's stem a prefix of another's; overlap.ts),
 * and who keep any other rotation of these logs out (the pass holds the state's lock).
 */
import { call, getLoop, shield, type Operation } from "../scheduler/index.js";
import { checkDirs, Skips } from "./apply.js";
import { eachBounded, settleBounded } from "./bounded.js";
import { DirChecks, moveAll, type RoundMove } from "./batch-moves.js";
import { gzipAll, placeAll, type RoundCompression } from "./batch-compressions.js";
import { readListings } from "./batch-listing.js";
import type { DirectorySnapshot } from "./directory-snapshot.js";
import { runCommand } from "./commands.js";
import { CompressionError, ScriptError } from "./errors.js";
import type { FileInfo, RotateFs } from "./fs.js";
import type { GroupJournal } from "./group-journal.js";
import { createJournalPlan, type JournalPlan } from "./journal.js";
import { nodeFs } from "./node-fs.js";
import { compressToTemporary, performStepNow, type StepNowContext } from "./perform-step.js";
import { planRotation, type Rotation } from "./plan.js";
import { resolvePolicy, type RotationPolicy } from "./policy.js";
import { resolveOwners } from "./listing.js";
import { reportOf, withScripts, type RotateFileOptions, type RotationReport } from "./rotate-file.js";
import type { Step } from "./steps.js";

/** Files the barrier fsyncs at once (each open meanwhile): the thread pool's 16 threads, kept busy. */
const BARRIER_FILES = 64;

export interface BatchOptions extends Omit<RotateFileOptions, "journalGroup" | "locks"> {
  /** The group journal the batch's plans go in; the caller settles each log once recorded. */
  journalGroup: GroupJournal;
  /** lstats of the logs just made by the caller, used instead of making them again. */
  known?: ReadonlyMap<string, FileInfo>;
  /** The directories as the caller has just read them (directory-snapshot.ts says when they may be given). */
  snapshot?: DirectorySnapshot;
  /** Steps that take long (compressions, copies) at once (default 16). */
  concurrency?: number;
}

/** What became of one log of a batch: its report, or the error that stopped it (as rotation() throws). */
export type BatchOutcome = { log: string; report: RotationReport } | { log: string; error: unknown };

/** One plan on its way through the rounds. */
interface PlanRun {
  at: number;
  log: string;
  plan: Rotation;
  journal: JournalPlan;
  skips: Skips;
  errors: Error[];
  skipped: Step[];
  /** The error that stopped the plan (it stays in the journal, unended). */
  stopped: { error: unknown } | null;
  id: number;
}

/**
 * Rotates `logs` as one batch (see the header) and says what became of each, in their order.
 *
 * @example
 * const outcomes = yield* rotateBatch(["/var/log/a.log", "/var/log/b.log"], { keep: 3, journalGroup: group });
 */
export function* rotateBatch(logs: readonly string[], options: BatchOptions): Operation<BatchOutcome[]> {
  const now = (yield* getLoop()).clock.wallNow();
  // Shielded as rotation() is: a batch that has begun is finished (SIGTERM waits for it).
  // No abort signal reaches its steps either: nothing may stop it half-way.
  return yield* shield(call(async () => performPrepared(await prepare(logs, options, now))));
}

/**
 * A batch planned and its plans journaled, its steps not begun: `performBatch` does them.
 * Opaque to callers.
 */
export interface PreparedBatch {
  readonly options: BatchOptions;
  readonly policy: RotationPolicy;
  readonly outcomes: BatchOutcome[];
  readonly runs: PlanRun[];
}

/**
 * The first half of rotateBatch: plans `logs` and journals the plans. A caller with several
 * batches prepares the next while those before are being performed (their moves are made by
 * a worker thread, move-many.ts), and must then perform every batch it prepared: a prepared
 * batch is in the journal, and a later pass would finish it. Batches whose logs share no
 * names may be performed at once (overlap.ts).
 *
 * @example
 * const prepared = yield* prepareBatch(logs, options);
 * const outcomes = yield* performBatch(prepared);
 */
export function* prepareBatch(logs: readonly string[], options: BatchOptions): Operation<PreparedBatch> {
  const now = (yield* getLoop()).clock.wallNow();
  return yield* shield(call(() => prepare(logs, options, now)));
}

/** The second half of rotateBatch: performs a prepared batch's steps and says what became of each log. */
export function* performBatch(prepared: PreparedBatch): Operation<BatchOutcome[]> {
  return yield* shield(call(() => performPrepared(prepared)));
}

async function prepare(logs: readonly string[], options: BatchOptions, now: number): Promise<PreparedBatch> {
  const policy = resolvePolicy(options);
  const outcomes: BatchOutcome[] = new Array<BatchOutcome>(logs.length);
  const runs = await planAll(logs, options, policy, now, outcomes);
  if (runs.length > 0) {
    // If the journal cannot be written (a full disk, an I/O error), then, as when rotation()'s
    // journal fails, each plan still going stops with the error, and what it had begun stays
    // in the journal for the next pass to finish.
    const ids = await options.journalGroup.beginAll(runs.map((run) => run.journal)).catch((error: unknown) => runs.forEach((run) => (run.stopped = { error })));
    if (ids !== undefined) runs.forEach((run, k) => (run.id = ids[k]!));
  }
  return { options, policy, outcomes, runs };
}

async function performPrepared({ options, policy, outcomes, runs }: PreparedBatch): Promise<BatchOutcome[]> {
  const fs = options.fs ?? nodeFs;
  const group = options.journalGroup;
  if (runs.length > 0) {
    const ctx: StepNowContext = { fs, run: options.runCommand ?? runCommand, replaying: false, dirChanged: async (dir) => group.dirChanged(dir) };
    const rounds = Math.max(...runs.map((run) => run.journal.steps.length));
    for (let index = 0; index < rounds; index++) await performRound(runs, index, ctx, options);
  }
  for (const run of runs) {
    if (run.stopped !== null) outcomes[run.at] = { log: run.log, error: run.stopped.error };
    else {
      group.ended(run.id);
      outcomes[run.at] = { log: run.log, report: reportOf(run.log, run.plan, run.journal.steps, policy, run.errors, run.skipped) };
    }
  }
  return outcomes;
}

/** Plans every log; the ones that are not rotated, or cannot be planned, get their outcome at once. */
async function planAll(logs: readonly string[], options: BatchOptions, policy: RotationPolicy, now: number, outcomes: BatchOutcome[]): Promise<PlanRun[]> {
  const fs: RotateFs = options.fs ?? nodeFs;
  const [listings, owners] = await Promise.all([readListings(fs, logs, policy, options.known, options.snapshot), resolveOwners(fs, policy).catch((error: unknown) => ({ error }))]);
  const runs: PlanRun[] = [];
  logs.forEach((log, at) => {
    const listing = listings[at]!;
    try {
      if ("error" in owners) throw owners.error;
      if ("error" in listing) throw listing.error;
      const planned = planRotation(log, listing, policy, now, owners);
      if (!planned.rotate) {
        outcomes[at] = { log, report: { log, rotated: false, reason: planned.reason, recovered: false, steps: [], errors: [], warnings: [] } };
        return;
      }
      const plan = options.adjustPlan?.(planned) ?? planned;
      const journal = createJournalPlan(log, now, plan.dirs, withScripts(plan, policy, log));
      runs.push({ at, log, plan, journal, skips: new Skips(journal.steps), errors: [], skipped: [], stopped: null, id: -1 });
    } catch (error) {
      outcomes[at] = { log, error };
    }
  });
  return runs;
}

/** Step `index` of every plan still going, then one commit that marks them all. */
async function performRound(runs: readonly PlanRun[], index: number, ctx: StepNowContext, options: BatchOptions): Promise<void> {
  const done: number[] = [];
  const failed: number[] = [];
  // Runs one plan's step; `action` resolves false when the step is not finished yet (a
  // compression waiting for the barrier).
  const settle = async (run: PlanRun, step: Step, action: () => Promise<unknown>): Promise<void> => {
    try {
      if ((await action()) !== false) done.push(run.id);
    } catch (error) {
      if (!(error instanceof ScriptError || error instanceof CompressionError)) return void (run.stopped = { error });
      if (step.kind === "script" && step.stage === "firstaction") {
        options.journalGroup.ended(run.id); // nothing changed: as applyPlan, the plan ends
        return void (run.stopped = { error });
      }
      run.errors.push(error);
      run.skips.afterFailure(step, index);
      done.push(run.id);
      failed.push(run.id);
    }
  };
  const checks = new DirChecks(ctx.fs);
  const slow: PlanRun[] = [];
  const quick: Array<Promise<void>> = [];
  const moves: Array<RoundMove<PlanRun>> = [];
  // A compression is written without its own fsync when the fs can fsync a file later (the
  // barrier below); small gzip ones are then handed over together where the fs can.
  const barrier = ctx.fs.fsyncFile?.bind(ctx.fs);
  const gzips: Array<RoundCompression<PlanRun>> = [];
  for (const run of runs) {
    const step = run.journal.steps[index];
    if (step === undefined || run.stopped !== null) continue;
    if (run.skips.skips(step)) {
      run.skipped.push(step);
      done.push(run.id);
    } else if (step.kind === "rename" && ctx.fs.moveMany !== undefined) {
      options.onStep?.(step);
      moves.push({ run, dirs: run.journal.dirs, step });
    } else if (step.kind === "rename" || step.kind === "delete" || step.kind === "create" || step.kind === "mkdir") {
      options.onStep?.(step);
      // One check per set of directories per round: nothing else of the process runs between
      // it and these steps' system calls (the direct fs makes them at once).
      const check = checks.of(run.journal.dirs);
      quick.push(settle(run, step, async () => (await check, await performStepNow(step, ctx))));
    } else if (step.kind === "compress" && step.method === "gzip" && barrier !== undefined && ctx.fs.gzipMany !== undefined) {
      options.onStep?.(step);
      gzips.push({ run, dirs: run.journal.dirs, step });
    } else slow.push(run);
  }
  if (moves.length > 0) quick.push(moveAll(moves, checks, ctx, { settle, dirChanged: (dir) => options.journalGroup.dirChanged(dir), done: (run) => done.push(run.id) }));
  await Promise.all(quick);
  // Compressions are written without their own fsync where the fs can fsync a file later:
  // one barrier (all the files' fsyncs at once, which the disk merges) makes them whole on
  // the disk before any is renamed into place, since a replay trusts a compressed version
  // that is in place.
  const written: Array<{ run: PlanRun; step: Extract<Step, { kind: "compress" }>; temporary: string }> = [];
  // Small gzip compressions together, their directories checked once per set as the moves'
  // (the fs makes them at once, on two threads: gzip-many.ts); those too large come back.
  const large = gzips.length === 0 ? [] : await gzipAll(gzips, new DirChecks(ctx.fs), ctx, settle, (run, step, temporary) => written.push({ run, step, temporary }));
  const announced = new Set(large.map(({ run }) => run));
  slow.push(...announced);
  // Steps that take long, each checked just before it starts.
  await eachBounded(slow, options.concurrency ?? 16, async (run) => {
    const step = run.journal.steps[index]!;
    if (!announced.has(run)) options.onStep?.(step);
    if (step.kind !== "compress" || barrier === undefined) return settle(run, step, async () => (await checkDirs(ctx.fs, run.journal.dirs), await performStepNow(step, ctx)));
    await settle(run, step, async () => {
      await checkDirs(ctx.fs, run.journal.dirs);
      const temporary = await compressToTemporary(ctx, step, false);
      if (temporary === null) return true;
      written.push({ run, step, temporary });
      return false;
    });
  });
  if (barrier !== undefined && written.length > 0) {
    // The fs's own barrier for many files where it has one (node-fs-direct: one syncfs);
    // else each file's fdatasync, bounded, as each holds its file open (see bounded.ts).
    const synced =
      ctx.fs.fsyncFiles !== undefined
        ? await ctx.fs.fsyncFiles(written.map(({ temporary }) => temporary))
        : await settleBounded(written, BARRIER_FILES, ({ temporary }) => barrier(temporary));
    await placeAll(
      written.map(({ run, step, temporary }, k) => ({ run, dirs: run.journal.dirs, step, temporary, synced: synced[k]! })),
      new DirChecks(ctx.fs),
      ctx,
      settle,
    );
  }
  if (done.length === 0) return;
  await options.journalGroup.markAll(done, index, failed).catch((error: unknown) => {
    for (const run of runs) if (run.stopped === null && index < run.journal.steps.length) run.stopped = { error };
  });
}
