/**
 * lockState on the in-memory host, in virtual time: a held lock fails with exit code 3 and
 * says who holds it, a stale one (its pid gone) is taken over, "wait" acquires once the
 * holder lets go, "skip" takes nothing. Real processes and flock(1) are in lock-real.test.ts.
 */
import { describe, expect, it } from "vitest";
import { lockState, StateLockedError, StateLockError, type LockStateOptions } from "../../../src/daemon/state/index.js";
import { run, sleep, spawn, VirtualClock, type Operation } from "../../../src/scheduler/index.js";
import { MemoryStateFs } from "./support/memory-state-fs.js";

const STATE = "/var/lib/rotor/status";
const LOCK = `${STATE}.lock`;
const START = Date.UTC(2026, 2, 15, 10, 0, 0);

function inVirtualTime<T>(operation: () => Operation<T>): Promise<T> {
  return run(operation, { clock: new VirtualClock({ autojump: true, start: START }) });
}

const lockOf = (pid: number, host = "testhost", since = START - 60_000) => ({ data: `${JSON.stringify({ pid, host, since })}\n`, mode: 0o600 });

async function lockError(fs: MemoryStateFs, options: Partial<LockStateOptions> = {}): Promise<StateLockedError> {
  const error = await inVirtualTime(() => lockState(STATE, { fs, ...options })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StateLockedError);
  return error as StateLockedError;
}

describe("lockState", () => {
  it("takes the lock with a lock file naming this process, and releases it", async () => {
    const fs = new MemoryStateFs();
    await inVirtualTime(function* () {
      const lock = yield* lockState(STATE, { fs });
      expect(lock.held).toBe(true);
      expect(JSON.parse(fs.files.get(LOCK)!.data)).toEqual({ pid: 4242, host: "testhost", since: START });
      expect(fs.files.get(LOCK)!.mode).toBe(0o600);
      yield* lock.release();
      yield* lock.release();
    });
    expect(fs.files.has(LOCK)).toBe(false);
  });

  it("fails with exit code 3, naming the state file and the live rotor that holds it", async () => {
    const fs = new MemoryStateFs();
    fs.alive.add(777);
    fs.files.set(LOCK, lockOf(777));
    const error = await lockError(fs);
    expect(error.exitCode).toBe(3);
    expect(error.code).toBe("ERR_STATE_LOCKED");
    expect(error.holder).toEqual({ kind: "rotor", pid: 777, host: "testhost", since: START - 60_000 });
    expect(error.message).toBe(
      `state file ${STATE} is already locked by rotor (pid 777 on testhost, since 2026-03-15T09:59:00.000Z). ` +
        `Two passes over the same state file would rotate the same logs twice, so this one stopped: ` +
        `wait for it to finish, or pass --wait-for-state-lock; if no rotor is running, remove ${LOCK}.`,
    );
  });

  it("fails when another program (logrotate) holds an flock on the state file, and leaves no lock file", async () => {
    const fs = new MemoryStateFs();
    fs.flocked.add(STATE);
    const error = await lockError(fs);
    expect(error.holder).toEqual({ kind: "flock" });
    expect(error.message).toBe(
      `state file ${STATE} is already locked by another program holding an flock on it (logrotate 3.21 locks its state file this way). ` +
        "Two passes over the same state file would rotate the same logs twice, so this one stopped: wait for that program to finish, or pass --wait-for-state-lock.",
    );
    expect(fs.files.has(LOCK)).toBe(false);
  });

  it("takes over a stale lock whose process no longer exists, under a break file", async () => {
    const fs = new MemoryStateFs();
    fs.files.set(LOCK, lockOf(999)); // 999 is not alive
    await inVirtualTime(() => lockState(STATE, { fs }));
    expect(JSON.parse(fs.files.get(LOCK)!.data).pid).toBe(4242);
    expect(fs.ops).toEqual([`writeNew ${LOCK}`, `writeNew ${LOCK}.break`, `unlink ${LOCK}`, `unlink ${LOCK}.break`, `writeNew ${LOCK}`]);
  });

  it("removes a break file left by a crashed process, then takes over", async () => {
    const fs = new MemoryStateFs();
    fs.files.set(LOCK, lockOf(999));
    fs.files.set(`${LOCK}.break`, lockOf(998));
    await inVirtualTime(() => lockState(STATE, { fs }));
    expect(JSON.parse(fs.files.get(LOCK)!.data).pid).toBe(4242);
    expect(fs.files.has(`${LOCK}.break`)).toBe(false);
  });

  it("never takes over a lock from another host, where its pid means nothing", async () => {
    const fs = new MemoryStateFs();
    fs.files.set(LOCK, lockOf(999, "otherhost"));
    expect((await lockError(fs)).holder).toMatchObject({ kind: "rotor", pid: 999, host: "otherhost" });
  });

  it("never takes over a lock file it cannot read (being written, or damaged)", async () => {
    const fs = new MemoryStateFs();
    fs.files.set(LOCK, { data: "", mode: 0o600 });
    const error = await lockError(fs);
    expect(error.holder).toEqual({ kind: "unknown" });
    expect(error.message).toContain(`already locked by a lock file whose owner cannot be read`);
  });

  it("lets exactly one of two processes take over the same stale lock", async () => {
    const fs = new MemoryStateFs();
    const other = fs.sibling(5353);
    fs.alive.add(4242).add(5353);
    fs.files.set(LOCK, lockOf(999));
    const outcomes = await inVirtualTime(function* () {
      function* attempt(host: MemoryStateFs): Operation<string> {
        try {
          yield* lockState(STATE, { fs: host });
          return `${host.pid} locked`;
        } catch (error) {
          return error instanceof StateLockedError ? `${host.pid} refused` : String(error);
        }
      }
      const tries = [yield* spawn(attempt(fs)), yield* spawn(attempt(other))];
      const results: string[] = [];
      for (const task of tries) results.push(yield* task);
      return results;
    });
    expect(outcomes.filter((o) => o.endsWith("locked"))).toHaveLength(1);
    expect(outcomes.filter((o) => o.endsWith("refused"))).toHaveLength(1);
    // Both judged the lock stale and raced to break it: the break file let one through.
    expect([fs.ops, other.ops].map((ops) => ops.includes(`writeNew ${LOCK}.break`))).toEqual([true, true]);
  });

  it("waits for the lock in wait mode and takes it once released, in virtual time", async () => {
    const fs = new MemoryStateFs();
    fs.alive.add(777);
    fs.files.set(LOCK, lockOf(777));
    const events: string[] = [];
    const clock = new VirtualClock({ autojump: true, start: START });
    await run(
      function* () {
        yield* spawn(
          (function* () {
            yield* sleep(5_500);
            events.push(`holder releases@${clock.now() - START}`);
            fs.files.delete(LOCK);
          })(),
        );
        const lock = yield* lockState(STATE, { fs, mode: "wait", pollMs: 1_000, onWait: (holder) => events.push(`waiting for ${holder.kind}@${clock.now() - START}`) });
        events.push(`locked@${clock.now() - START}`);
        yield* lock.release();
      },
      { clock },
    );
    expect(events).toEqual(["waiting for rotor@0", "holder releases@5500", "locked@6000"]);
  });

  it("takes nothing in skip mode", async () => {
    const fs = new MemoryStateFs();
    fs.files.set(LOCK, lockOf(4243));
    fs.alive.add(4243);
    const lock = await inVirtualTime(() => lockState(STATE, { fs, mode: "skip" }));
    expect(lock.held).toBe(false);
    expect(fs.ops).toEqual([]);
  });

  it("fails with exit code 3 and what to do when the lock file cannot be created", async () => {
    const fs = new MemoryStateFs();
    fs.faults.set("writeNew", "EACCES");
    const error = await inVirtualTime(() => lockState(STATE, { fs })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateLockError);
    expect((error as StateLockError).exitCode).toBe(3);
    expect((error as Error).message).toBe(
      `error acquiring lock on state file ${STATE}: cannot create ${LOCK} (EACCES: ${LOCK}). Check that its directory exists and that this user may write there.`,
    );
  });

  it("leaves a lock file that is no longer its own in place on release", async () => {
    const fs = new MemoryStateFs();
    await inVirtualTime(function* () {
      const lock = yield* lockState(STATE, { fs });
      fs.files.set(LOCK, lockOf(5353));
      yield* lock.release();
    });
    expect(JSON.parse(fs.files.get(LOCK)!.data).pid).toBe(5353);
  });
});
