/**
 * rotor's lock on a state file: a lock file `<state>.lock` beside it, created with O_EXCL
 * and holding its owner's pid, host and start time. (Node has no flock(2), which is what
 * logrotate uses; flock-hold.ts holds that one too, through flock(1), where it can.)
 *
 * A lock whose owner is gone — same host, and no process has its pid — is stale and is
 * taken over. Taking over must not let two takers both win: one removes the stale file and
 * creates its own, while the other, having read the stale contents a moment earlier,
 * removes the fresh one. So a lock file is removed only by its owner, or under a second
 * O_EXCL file `<state>.lock.break`, after checking that it still holds the very contents
 * that were judged stale. A break file left by a crash (it lives for microseconds) is
 * itself removed once its owner is gone.
 */
import type { LockHolder } from "./errors.js";
import { STATE_MODE } from "./io.js";
import { hasCode, type StateFs } from "./state-fs.js";

type RotorHolder = Extract<LockHolder, { kind: "rotor" }>;

/**
 * What a lock file holds: one line of JSON, readable by people and by `jq`.
 *
 * @example
 * lockContents(nodeStateFs, clock.wallNow()); // '{"pid":1234,"host":"web1","since":1773570030000}\n'
 */
export function lockContents(fs: StateFs, since: number): string {
  return `${JSON.stringify({ pid: fs.pid, host: fs.hostname, since })}\n`;
}

/**
 * The owner named by a lock file's contents; "unknown" if they cannot be read (being
 * written, damaged).
 *
 * @example
 * parseHolder('{"pid":1234,"host":"web1","since":0}\n'); // { kind: "rotor", pid: 1234, host: "web1", since: 0 }
 */
export function parseHolder(text: string): LockHolder {
  try {
    const { pid, host, since } = JSON.parse(text) as Partial<RotorHolder>;
    if (Number.isInteger(pid) && typeof host === "string" && typeof since === "number") return { kind: "rotor", pid: pid!, host, since };
  } catch {
    // fall through: not ours, or cut short
  }
  return { kind: "unknown" };
}

/** A holder whose process is known to be gone. A pid from another host proves nothing here. */
function isStale(fs: StateFs, holder: LockHolder): boolean {
  return holder.kind === "rotor" && holder.host === fs.hostname && holder.pid !== fs.pid && !fs.processExists(holder.pid);
}

/** Creates `path` with `contents`, or returns false if it exists. */
async function createExclusive(fs: StateFs, path: string, contents: string): Promise<boolean> {
  try {
    await fs.writeNew(path, contents, STATE_MODE);
    return true;
  } catch (error) {
    if (hasCode(error, "EEXIST")) return false;
    throw error;
  }
}

/** Removes the stale lock file if it still holds `staleText`; the caller then tries again. */
async function breakStaleLock(fs: StateFs, lockPath: string, staleText: string, contents: string): Promise<void> {
  const breaker = `${lockPath}.break`;
  if (!(await createExclusive(fs, breaker, contents))) {
    const other = await fs.readText(breaker);
    if (other !== null && isStale(fs, parseHolder(other))) await fs.unlink(breaker);
    return;
  }
  try {
    if ((await fs.readText(lockPath)) === staleText) await fs.unlink(lockPath);
  } finally {
    await fs.unlink(breaker);
  }
}

/**
 * One attempt to take the lock file: null when taken (with `contents` in it), or who holds it.
 * Throws the host's error when the file cannot be created at all (EACCES, a missing directory).
 *
 * @example
 * const holder = await tryLockFile(fs, "/var/lib/rotor/status.lock", lockContents(fs, now));
 */
export async function tryLockFile(fs: StateFs, lockPath: string, contents: string): Promise<LockHolder | null> {
  let holder: LockHolder = { kind: "unknown" };
  // A few rounds: the lock may be released, or a stale one broken, between our steps.
  for (let round = 0; round < 4; round++) {
    if (await createExclusive(fs, lockPath, contents)) return null;
    const text = await fs.readText(lockPath);
    if (text === null) continue;
    holder = parseHolder(text);
    if (!isStale(fs, holder)) return holder;
    await breakStaleLock(fs, lockPath, text, contents);
  }
  return holder;
}

/**
 * Removes the lock file if it is still ours (same contents), and says whether it was.
 *
 * @example
 * await unlockFile(fs, "/var/lib/rotor/status.lock", contents);
 */
export async function unlockFile(fs: StateFs, lockPath: string, contents: string): Promise<boolean> {
  if ((await fs.readText(lockPath)) !== contents) return false;
  return fs.unlink(lockPath);
}
