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
import { performStepNow, type StepNowContext } from "./perform-step.js";
import type { DirIdentity, Step } from "./steps.js";

type RenameStep = Extract<Step, { kind: "rename" }>;

/** One plan's move in a round: its directories (as planned) and its step. */
export interface RoundMove<R> {
  run: R;
  dirs: readonly DirIdentity[];
  step: RenameStep;
}

/** What the round does with each move's outcome (batch.ts). */
export interface RoundRecord<R> {
  /** Runs a step's action and records what became of it (batch.ts's `settle`). */
  settle: (run: R, step: Step, action: () => Promise<unknown>) => Promise<void>;
  /** A move was made: `dir`'s changed entries must be durable before the round's mark. */
  dirChanged: (dir: string) => void;
  /** A plan's move was made (and its directories noted). */
  done: (run: R) => void;
}

/**
 * Makes the moves of one round: each set of directories checked once, then all the moves
 * of plans whose directories passed handed to `moveMany` at once.
 *
 * @example
 * await moveAll(moves, new DirChecks(fs), ctx, record);
 */
export async function moveAll<R>(moves: ReadonlyArray<RoundMove<R>>, checks: DirChecks, ctx: StepNowContext, record: RoundRecord<R>): Promise<void> {
  const { ready, readyKeys, sets, later } = await passChecks(moves, checks, record.settle);
  const errors = await ctx.fs.moveMany!(ready.map(({ step }) => [step.from, step.to] as const));
  // The directories the moves made were in: a move works in its plan's directories (the
  // log's and the versions'), so each set that saw a move is made durable whole, once,
  // rather than each move's two directories worked out and noted (60,000 times in a
  // forced pass over 10,000 logs). A directory noted that a move did not change costs an
  // fsync with nothing to write.
  const changed = new Set<string>();
  ready.forEach(({ run, step }, k) => {
    // A move made is recorded here, without a promise each (30,000 in a forced pass); one
    // that failed is performed again as its step, which decides from the disk.
    if (errors[k] !== null) return void later.push(record.settle(run, step, () => performStepNow(step, ctx)));
    changed.add(readyKeys[k]!);
    record.done(run);
  });
  for (const key of changed) for (const dir of sets.get(key)!) record.dirChanged(dir.path);
  await Promise.all(later);
}

/** One plan's step in a round, with the directories it works in (as planned). */
interface InDirs<R> {
  run: R;
  dirs: readonly DirIdentity[];
  step: Step;
}

/**
 * Checks each set of directories of `items` once (ten or so for thousands of steps, not a
 * promise per step) and splits them: the steps whose directories passed, with their sets'
 * keys, and, for each that failed, its plan stopped with the check's error, as applyPlan's
 * would be (`later`, to be awaited with the round).
 *
 * @example
 * const { ready, later } = await passChecks(moves, new DirChecks(fs), settle);
 */
export async function passChecks<R, T extends InDirs<R>>(
  items: readonly T[],
  checks: DirChecks,
  settle: RoundRecord<R>["settle"],
): Promise<{ ready: T[]; readyKeys: string[]; sets: Map<string, readonly DirIdentity[]>; later: Array<Promise<void>> }> {
  const keys = items.map(({ dirs }) => keyOf(dirs));
  const sets = new Map<string, readonly DirIdentity[]>();
  items.forEach(({ dirs }, k) => sets.set(keys[k]!, dirs));
  const passed = new Set<string>();
  await Promise.all([...sets].map(([key, dirs]) => checks.of(dirs).then(() => passed.add(key), () => undefined)));
  const ready: T[] = [];
  const readyKeys: string[] = [];
  const later: Array<Promise<void>> = [];
  items.forEach((item, k) => {
    if (passed.has(keys[k]!)) {
      ready.push(item);
      readyKeys.push(keys[k]!);
    } else later.push(settle(item.run, item.step, () => checks.of(item.dirs)));
  });
  return { ready, readyKeys, sets, later };
}

/** Each set of directories checked once (checkDirs), however many steps work in it. */
export class DirChecks {
  readonly #checked = new Map<string, Promise<void>>();

  constructor(readonly fs: RotateFs) {}

  of(dirs: readonly DirIdentity[]): Promise<void> {
    const key = keyOf(dirs);
    let check = this.#checked.get(key);
    if (check === undefined) this.#checked.set(key, (check = checkDirs(this.fs, [...dirs])));
    return check;
  }
}

/** A plan's set of directories as a string, made once per plan (its `dirs` array), not per round. */
const keys = new WeakMap<readonly DirIdentity[], string>();

function keyOf(dirs: readonly DirIdentity[]): string {
  let key = keys.get(dirs);
  if (key === undefined) keys.set(dirs, (key = dirs.map((dir) => `${dir.path}\0${dir.dev}:${dir.ino}`).join("\0")));
  return key;
}
