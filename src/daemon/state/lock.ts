/**
 * lockState: hold a state file's lock while it is in use, as logrotate 3.21 does, with its
 * three modes: fail at once if it is held (logrotate's default; exit code 3), wait for it
 * (`--wait-for-state-lock`), or do without (`--skip-state-lock`). Waiting polls on the
 * scheduler's clock, so in tests it passes in virtual time.
 */
import { call, getLoop, shield, sleep, type Operation } from "../../scheduler/index.js";
import { StateLockedError, StateLockError, type LockHolder } from "./errors.js";
import { lockContents, tryLockFile, unlockFile } from "./lock-file.js";
import type { FlockHold, StateFs } from "./state-fs.js";

/** "lock": fail if held; "wait": `--wait-for-state-lock`; "skip": `--skip-state-lock`. */
export type StateLockMode = "lock" | "wait" | "skip";

export interface LockStateOptions {
  fs: StateFs;
  mode?: StateLockMode;
  /** How often a waiting lockState tries again, in ms of loop time (default 1000). */
  pollMs?: number;
  /** Called once when lockState starts waiting: logrotate prints "waiting for lock on state file X". */
  onWait?: (holder: LockHolder) => void;
}

/**
 * A held (or, in "skip" mode, skipped) lock on a state file, from `lockState`.
 *
 * @example
 * const lock = yield* lockState(path, { fs });
 * try { ... } finally { yield* lock.release(); }
 */
export class StateLock {
  #contents: string | null;
  /** The flock on the state file's current inode, where the host can hold one. */
  #flock: FlockHold | null;
  /** Moving the flock to a new inode, in the background (see `renew`). */
  #renewal: Promise<void> = Promise.resolve();
  #renewWanted = false;
  constructor(
    readonly statePath: string,
    readonly lockPath: string,
    readonly fs: StateFs,
    contents: string | null,
    flock: FlockHold | null = null,
  ) {
    this.#contents = contents;
    this.#flock = flock;
  }

  /** False for a lock skipped by "skip" mode, and once released. */
  get held(): boolean {
    return this.#contents !== null;
  }

  /**
   * The state file was replaced (an atomic write renamed a new inode into place): take the
   * flock on the new file and let the old one go. It runs in the background, so that a
   * write of the state never waits for a process to start; writes in quick succession
   * share one renewal. A renewal that finds the new file taken (a logrotate started in
   * between) holds nothing until the next write tries again.
   *
   * @example
   * yield* call(writeStateText(path, text, fs));
   * lock.renew();
   */
  renew(): void {
    if (this.#contents === null || this.fs.holdFlock === undefined) return;
    if (this.#renewWanted) return;
    this.#renewWanted = true;
    this.#renewal = this.#renewal
      .then(async () => {
        this.#renewWanted = false;
        if (this.#contents === null) return;
        const current = this.#flock;
        // The holder moves to the new file where it can (no process started per write);
        // otherwise (none yet, or it could not: taken, or gone) a new one, and the old goes.
        if (current?.renew !== undefined && (await current.renew(this.statePath).catch(() => false))) return;
        const next = await this.fs.holdFlock!(this.statePath).catch(() => "unsupported" as const);
        const old = this.#flock;
        this.#flock = typeof next === "object" ? next : null;
        await old?.release();
      })
      // Best effort: a renewal that fails leaves no flock, never a broken lock to release.
      .catch(() => {});
  }

  /** Resolves once the renewals asked for so far are done (tests, and `release`). */
  renewed(): Promise<void> {
    return this.#renewal;
  }

  /** Lets the flock go and removes the lock file, if it is still ours; safe to call twice. */
  *release(): Operation<void> {
    const contents = this.#contents;
    if (contents === null) return;
    this.#contents = null;
    // The flock goes first (a release that fails leaves it to the child's exit with rotor).
    yield* call(this.#renewal.then(() => this.#flock?.release()).catch(() => {}));
    this.#flock = null;
    yield* call(unlockFile(this.fs, this.lockPath, contents));
  }
}

/** One attempt: the lock (with the flock on the state file, where one is held), or who holds it. */
async function attempt(statePath: string, lockPath: string, fs: StateFs, contents: string): Promise<LockHolder | { flock: FlockHold | null }> {
  let holder: LockHolder | null;
  try {
    holder = await tryLockFile(fs, lockPath, contents);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StateLockError(statePath, `error acquiring lock on state file ${statePath}: cannot create ${lockPath} (${reason}). Check that its directory exists and that this user may write there.`, { cause: error });
  }
  if (holder !== null) return holder;
  // Ours now; but a real logrotate keeps its lock as an flock on the state file itself,
  // which rotor takes too where it can, so that a logrotate started later sees it.
  if (fs.holdFlock !== undefined) {
    const flock = await fs.holdFlock(statePath).catch(() => "unsupported" as const);
    if (flock !== "taken") return { flock: typeof flock === "object" ? flock : null };
  } else if ((await fs.probeFlock?.(statePath)) !== "held") {
    return { flock: null };
  }
  await unlockFile(fs, lockPath, contents);
  return { kind: "flock" };
}

/**
 * Locks the state file at `statePath` for this process, through the lock file
 * `<statePath>.lock`. Throws StateLockedError (exitCode 3) if someone holds it and `mode`
 * is not "wait"; StateLockError (exitCode 3) if the lock file cannot be created.
 *
 * @example
 * const lock = yield* lockState("/var/lib/rotor/status", { fs: nodeStateFs, mode: "wait" });
 * try { ... } finally { yield* lock.release(); }
 */
export function* lockState(statePath: string, options: LockStateOptions): Operation<StateLock> {
  const { fs, mode = "lock", pollMs = 1000, onWait } = options;
  const lockPath = `${statePath}.lock`;
  if (mode === "skip") return new StateLock(statePath, lockPath, fs, null);
  const clock = (yield* getLoop()).clock;
  let waiting = false;
  for (;;) {
    const contents = lockContents(fs, clock.wallNow());
    // Shielded: a cancellation arriving mid-attempt must not strand a lock file we created.
    const holder = yield* shield(call(attempt(statePath, lockPath, fs, contents)));
    if ("flock" in holder) return new StateLock(statePath, lockPath, fs, contents, holder.flock);
    if (mode !== "wait") throw new StateLockedError(statePath, lockPath, holder);
    if (!waiting) onWait?.(holder);
    waiting = true;
    yield* sleep(pollMs);
  }
}
