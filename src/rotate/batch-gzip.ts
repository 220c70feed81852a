/**
 * A batch round's small gzip compressions (batch.ts), made together through the fs's
 * `gzipMany`: each set of directories checked once, then every compression of the plans
 * whose directories passed handed over at once.
 *
 * WHY: made one by one, each compression is a chain of promises and some fifteen system
 * calls on the main thread (~350 µs for a 4 KiB log); handed over together, the fs may make
 * them on two threads (gzip-many.ts).
 *
 * The outcome is the same as compressToTemporary's (perform-step.ts) for each: written into
 * its temporary name (renamed into place after the round's barrier), nothing to do, a
 * VersionInTheWayError for something at the target, or a CompressionError. A compression
 * too large for gzipMany is given back, to be made the usual way.
 */
import { passChecks, type DirChecks, type RoundRecord } from "./batch-moves.js";
import { CompressionError, VersionInTheWayError } from "./errors.js";
import { compressedTemporary, type StepNowContext } from "./perform-step.js";
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
        if (ctx.replaying) return true; // renamed into place before the crash, so it is whole
        throw new VersionInTheWayError(step.to, `a ${outcome.inTheWay} that appeared during the rotation`);
      }),
    );
  });
  await Promise.all(later);
  return large;
}
