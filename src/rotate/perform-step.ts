/**
 * Performs one step of a plan, idempotently: each branch first looks at the disk and
 * does only what is left, so a step cut short by a crash (or done but not yet marked in
 * the journal) is finished, not repeated. This is what lets the executor roll a journal
 * forward from its first unmarked step.
 */
import { posix } from "node:path";
import { call, type Operation, type Semaphore } from "../scheduler/index.js";
import type { RunCommand } from "./commands.js";
import { compressFile } from "./compress.js";
import { CompressionError, VersionInTheWayError } from "./errors.js";
import type { FileInfo, RotateFs } from "./fs.js";
import { runScript } from "./scripts.js";
import { truncatedAlready } from "./truncated-already.js";
import type { Step } from "./steps.js";

/** What performStepNow needs: a StepContext without the concurrency bound. */
export type StepNowContext = Omit<StepContext, "compressionSlots">;

export interface StepContext {
  fs: RotateFs;
  run: RunCommand;
  /** Bounds how many compressions run at once. */
  compressionSlots: Semaphore;
  /** True while rolling an interrupted journal forward: a step may have happened already. */
  replaying: boolean;
  /**
   * Makes a directory's changed entries durable before the step's mark (JournalWriter's
   * `dirChanged`); default: fsync it at once.
   */
  dirChanged?: (dir: string) => Promise<void>;
}

const syncDir = (ctx: Pick<StepNowContext, "fs" | "dirChanged">, dir: string): Promise<void> => (ctx.dirChanged ? ctx.dirChanged(dir) : ctx.fs.fsyncDir(dir));

type CompressStep = Extract<Step, { kind: "compress" }>;

const sameFile = (a: FileInfo, b: FileInfo): boolean => a.dev === b.dev && a.ino === b.ino;

/**
 * Creates the fresh log; null when it did. A program that appends with O_CREAT (a shell's
 * `>>`, most loggers reopening) may make it between the lstat and the create: its file is
 * then what it found (and gets the mode and owner), as when the lstat finds one — failing
 * the rotation would leave the log rotated but reported as not.
 */
async function createOrFind(fs: RotateFs, path: string, mode: number): Promise<FileInfo | null> {
  try {
    await fs.createExclusive(path, mode);
    return null;
  } catch (error) {
    if ((error as { code?: unknown }).code !== "EEXIST") throw error;
    const found = await fs.lstat(path);
    if (found === null) throw error;
    return found;
  }
}

/**
 * Performs `step` as an operation; a compression waits for one of `compressionSlots` first.
 *
 * @example
 * yield* performStep({ kind: "rename", from: "/var/log/app.log", to: "/var/log/app.log.1" }, ctx);
 */
export function* performStep(step: Step, ctx: StepContext): Operation<void> {
  if (step.kind === "compress") return yield* ctx.compressionSlots.use(call((signal) => performStepNow(step, ctx, signal)));
  return yield* call((signal) => performStepNow(step, ctx, signal));
}

/**
 * Performs `step` as a promise, with no concurrency bound of its own: for a caller that
 * performs many plans' steps at once and bounds them itself (batch.ts).
 *
 * @example
 * await performStepNow(step, ctx, signal);
 */
export async function performStepNow(step: Step, ctx: StepNowContext, signal?: AbortSignal): Promise<void> {
  const { fs } = ctx;
  switch (step.kind) {
    case "mkdir": {
      // Every directory it makes gets the owner, the missing parents too, as logrotate's
      // createolddir does (docs/logrotate-behaviour.md 16e).
      const owned = step.uid !== null || step.gid !== null;
      const made = owned ? await missingAncestry(fs, step.path) : [];
      await fs.mkdir(step.path, step.mode);
      if (owned) for (const dir of made.length > 0 ? made : [step.path]) await fs.chown(dir, step.uid ?? -1, step.gid ?? -1);
      return;
    }
    case "rename":
      return moveWithoutReplacing(ctx, step.from, step.to);
    case "create": {
      let existing = await fs.lstat(step.path);
      if (existing === null) existing = await createOrFind(fs, step.path, step.mode);
      if (existing !== null && existing.type !== "file") throw new VersionInTheWayError(step.path, `a ${existing.type} (where the fresh log goes)`);
      if (step.uid !== null || step.gid !== null) await fs.chown(step.path, step.uid ?? -1, step.gid ?? -1);
      await fs.chmod(step.path, step.mode);
      return;
    }
    case "copy":
      return copyToNew(ctx, step.from, step.to, step.mode);
    case "truncate": {
      if (ctx.replaying && (await truncatedAlready(fs, step.path, step.copied))) return;
      return fs.truncate(step.path);
    }
    case "compress":
      return compress(ctx, step, signal);
    case "delete": {
      if (step.shred) await fs.shred(step.path, step.shredcycles);
      else await fs.unlink(step.path);
      await syncDir(ctx, posix.dirname(step.path));
      return;
    }
    case "script":
      return runScript(ctx.run, step.stage, step.script, step.args, signal);
  }
}

/** rename(2) that never replaces, and recognises its own half-done link+unlink. */
async function moveWithoutReplacing(ctx: StepNowContext, from: string, to: string): Promise<void> {
  const { fs, replaying } = ctx;
  // Not replaying, the move is tried at once and the disk is looked at only if it fails: the
  // two lstats before every move were a fifth of a pass's system calls. The outcome is the
  // same: EEXIST and ENOENT lead to the checks below, which decide as they always did.
  if (!replaying) {
    const moved = await fs.renameNoReplace(from, to).then(
      () => true,
      (error: unknown) => {
        const code = (error as { code?: unknown } | null)?.code;
        if (code !== "EEXIST" && code !== "ENOENT") throw error;
        return false;
      },
    );
    if (moved) return syncMove(ctx, from, to);
  }
  const [source, target] = await Promise.all([fs.lstat(from), fs.lstat(to)]);
  if (source === null) return; // moved already (or never there: nothing to keep)
  if (target !== null) {
    if (sameFile(source, target)) {
      await fs.unlink(from); // the crash came between link and unlink
    } else if (!replaying) {
      throw new VersionInTheWayError(to, `a ${target.type} that appeared during the rotation`);
    }
    // Replaying: the move happened and the writer has created a new file at `from` since.
    return;
  }
  await fs.renameNoReplace(from, to);
  await syncMove(ctx, from, to);
}

async function syncMove(ctx: StepNowContext, from: string, to: string): Promise<void> {
  await syncDir(ctx, posix.dirname(to));
  if (posix.dirname(from) !== posix.dirname(to)) await syncDir(ctx, posix.dirname(from));
}

/** Copies into a temporary name, fsynced, then renames it into place: `to` is whole or absent. */
async function copyToNew(ctx: StepNowContext, from: string, to: string, mode: number): Promise<void> {
  const { fs, replaying } = ctx;
  const target = await fs.lstat(to);
  if (target !== null) {
    if (replaying) return; // copied before the crash: copies are renamed into place only when whole
    throw new VersionInTheWayError(to, `a ${target.type} that appeared during the rotation`);
  }
  const temporary = `${to}.rotor-tmp`;
  await fs.unlink(temporary);
  try {
    await new Promise<void>((resolve, reject) => {
      const source = fs.openRead(from);
      const sink = fs.openWriteNew(temporary, mode);
      source.once("error", reject);
      sink.once("error", reject);
      sink.once("finish", resolve);
      source.pipe(sink);
    });
    await takeOwner(fs, await fs.lstat(from), temporary);
  } catch (error) {
    await fs.unlink(temporary);
    throw error;
  }
  await fs.renameNoReplace(temporary, to);
  await syncDir(ctx, posix.dirname(to));
}

/**
 * Compression with the same discipline: into a temporary name, fsynced, renamed into place.
 * The source stays; the plan removes it in a later step (after preremove, as logrotate).
 * On failure (a full disk) the temporary file is removed and the source is untouched.
 */
async function compress(ctx: StepNowContext, step: CompressStep, signal?: AbortSignal): Promise<void> {
  const temporary = await compressToTemporary(ctx, step, true, signal);
  if (temporary !== null) await placeCompressed(ctx, step, temporary);
}

/**
 * A compression's first half: the compressed file written under its temporary name (fsynced
 * if `durable`; if not, the caller must fsync it before `placeCompressed`, since a replay
 * trusts a compressed version that is in place). Null when nothing is left to do.
 *
 * @example
 * const temporary = await compressToTemporary(ctx, step, false);
 */
export async function compressToTemporary(ctx: StepNowContext, step: CompressStep, durable: boolean, signal?: AbortSignal): Promise<string | null> {
  const { fs } = ctx;
  const [source, target] = await Promise.all([fs.lstat(step.from), fs.lstat(step.to)]);
  if (target !== null) {
    if (ctx.replaying) return null; // renamed into place before the crash, so it is whole
    throw new VersionInTheWayError(step.to, `a ${target.type} that appeared during the rotation`);
  }
  if (source === null) return null; // nothing to compress (removed by someone else)
  const temporary = compressedTemporary(step);
  await fs.unlink(temporary);
  try {
    // The source's own mode: a delayed compression's source is last run's version, whose mode
    // may differ from the live log's (logrotate copies the source's, rule 7).
    await compressFile(fs, ctx.run, step.method, step.level, step.from, temporary, source.mode, signal, durable, source.size);
    await takeOwner(fs, source, temporary);
  } catch (error) {
    await fs.unlink(temporary).catch(() => false);
    throw new CompressionError(step.from, error);
  }
  return temporary;
}

/** The name a compression writes to before it is renamed into place. */
export function compressedTemporary(step: CompressStep): string {
  return `${step.to}.rotor-tmp`;
}

/**
 * A compression's second half: the temporary file, whole on the disk, renamed into place.
 *
 * @example
 * await placeCompressed(ctx, step, temporary);
 */
export async function placeCompressed(ctx: StepNowContext, step: CompressStep, temporary: string): Promise<void> {
  let failure: { error: unknown } | null = null;
  try {
    await ctx.fs.renameNoReplace(temporary, step.to);
  } catch (error) {
    failure = { error };
  }
  await finishPlacement(ctx, step, temporary, failure);
}

/**
 * What follows the rename of a compression into place, made here or elsewhere (a batch's
 * moveMany): if it failed, the temporary file is removed and the compression fails; if not,
 * the directory's new entry is made durable.
 *
 * @example
 * await finishPlacement(ctx, step, temporary, moveError === null ? null : { error: moveError });
 */
export async function finishPlacement(ctx: StepNowContext, step: CompressStep, temporary: string, failure: { error: unknown } | null): Promise<void> {
  if (failure !== null) {
    await ctx.fs.unlink(temporary).catch(() => false);
    throw new CompressionError(step.from, failure.error);
  }
  await syncDir(ctx, posix.dirname(step.to));
}

/** `path` and those of its parents that do not exist yet, the nearest first. */
async function missingAncestry(fs: RotateFs, path: string): Promise<string[]> {
  const missing: string[] = [];
  for (let dir = path; dir !== posix.dirname(dir) && (await fs.lstat(dir)) === null; dir = posix.dirname(dir)) missing.push(dir);
  return missing;
}

/**
 * Gives `path` (a copy or a compressed file, just written) the owner of the file it was made
 * from, as logrotate does (docs/logrotate-behaviour.md 02a, 07f): without it a log owned by
 * its daemon got versions owned by whoever ran the rotation. Only when they differ, so a
 * rotation run by the log's owner never needs the right to chown.
 */
async function takeOwner(fs: RotateFs, source: FileInfo | null, path: string): Promise<void> {
  const made = await fs.lstat(path);
  if (source === null || made === null || (made.uid === source.uid && made.gid === source.gid)) return;
  await fs.chown(path, source.uid, source.gid);
}
