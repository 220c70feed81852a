/**
 * One writer per log: a lock file `.<log>.rotor-writer.lock` beside the log holds the
 * writer's process id. A second writer, in this process or another, finds it and refuses
 * with WriterLockedError instead of interleaving its batches and rotations with the
 * first one's (rotating-file-stream's two writers lost lines silently that way). A lock
 * left by a process that died is taken over. The holder keeps its lock file open, checks
 * at each rotation that the lock's path still names that file, and stops with
 * WriterLockLostError if it is gone or someone else's.
 *
 * WHY a pid file and not flock(2): Node has no advisory locks. The cost is that a pid
 * reused by an unrelated process after a crash makes the lock look held; the error message
 * names the lock file, and removing it by hand is safe once that pid is not a writer.
 */
import { randomUUID } from "node:crypto";
import { posix } from "node:path";
import { Ahead } from "./ahead.js";
import { WriterLockedError, WriterLockLostError } from "./errors.js";
import { createHeldFile, type HeldFile, isSameFile, ownPid, processAlive, readTextOrNull, removeIfPresent } from "./node-file.js";

/**
 * Where the writer lock of `logPath` lives.
 *
 * @example
 * writerLockPath("/var/log/app.log"); // "/var/log/.app.log.rotor-writer.lock"
 */
export function writerLockPath(logPath: string): string {
  return posix.join(posix.dirname(logPath), `.${posix.basename(logPath)}.rotor-writer.lock`);
}

/** A held writer lock. */
export class WriterLock {
  /** The lock file, kept open: its inode cannot be reused by another file while held. */
  readonly #held: HeldFile;
  private constructor(
    readonly logPath: string,
    readonly lockPath: string,
    held: HeldFile,
  ) {
    this.#held = held;
  }

  /** Takes the lock of `logPath`, or throws WriterLockedError naming the holder. */
  static async acquire(logPath: string): Promise<WriterLock> {
    const lockPath = writerLockPath(logPath);
    // The random part tells two writers of one process apart to whoever reads the file.
    const token = `${ownPid()} ${randomUUID()}\n`;
    for (let attempt = 0; attempt < 3; attempt++) {
      const held = await createHeldFile(lockPath, token);
      if (held !== null) return new WriterLock(logPath, lockPath, held);
      const holder = await readTextOrNull(lockPath);
      if (holder === null) continue;
      const pid = Number.parseInt(holder, 10);
      if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) throw new WriterLockedError(logPath, lockPath, pid);
      // The holder died (or left an unreadable lock): remove it, unless it changed meanwhile.
      if ((await readTextOrNull(lockPath)) === holder) await removeIfPresent(lockPath);
    }
    throw new WriterLockedError(logPath, lockPath, Number.parseInt((await readTextOrNull(lockPath)) ?? "0", 10));
  }

  /**
   * Throws WriterLockLostError unless the lock file is still this writer's: the file at
   * the lock's path is the one it created (one lstat: a rotation waits for this check,
   * and reading the file back took four trips through the thread pool). A lock removed
   * or taken over is a new file, or none; only this writer writes into its own.
   */
  async check(): Promise<void> {
    if (!(await isSameFile(this.lockPath, this.#held.dev, this.#held.ino))) throw new WriterLockLostError(this.logPath, this.lockPath);
  }

  /** The check, started now: what it threw (WriterLockLostError), or null. */
  checkAhead(): Ahead<Error | null> {
    return new Ahead(
      this.check().then(
        () => null,
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      ),
    );
  }

  /** Removes the lock file if it is still this writer's, and lets go of it. */
  async release(): Promise<void> {
    try {
      if (await isSameFile(this.lockPath, this.#held.dev, this.#held.ino)) await removeIfPresent(this.lockPath);
    } finally {
      await this.#held.handle.close();
    }
  }
}
