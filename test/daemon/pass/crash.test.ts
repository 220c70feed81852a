/**
 * A pass cut short — at every change it makes to the disk, or when it writes the state —
 * and run again: every due log is rotated exactly once, and every rotation is recorded in
 * the state, so the second pass rotates nothing again. Real temp files; the "crash" is a
 * filesystem that fails every call from the n-th change on, as nothing runs after a SIGKILL.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { createNodeAccounts, createNodeReader, parseLogrotate } from "../../../src/config/index.js";
import { logrotatePass, rotateOptionsFor, sharedRotation } from "../../../src/daemon/pass/index.js";
import { fromLocalFields, nodeStateFs, StateStore, type StateFs } from "../../../src/daemon/state/index.js";
import { nodeFsDirect, type RotateFs } from "../../../src/rotate/index.js";
import { run, VirtualClock } from "../../../src/scheduler/index.js";

const TZ = "UTC";
const NOW = fromLocalFields({ year: 2026, month: 3, day: 15, hour: 10, minute: 20, second: 30 }, TZ);
const LOGS = ["a.log", "b.log", "c.log", "d.log"];
const root = mkdtempSync(join(tmpdir(), "rotor-pass-crash-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const CHANGES = new Set(["renameNoReplace", "unlink", "mkdir", "chown", "chmod", "createExclusive", "truncate", "writeNewDurable", "appendDurable", "openWriteNew", "writeNewBytes"]);

/**
 * nodeFsDirect that fails every call from its change number `crashAt` on, and a state
 * filesystem that fails every write once that has happened: a process that died writes no
 * state either (a pass that merely meets an I/O error records the rotation it began, 16f).
 */
function crashing(crashAt: number, withGzipMany = false): { fs: RotateFs; stateFs: StateFs } {
  const fs = crashingFs(crashAt, withGzipMany);
  const stateFs: StateFs = {
    ...nodeStateFs,
    writeNew: (path, data, mode) => (fs.crashed ? Promise.reject(new Error("simulated crash")) : nodeStateFs.writeNew(path, data, mode)),
  };
  return { fs, stateFs };
}

/**
 * Without `withGzipMany`, the fs has no gzipMany, so that a batch compresses each log
 * through the calls above, each a change of its own; with it, a round's gzipMany (all of
 * its compressions) is one change.
 */
function crashingFs(crashAt: number, withGzipMany = false): RotateFs & { readonly crashed: boolean } {
  let changes = 0;
  let crashed = false;
  return new Proxy(nodeFsDirect as RotateFs & { readonly crashed: boolean }, {
    get(target, key, receiver: RotateFs) {
      if (key === "crashed") return crashed;
      if (key === "moveMany") return movesOneByOne(receiver);
      if (key === "gzipMany" && !withGzipMany) return undefined;
      const value = Reflect.get(target, key, target) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (!crashed && (CHANGES.has(String(key)) || key === "gzipMany") && changes++ === crashAt) crashed = true;
        if (crashed) {
          if (key === "openRead" || key === "openWriteNew") throw new Error("simulated crash");
          return Promise.reject(new Error("simulated crash"));
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/**
 * A batch's round of moves made one renameNoReplace at a time through `fs`, so that each is a
 * change of its own (the crash may come between any two) and a wrapper sees each one.
 */
function movesOneByOne(fs: RotateFs): RotateFs["moveMany"] {
  return (moves) => Promise.all(moves.map(([from, to]) => fs.renameNoReplace(from, to).then(() => null, (error: Error) => error)));
}

/** A fresh tree: four due logs (daily, last rotated yesterday) in one script-free block. */
function tree(name: string): { dir: string; conf: string; state: string } {
  const dir = join(root, name);
  mkdirSync(join(dir, "logs"), { recursive: true });
  for (const log of LOGS) writeFileSync(join(dir, "logs", log), `${log} content\n`);
  const conf = join(dir, "conf");
  writeFileSync(conf, `${dir}/logs/*.log {\n  daily\n  rotate 2\n  compress\n}\n`);
  const state = join(dir, "state");
  writeFileSync(state, `logrotate state -- version 2\n${LOGS.map((log) => `"${dir}/logs/${log}" 2026-3-14-9:0:0\n`).join("")}`);
  return { dir, conf, state };
}

function pass(at: { conf: string; state: string }, fs?: RotateFs, stateFs: StateFs = nodeStateFs, batchSize?: number): Promise<unknown> {
  const { model } = parseLogrotate([at.conf], { reader: createNodeReader(), accounts: createNodeAccounts() });
  return run(
    function* () {
      const store = yield* StateStore.open(at.state, { timeZone: TZ, fs: stateFs });
      try {
        // Quiet (no -v): the block's logs are rotated at once under the pass's group journal.
        return yield* logrotatePass(model, { store, timeZone: TZ, fs, verbose: false, batchSize });
      } finally {
        yield* store.close();
      }
    },
    { clock: new VirtualClock({ start: NOW, autojump: true }) },
  ).catch((error: unknown) => error);
}

/** Every log rotated exactly once, compressed, and recorded at the pass's instant; nothing left over. */
function expectRotatedOnce(at: { dir: string; state: string }): void {
  const names = readdirSync(join(at.dir, "logs")).sort();
  expect(names).toEqual(LOGS.map((log) => `${log}.1.gz`).sort());
  const state = readFileSync(at.state, "utf8");
  for (const log of LOGS) expect(state).toContain(`"${at.dir}/logs/${log}" 2026-3-15-10:20:30`);
  expect(readdirSync(at.dir).filter((name) => name.includes("rotor"))).toEqual([]);
}

describe("a pass cut short and run again", () => {
  it("records the rotations it had done when it died writing the state, and does not do them again", async () => {
    const at = tree("state-write");
    const failing: StateFs = {
      ...nodeStateFs,
      writeNew: (path, data, mode) => (path === `${at.state}.tmp` ? Promise.reject(new Error("simulated crash")) : nodeStateFs.writeNew(path, data, mode)),
    };
    await pass(at, undefined, failing);
    expect(readFileSync(at.state, "utf8")).toContain("2026-3-14-9:0:0"); // the state was not written
    expect(existsSync(join(at.dir, ".state.rotor-pass-journal"))).toBe(true);
    await pass(at);
    expectRotatedOnce(at);
  });

  it.each(Array.from({ length: 40 }, (_, n) => [n]))("rotates each log exactly once when the first pass dies at change %i", async (crashAt) => {
    const at = tree(`change-${crashAt}`);
    const dying = crashing(crashAt);
    await pass(at, dying.fs, dying.stateFs);
    await pass(at);
    expectRotatedOnce(at);
  });

  // Two batches of two: the second is planned and journaled while the first is performed.
  it.each(Array.from({ length: 40 }, (_, n) => [n]))("rotates each log exactly once when a pass of two batches dies at change %i", async (crashAt) => {
    const at = tree(`batches-${crashAt}`);
    const dying = crashing(crashAt);
    await pass(at, dying.fs, dying.stateFs, 2);
    await pass(at, undefined, nodeStateFs, 2);
    expectRotatedOnce(at);
  });
});

/**
 * crashingFs that also keeps which files hold data not yet on the disk: written without
 * fsync (a batch's compressions wait for one barrier; openWriteNew or writeNewBytes), until
 * fsyncFile or fsyncFiles, following renames.
 * After the crash, `loseUnsynced` empties them, as a power cut may leave such a file.
 */
function losingFs(crashAt: number, withGzipMany = false): { fs: RotateFs; stateFs: StateFs; loseUnsynced: () => string[] } {
  const volatile = new Set<string>();
  const inner = crashing(crashAt, withGzipMany);
  const fs: RotateFs = new Proxy(inner.fs, {
    get(target, key, receiver: RotateFs) {
      if (key === "moveMany") return movesOneByOne(receiver);
      const value = Reflect.get(target, key, target) as unknown;
      if (key === "gzipMany" && value !== undefined) {
        return async (jobs: Parameters<NonNullable<RotateFs["gzipMany"]>>[0]) => {
          const outcomes = await inner.fs.gzipMany!(jobs);
          outcomes.forEach((outcome, k) => outcome === "written" && volatile.add(jobs[k]!.temporary));
          return outcomes;
        };
      }
      if (key === "openWriteNew") {
        return (path: string, mode: number, durable?: boolean) => {
          const stream = inner.fs.openWriteNew(path, mode, durable);
          if (durable === false) volatile.add(path);
          return stream;
        };
      }
      if (key === "writeNewBytes") {
        return async (path: string, data: Buffer, mode: number, durable: boolean) => {
          await inner.fs.writeNewBytes!(path, data, mode, durable);
          if (!durable) volatile.add(path);
        };
      }
      if (key === "fsyncFile") return async (path: string) => (await inner.fs.fsyncFile!(path), volatile.delete(path));
      // The barrier over many files: only in the gzipMany series, so that the other keeps
      // the barrier of one fsyncFile per file.
      if (key === "fsyncFiles") {
        if (!withGzipMany) return undefined;
        return async (paths: readonly string[]) => {
          const synced = await inner.fs.fsyncFiles!(paths);
          synced.forEach(({ status }, k) => status === "fulfilled" && volatile.delete(paths[k]!));
          return synced;
        };
      }
      if (key === "renameNoReplace") {
        return async (from: string, to: string) => {
          await inner.fs.renameNoReplace(from, to);
          if (volatile.delete(from)) volatile.add(to);
        };
      }
      return value;
    },
  });
  const loseUnsynced = (): string[] => {
    const lost = [...volatile].filter((path) => existsSync(path));
    for (const path of lost) truncateSync(path, 0);
    return lost;
  };
  return { fs, stateFs: inner.stateFs, loseUnsynced };
}

/** A pass that dies at `crashAt` and loses what was not fsynced; the next pass must still finish every log, each version whole. */
async function expectWholeAfterLoss(name: string, crashAt: number, withGzipMany: boolean): Promise<void> {
  const at = tree(name);
  const dying = losingFs(crashAt, withGzipMany);
  await pass(at, dying.fs, dying.stateFs);
  const lost = dying.loseUnsynced();
  // Only temporary files may be unsynced at a crash: nothing trusted is.
  expect(lost.filter((path) => !path.endsWith(".rotor-tmp"))).toEqual([]);
  await pass(at);
  expectRotatedOnce(at);
  for (const log of LOGS) expect(gunzipSync(readFileSync(join(at.dir, "logs", `${log}.1.gz`))).toString()).toBe(`${log} content\n`);
}

describe("a pass cut short, with the data not yet fsynced lost", () => {
  it.each(Array.from({ length: 40 }, (_, n) => [n]))("keeps every compressed version whole when the first pass dies at change %i", (crashAt) => expectWholeAfterLoss(`lost-${crashAt}`, crashAt, false));
});

describe("a pass cut short, its compressions made together by gzipMany, with the data not yet fsynced lost", () => {
  it.each(Array.from({ length: 30 }, (_, n) => [n]))("keeps every compressed version whole when the first pass dies at change %i", (crashAt) => expectWholeAfterLoss(`lost-many-${crashAt}`, crashAt, true));
});

describe("a sharedscripts rotation cut short", () => {
  // Changes 0-4 are the two recoveries, the journal written; from 5 on, the logs are moved.
  it.each([[5], [6], [7], [8]])("is finished and recorded by the next pass, though none of its logs is due (crash at change %i)", async (crashAt) => {
    const dir = join(root, `shared-${crashAt}`);
    mkdirSync(dir, { recursive: true });
    for (const log of ["a.log", "b.log"]) writeFileSync(join(dir, log), `${log} content\n`);
    const conf = join(dir, "conf");
    writeFileSync(conf, `${dir}/*.log {\n  daily\n  rotate 2\n  sharedscripts\n}\n`);
    const state = join(dir, "state");
    // Both rotated earlier today: nothing is due in this hour.
    writeFileSync(state, `logrotate state -- version 2\n"${dir}/a.log" 2026-3-15-0:5:0\n"${dir}/b.log" 2026-3-15-0:5:0\n`);
    const { model } = parseLogrotate([conf], { reader: createNodeReader(), accounts: createNodeAccounts() });
    const options = { ...rotateOptionsFor(model.logs[0]!.settings), fs: crashingFs(crashAt) };
    const logs = [join(dir, "a.log"), join(dir, "b.log")];
    await run(sharedRotation(logs, options, model.logs[0]!.patternText), { clock: new VirtualClock({ start: NOW, autojump: true }) }).catch(() => undefined);
    expect(existsSync(join(dir, ".a.log.rotor-journal"))).toBe(true);
    await pass({ conf, state });
    expect(readdirSync(dir).sort()).toEqual(["a.log.1", "b.log.1", "conf", "state"]);
    expect(readFileSync(join(dir, "b.log.1"), "utf8")).toBe("b.log content\n");
    const text = readFileSync(state, "utf8");
    for (const log of logs) expect(text).toContain(`"${log}" 2026-3-15-10:20:30`);
  });
});
