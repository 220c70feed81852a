/**
 * One pass on a virtual clock over real temp files: which logs are due by their state,
 * what is recorded in the state (first sight and rotations, at the pass's one `now`), and
 * the order of messages.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { createNodeAccounts, createNodeReader, parseLogrotate } from "../../../src/config/index.js";
import { logrotatePass } from "../../../src/daemon/pass/index.js";
import { fromLocalFields, StateStore } from "../../../src/daemon/state/index.js";
import { nodeFsDirect, type RotateFs } from "../../../src/rotate/index.js";
import { isCancelled, run, spawn, VirtualClock, type Task } from "../../../src/scheduler/index.js";

const TZ = "UTC";
const NOW = fromLocalFields({ year: 2026, month: 3, day: 15, hour: 10, minute: 20, second: 30 }, TZ);
const dir = mkdtempSync(join(tmpdir(), "rotor-pass-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A forced pass of `at/conf` through `fs` (the pass's own by default), from a fresh state file `at/state`: its report and its error messages. */
async function forcedPass(at: string, fs: RotateFs = nodeFsDirect, batchSize?: number) {
  const state = join(at, "state");
  writeFileSync(state, "logrotate state -- version 2\n");
  const { model } = parseLogrotate([join(at, "conf")], { reader: createNodeReader(), accounts: createNodeAccounts() });
  const errors: string[] = [];
  const report = await run(
    function* () {
      const store = yield* StateStore.open(state, { timeZone: TZ });
      try {
        return yield* logrotatePass(model, { store, timeZone: TZ, force: true, verbose: false, fs, batchSize, onMessage: (m) => m.level === "error" && errors.push(m.text) });
      } finally {
        yield* store.close();
      }
    },
    { clock: new VirtualClock({ start: NOW, autojump: true }) },
  );
  return { report, errors };
}

/**
 * `count` logs app00.log… in `dir/name/logs`, each with a `.1`, and a conf that rotates them
 * daily keeping 2: the rotated content is "<name> now", the shifted one "<name> before".
 */
function numberedLogs(name: string, count: number): { at: string; logs: string; names: string[] } {
  const at = join(dir, name);
  const logs = join(at, "logs");
  mkdirSync(logs, { recursive: true });
  const names = Array.from({ length: count }, (_, i) => `app${String(i).padStart(2, "0")}.log`);
  for (const log of names) {
    writeFileSync(join(logs, log), `${log} now\n`);
    writeFileSync(join(logs, `${log}.1`), `${log} before\n`);
  }
  writeFileSync(join(at, "conf"), `${logs}/*.log {\n  daily\n  rotate 2\n}\n`);
  return { at, logs, names };
}

describe("logrotatePass", () => {
  it("rotates what is due by the state, and records first sight and rotations at the pass's instant", async () => {
    for (const name of ["weekly.log", "daily.log"]) writeFileSync(join(dir, name), "x\n");
    writeFileSync(
      join(dir, "conf"),
      `${dir}/weekly.log {\n  weekly\n  rotate 1\n}\n${dir}/daily.log {\n  daily\n  rotate 1\n}\n${dir}/new.log ${dir}/gone.log {\n  daily\n  missingok\n}\n`,
    );
    const state = join(dir, "state");
    writeFileSync(state, `logrotate state -- version 2\n"${dir}/weekly.log" 2026-3-7-9:0:0\n"${dir}/daily.log" 2026-3-15-0:5:0\n`);
    const { model, errors } = parseLogrotate([join(dir, "conf")], { reader: createNodeReader(), accounts: createNodeAccounts() });
    expect(errors).toEqual([]);
    const messages: string[] = [];
    const report = await run(
      function* () {
        const store = yield* StateStore.open(state, { timeZone: TZ });
        try {
          return yield* logrotatePass(model, { store, timeZone: TZ, onMessage: (m) => messages.push(`${m.level}: ${m.text}`) });
        } finally {
          yield* store.close();
        }
      },
      { clock: new VirtualClock({ start: NOW, autojump: true }) },
    );
    expect(report.rotated).toEqual([`${dir}/weekly.log`]);
    expect(report.errorCount).toBe(0);
    expect(existsSync(join(dir, "weekly.log.1"))).toBe(true);
    expect(existsSync(join(dir, "daily.log.1"))).toBe(false);
    const lines = readFileSync(state, "utf8").split("\n").filter((line) => line.startsWith('"')).sort();
    expect(lines).toEqual(
      [`"${dir}/daily.log" 2026-3-15-0:5:0`, `"${dir}/gone.log" 2026-3-15-10:0:0`, `"${dir}/new.log" 2026-3-15-10:0:0`, `"${dir}/weekly.log" 2026-3-15-10:20:30`].sort(),
    );
    expect(messages.map((m) => m.replaceAll(dir, "D"))).toEqual([
      "debug: ",
      "debug: Handling 3 logs",
      "debug: ",
      "debug: rotating pattern: D/weekly.log  weekly (1 rotations)",
      "debug: empty log files are rotated, old logs are removed",
      "debug: considering log D/weekly.log",
      "debug:   log needs rotating",
      "debug: rotating log D/weekly.log, log->rotateCount is 1",
      "debug: renaming D/weekly.log to D/weekly.log.1",
      "debug: ",
      "debug: rotating pattern: D/daily.log  after 1 days (1 rotations)",
      "debug: empty log files are rotated, old logs are removed",
      "debug: considering log D/daily.log",
      "debug:   log does not need rotating (log has been rotated at 2026-03-15 00:05, which is less than a day ago)",
      "debug: ",
      "debug: rotating pattern: D/new.log D/gone.log  after 1 days (no old logs will be kept)",
      "debug: empty log files are rotated, old logs are removed",
      "debug: considering log D/new.log",
      "debug:   log D/new.log does not exist -- skipping",
      "debug: considering log D/gone.log",
      "debug:   log D/gone.log does not exist -- skipping",
    ]);
  });

  it("rotates a quiet block's logs as one batch, refusing alone the log with a directory named like a version", async () => {
    const at = join(dir, "batch");
    mkdirSync(join(at, "logs"), { recursive: true });
    for (const name of ["a.log", "b.log", "c.log"]) writeFileSync(join(at, "logs", name), `${name}\n`);
    writeFileSync(join(at, "logs", "a.log.1"), "a1\n");
    mkdirSync(join(at, "logs", "b.log.1"));
    writeFileSync(join(at, "conf"), `${at}/logs/*.log {\n  daily\n  rotate 2\n}\n`);
    const { report, errors } = await forcedPass(at);
    expect(report.rotated).toEqual([`${at}/logs/a.log`, `${at}/logs/c.log`]);
    expect(readdirSync(join(at, "logs")).sort()).toEqual(["a.log.1", "a.log.2", "b.log", "b.log.1", "c.log.1"]);
    expect(readFileSync(join(at, "logs", "a.log.2"), "utf8")).toBe("a1\n");
    expect(statSync(join(at, "logs", "b.log.1")).isDirectory()).toBe(true);
    expect(errors.map((text) => text.replaceAll(at, "D"))).toEqual([expect.stringContaining("D/logs/b.log.1")]);
    expect(readdirSync(at).filter((name) => name.includes("rotor"))).toEqual([]);
  });

  it("fails alone the log of a batch whose move finds a version that appeared in its way, keeping that version", async () => {
    const at = join(dir, "appeared");
    mkdirSync(join(at, "logs"), { recursive: true });
    for (const name of ["a.log", "b.log", "c.log"]) writeFileSync(join(at, "logs", name), `${name}\n`);
    writeFileSync(join(at, "conf"), `${at}/logs/*.log {\n  daily\n  rotate 2\n}\n`);
    // Another program writes b.log.1 after the plans were made, just before the round's moves.
    const racing: RotateFs = {
      ...nodeFsDirect,
      moveMany: (moves) => (writeFileSync(join(at, "logs", "b.log.1"), "theirs\n"), nodeFsDirect.moveMany!(moves)),
    };
    const { report, errors } = await forcedPass(at, racing);
    expect(report.rotated).toEqual([`${at}/logs/a.log`, `${at}/logs/c.log`]);
    expect(errors.map((text) => text.replaceAll(at, "D"))).toEqual([expect.stringContaining("D/logs/b.log.1")]);
    expect(errors[0]).toContain("appeared during the rotation");
    expect(readdirSync(join(at, "logs")).sort()).toEqual(["a.log.1", "b.log", "b.log.1", "c.log.1"]);
    expect(readFileSync(join(at, "logs", "b.log.1"), "utf8")).toBe("theirs\n");
    expect(readFileSync(join(at, "logs", "b.log"), "utf8")).toBe("b.log\n");
  });

  it("reports the compression of a log whose compressed version appeared in its place after the compression as failed, keeping both, as a failing compressor's", async () => {
    const at = join(dir, "appeared-gz");
    mkdirSync(join(at, "logs"), { recursive: true });
    for (const name of ["a.log", "b.log", "c.log"]) writeFileSync(join(at, "logs", name), `${name}\n`);
    writeFileSync(join(at, "conf"), `${at}/logs/*.log {\n  daily\n  rotate 2\n  compress\n}\n`);
    // Another program writes b.log.1.gz while the round's compressions are fsynced, just before they are renamed into place.
    const racing: RotateFs = {
      ...nodeFsDirect,
      moveMany: (moves) => {
        if (moves.some(([from]) => from.endsWith(".rotor-tmp"))) writeFileSync(join(at, "logs", "b.log.1.gz"), "theirs\n");
        return nodeFsDirect.moveMany!(moves);
      },
    };
    const { report, errors } = await forcedPass(at, racing);
    // Rotated, as with any compression that fails (logrotate's 02g): the live log was moved to .1 already.
    expect(report.rotated).toEqual([`${at}/logs/a.log`, `${at}/logs/b.log`, `${at}/logs/c.log`]);
    expect(errors.map((text) => text.replaceAll(at, "D"))).toEqual([expect.stringContaining("D/logs/b.log.1")]);
    expect(readdirSync(join(at, "logs")).sort()).toEqual(["a.log.1.gz", "b.log.1", "b.log.1.gz", "c.log.1.gz"]);
    expect(readFileSync(join(at, "logs", "b.log.1.gz"), "utf8")).toBe("theirs\n");
    expect(readFileSync(join(at, "logs", "b.log.1"), "utf8")).toBe("b.log\n");
    expect(gunzipSync(readFileSync(join(at, "logs", "a.log.1.gz"))).toString()).toBe("a.log\n");
  });

  it("stops every plan of a batch whose directory was replaced after the plans were journaled, touching nothing in either", async () => {
    const at = join(dir, "swapped");
    const logs = join(at, "logs");
    mkdirSync(logs, { recursive: true });
    for (const name of ["a.log", "b.log", "c.log"]) writeFileSync(join(logs, name), `${name}\n`);
    writeFileSync(join(at, "conf"), `${logs}/*.log {\n  daily\n  rotate 2\n}\n`);
    let swapped = false;
    const swapping: RotateFs = {
      ...nodeFsDirect,
      appendDurable: async (path, data) => {
        await nodeFsDirect.appendDurable(path, data);
        if (swapped || !data.includes('"plan"')) return;
        swapped = true; // the plans are journaled: now the directory is swapped for another
        renameSync(logs, `${logs}.old`);
        mkdirSync(logs);
      },
    };
    const { report, errors } = await forcedPass(at, swapping);
    expect(swapped).toBe(true);
    expect(report.rotated).toEqual([]);
    expect(errors).toHaveLength(3);
    expect(errors.every((text) => text.includes(`${logs} was replaced by another directory since the rotation was planned`))).toBe(true);
    expect(readdirSync(`${logs}.old`).sort()).toEqual(["a.log", "b.log", "c.log"]);
    expect(readdirSync(logs)).toEqual([]);
  });

  it("reads each directory once for the glob, the journal look and the batch, and again only after a block has rotated", async () => {
    const at = join(dir, "reads");
    const logs = join(at, "logs");
    mkdirSync(logs, { recursive: true });
    for (const name of ["a.log", "b.log", "c.log", "a.txt", "b.txt"]) writeFileSync(join(logs, name), `${name}\n`);
    writeFileSync(join(logs, "a.log.1"), "a1\n");
    // The second block's glob is in the same directory: it sees the first block's rotations.
    writeFileSync(join(at, "conf"), `${logs}/*.log {\n  daily\n  rotate 2\n}\n${logs}/*.txt {\n  daily\n  rotate 2\n}\n`);
    const reads: string[] = [];
    const counting: RotateFs = {
      ...nodeFsDirect,
      readdir: (path) => (reads.push(path), nodeFsDirect.readdir(path)),
      readdirTypes: (path) => (reads.push(path), nodeFsDirect.readdirTypes!(path)),
    };
    const { report, errors } = await forcedPass(at, counting);
    expect(errors).toEqual([]);
    expect(report.rotated).toEqual([`${logs}/a.log`, `${logs}/b.log`, `${logs}/c.log`, `${logs}/a.txt`, `${logs}/b.txt`]);
    expect(readdirSync(logs).sort()).toEqual(["a.log.1", "a.log.2", "a.txt.1", "b.log.1", "b.txt.1", "c.log.1"]);
    expect(readFileSync(join(logs, "a.log.2"), "utf8")).toBe("a1\n");
    // Once for the expansion of both globs, the first block's journal look and its batch;
    // once more for the second block, after the first block's rotations.
    expect(reads.filter((path) => path === logs)).toHaveLength(2);
  });

  it("rotates a block in overlapping batches: each log once, reported in order and recorded in the state", async () => {
    const { at, logs, names } = numberedLogs("batches", 11);
    // Batches of 3: the fourth is planned while the third is performed, and so on.
    const { report, errors } = await forcedPass(at, nodeFsDirect, 3);
    expect(errors).toEqual([]);
    expect(report.rotated).toEqual(names.map((name) => `${logs}/${name}`));
    for (const name of names) {
      expect(readFileSync(join(logs, `${name}.1`), "utf8")).toBe(`${name} now\n`);
      expect(readFileSync(join(logs, `${name}.2`), "utf8")).toBe(`${name} before\n`);
    }
    expect(readdirSync(logs)).toHaveLength(22);
    const state = readFileSync(join(at, "state"), "utf8");
    for (const name of names) expect(state).toContain(`"${logs}/${name}" 2026-3-15-10:20:30`);
    expect(readdirSync(at).filter((name) => name.includes("rotor"))).toEqual([]);
  });

  it("begins no batch once cancelled, and finishes and records the ones begun", async () => {
    const { at, logs, names } = numberedLogs("cancelled", 12);
    const state = join(at, "state");
    writeFileSync(state, "logrotate state -- version 2\n");
    const { model } = parseLogrotate([join(at, "conf")], { reader: createNodeReader(), accounts: createNodeAccounts() });
    let pass: Task<unknown> | null = null;
    // The pass is cancelled as its first batch makes its first moves (SIGTERM mid-block).
    const cancelling: RotateFs = { ...nodeFsDirect, moveMany: (moves) => (pass?.cancel(), nodeFsDirect.moveMany!(moves)) };
    const ended = await run(
      function* () {
        const store = yield* StateStore.open(state, { timeZone: TZ });
        try {
          pass = yield* spawn(logrotatePass(model, { store, timeZone: TZ, force: true, verbose: false, fs: cancelling, batchSize: 2 }));
          try {
            yield* pass;
            return "finished";
          } catch (error) {
            return isCancelled(error) ? "cancelled" : error;
          }
        } finally {
          yield* store.close();
        }
      },
      { clock: new VirtualClock({ start: NOW, autojump: true }) },
    );
    expect(ended).toBe("cancelled");
    const rotated = names.filter((name) => existsSync(join(logs, `${name}.2`)));
    // Whole batches of two were rotated, not all six of them.
    expect(rotated.length % 2).toBe(0);
    expect(rotated.length).toBeGreaterThan(0);
    expect(rotated.length).toBeLessThan(names.length);
    const text = readFileSync(state, "utf8");
    for (const name of names) {
      const done = rotated.includes(name);
      expect(readFileSync(join(logs, `${name}.1`), "utf8")).toBe(done ? `${name} now\n` : `${name} before\n`);
      expect(existsSync(join(logs, name))).toBe(!done);
      if (done) expect(readFileSync(join(logs, `${name}.2`), "utf8")).toBe(`${name} before\n`);
      expect(text.includes(`"${logs}/${name}" 2026-3-15-10:20:30`)).toBe(done);
    }
    // Every batch begun was settled: no group journal is left for the next pass to finish.
    expect(readdirSync(at).filter((name) => name.includes("rotor"))).toEqual([]);
  });

  it("reports each log of a batch whose journal cannot be written, and rotates none of them", async () => {
    const at = join(dir, "full");
    mkdirSync(join(at, "logs"), { recursive: true });
    for (const name of ["a.log", "b.log"]) writeFileSync(join(at, "logs", name), `${name}\n`);
    writeFileSync(join(at, "conf"), `${at}/logs/*.log {\n  daily\n  rotate 2\n}\n`);
    const full: RotateFs = { ...nodeFsDirect, appendDurable: () => Promise.reject(Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" })) };
    const { report, errors } = await forcedPass(at, full);
    expect(report.rotated).toEqual([]);
    expect(errors).toHaveLength(2);
    expect(errors.every((text) => text.includes("ENOSPC"))).toBe(true);
    expect(readdirSync(join(at, "logs")).sort()).toEqual(["a.log", "b.log"]);
  });
});
