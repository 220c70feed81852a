/**
 * A batch round's moves (batch.ts), made together through the fs's `moveMany`, and the
 * directory checks that a round shares.
 *
 * WHY: a forced pass is almost only moves (10,000 logs: 30,000 of them in three rounds).
 * Made one by one, each is a chain of promises on the main thread around its two system
 * calls; handed over together, the fs may make them in parallel (move-many.ts), and a
 * move costs the calls alone.
 *
 * The outcome is the same as performing each rename step (perform-step.ts) on its own: a
 * move that fails for any reason is performed again as its step, which looks at the disk
 * and decides as it always does (moved already, a version in the way, or the error).
 */
import { checkDirs } from "./apply.js";
import type { RotateFs } from "./fs.js";
import { performStepNow, syncMove, type StepNowContext } from "./perform-step.js";
import type { DirIdentity, Step } from "./steps.js";

type RenameStep = Extract<Step, { kind: "rename" }>;

/** One plan's move in a round: its directories (as planned) and its step. */
export interface RoundMove<R> {
  run: R;
  dirs: readonly DirIdentity[];
  step: RenameStep;
}

/** Runs a step's action and records what became of it (batch.ts's `settle`). */
export type Settle<R> = (run: R, step: Step, action: () => Promise<unknown>) => Promise<void>;

/**
 * Makes the moves of one round: each set of directories checked once, then all the moves
 * of plans whose directories passed handed to `moveMany` at once.
 *
 * @example
 * await moveAll(moves, new DirChecks(fs), ctx, settle);
 */
export async function moveAll<R>(moves: ReadonlyArray<RoundMove<R>>, checks: DirChecks, ctx: StepNowContext, settle: Settle<R>): Promise<void> {
  const passed = await Promise.all(moves.map(({ dirs }) => checks.of(dirs).then(() => true, () => false)));
  const ready = moves.filter((_, k) => passed[k]);
  // A plan whose directory changed stops with the check's error, as applyPlan's would.
  const stopped = moves.filter((_, k) => !passed[k]).map(({ run, dirs, step }) => settle(run, step, () => checks.of(dirs)));
  const errors = await ctx.fs.moveMany!(ready.map(({ step }) => [step.from, step.to] as const));
  await Promise.all([
    ...stopped,
    ...ready.map(({ run, step }, k) => settle(run, step, () => (errors[k] === null ? syncMove(ctx, step.from, step.to) : performStepNow(step, ctx)))),
  ]);
}

/** Each set of directories checked once (checkDirs), however many steps work in it. */
export class DirChecks {
  readonly #checked = new Map<string, Promise<void>>();

  constructor(readonly fs: RotateFs) {}

  of(dirs: readonly DirIdentity[]): Promise<void> {
    const key = dirs.map((dir) => `${dir.path}\0${dir.dev}:${dir.ino}`).join("\0");
    let check = this.#checked.get(key);
    if (check === undefined) this.#checked.set(key, (check = checkDirs(this.fs, [...dirs])));
    return check;
  }
}
