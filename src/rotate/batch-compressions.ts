/**
 * A batch round's compressions (batch.ts) made together: the small gzip ones through the
 * fs's `gzipMany`, and, once the round's barrier has made them whole on the disk, the
 * renames of every compressed file into place through its `moveMany`; each set of
 * directories checked once, as the moves' are (batch-moves.ts).
 *
 * WHY: made one by one, each compression is a chain of promises and some fifteen system
 * calls on the main thread (~350 µs for a 4 KiB log), and each placement another chain
 * around a link and an unlink; handed over together, the fs may make them on two threads
 * (gzip-many.ts, move-many.ts).
 *
 * The outcome is the same as compressToTemporary's and placeCompressed's (perform-step.ts)
 * for each: written into its temporary name, nothing to do, a VersionInTheWayError for
 * something at the target, or a CompressionError; then placed, or failed with its temporary
 * file removed. A compression too large for gzipMany is given back, to be made the usual way.
 */
import { passChecks, type DirChecks, type RoundRecord } from "./batch-moves.js";
import { CompressionError, VersionInTheWayError } from "./errors.js";
import { compressedTemporary, finishPlacement, placeCompressed, type StepNowContext } from "./perform-step.js";
import type { DirIdentity, Step } from "./steps.js";

type CompressStep = Extract<Step, { kind: "compress" }>;

/** One plan's compression in a round: its directories (as planned) and its step. */
export interface RoundCompression<R> {
  run: R;
  dirs: readonly DirIdentity[];
  step: CompressStep;
}

/**
 * Compresses the round's small gzip compressions; `written` receives each one written (not
 * yet fsynced: the round's barrier does that). Resolves with those too large for gzipMany.
 *
 * @example
 * const large = await gzipAll(compressions, new DirChecks(fs), ctx, settle, (run, step, temporary) => written.push({ run, step, temporary }));
 */
export async function gzipAll<R>(
  compressions: ReadonlyArray<RoundCompression<R>>,
  checks: DirChecks,
  ctx: StepNowContext,
  settle: RoundRecord<R>["settle"],
  written: (run: R, step: CompressStep, temporary: string) => void,
): Promise<Array<RoundCompression<R>>> {
  const { ready, later } = await passChecks(compressions, checks, settle);
  const jobs = ready.map(({ step }) => ({ from: step.from, to: step.to, temporary: compressedTemporary(step), level: step.level }));
  const outcomes = await ctx.fs.gzipMany!(jobs);
  const large: Array<RoundCompression<R>> = [];
  ready.forEach((compression, k) => {
    const { run, step } = compression;
    const outcome = outcomes[k]!;
    if (outcome === "large") return void large.push(compression);
    later.push(
      settle(run, step, async () => {
        if (outcome === "written") {
          written(run, step, jobs[k]!.temporary);
          return false; // finished by the barrier
        }
        if (outcome === "nothing") return true; // the source is gone (removed by someone else)
        if (outcome instanceof Error) throw new CompressionError(step.from, outcome);
        if ("before" in outcome) throw outcome.before; // as compressToTemporary's own checks throw
        if (ctx.replaying) return true; // renamed into place before the crash, so it is whole
        throw new VersionInTheWayError(step.to, `a ${outcome.inTheWay} that appeared during the rotation`);
      }),
    );
  });
  await Promise.all(later);
  return large;
}

/** A compression written and fsynced (or whose fsync failed), to be renamed into place. */
export interface Written<R> {
  run: R;
  dirs: readonly DirIdentity[];
  step: CompressStep;
  temporary: string;
  /** The barrier's fdatasync of `temporary`: its failure fails the compression. */
  synced: PromiseSettledResult<void>;
}

/**
 * Renames each compressed file of the round into place (after the barrier), each set of
 * directories checked once; through the fs's moveMany where it has one.
 *
 * @example
 * await placeAll(written, new DirChecks(fs), ctx, settle);
 */
export async function placeAll<R>(written: ReadonlyArray<Written<R>>, checks: DirChecks, ctx: StepNowContext, settle: RoundRecord<R>["settle"]): Promise<void> {
  const later: Array<Promise<void>> = [];
  const whole: Array<Written<R>> = [];
  for (const item of written) {
    const { run, step, temporary, synced } = item;
    if (synced.status === "fulfilled") whole.push(item);
    else later.push(settle(run, step, () => finishPlacement(ctx, step, temporary, { error: synced.reason })));
  }
  const { ready, later: stopped } = await passChecks(whole, checks, settle);
  later.push(...stopped);
  if (ctx.fs.moveMany === undefined) {
    for (const { run, step, temporary } of ready) later.push(settle(run, step, () => placeCompressed(ctx, step, temporary)));
  } else {
    const errors = await ctx.fs.moveMany(ready.map(({ step, temporary }) => [temporary, step.to] as const));
    ready.forEach(({ run, step, temporary }, k) => {
      const error = errors[k];
      later.push(settle(run, step, () => finishPlacement(ctx, step, temporary, error === null || error === undefined ? null : { error })));
    });
  }
  await Promise.all(later);
}
