import { describe, expect, it } from "vitest";
import { getLoop, run, sleep, spawn, VirtualClock, type Operation } from "../../../src/scheduler/index.js";
import { createHarness, memoryWatchHost, runDaemon, yamlModel } from "./support/harness.js";

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
// 2026-11-25 00:00:00 UTC, a Wednesday.
const START = Date.UTC(2026, 10, 25);

const SEED = `
jobs:
  file1: { path: /logs/file1, every: 30s, keep: 3 }
  file2: { path: /logs/file2, every: 20s, keep: 5 }
  file3: { path: /logs/file3, size: 1024, check: 60s, keep: 3 }
  file4: { path: /logs/file4, daily: true, at: "00:00", timezone: UTC, keep: 5 }
`;

/** Appends a 100-byte line to each file every `everyMs` of virtual time. */
function* writer(fs: { append(path: string, text: string): void }, files: string[], everyMs: number): Operation<never> {
  for (;;) {
    for (const file of files) fs.append(file, "x".repeat(99) + "\n");
    yield* sleep(everyMs);
  }
}

describe("the daemon", () => {
  it("runs the seed's four jobs through a simulated day, each on its own schedule", async () => {
    const clock = new VirtualClock({ start: START + 30 * MIN, autojump: true });
    const h = createHarness({ model: yamlModel(SEED) }, () => clock.wallNow());
    const files = ["/logs/file1", "/logs/file2", "/logs/file3", "/logs/file4"];
    for (const file of files) h.fs.write(file, "");
    await run(
      function* () {
        const daemon = yield* spawn(runDaemon(h.options));
        const lines = yield* spawn(writer(h.fs, files, 10_000));
        yield* sleep(DAY + 1000);
        lines.cancel();
        h.control.stop();
        yield* daemon;
      },
      { clock },
    );
    // Interval jobs: one rotation per interval of the day (none is skipped: the writer keeps them non-empty).
    expect(h.rotated("file1")).toHaveLength(DAY / 30_000);
    expect(h.rotated("file2")).toHaveLength(DAY / 20_000);
    // Daily: exactly once, at the first midnight after the start.
    expect(h.rotated("file4").map((e) => e.at)).toEqual([START + DAY]);
    // Size: 100 bytes every 10 s pass 1024 bytes within 110 s; the 60 s poll sees it at the next check.
    const sizeRotations = h.rotated("file3");
    expect(sizeRotations.length).toBeGreaterThanOrEqual(DAY / (3 * MIN) - 1);
    expect(sizeRotations.length).toBeLessThanOrEqual(DAY / (2 * MIN) + 1);
    // Retention: exactly `keep` versions of each, numbered from 1.
    expect(h.fs.list("/logs").sort()).toEqual(
      ["file1", "file1.1", "file1.2", "file1.3", "file2", "file2.1", "file2.2", "file2.3", "file2.4", "file2.5", "file3", "file3.1", "file3.2", "file3.3", "file4", "file4.1"],
    );
    // No error, and the state records each file's last rotation.
    expect(h.events.filter((e) => e.level === "error")).toEqual([]);
    const state = h.stateFs.files.get("/var/lib/rotor/status")!.data;
    expect(state).toContain('"/logs/file4" 2026-11-26-0:0:0');
  }, 120_000);

  it("catches up at start a daily rotation that a stopped daemon missed, once", async () => {
    const clock = new VirtualClock({ start: START + 9 * HOUR, autojump: true });
    const config = { model: yamlModel(`jobs:\n  app: { path: /logs/app, daily: true, timezone: UTC, keep: 2 }\n`) };
    const h = createHarness(config, () => clock.wallNow());
    h.fs.write("/logs/app", "yesterday's lines\n");
    // The state says it was last rotated two days ago at midnight.
    h.stateFs.files.set("/var/lib/rotor/status", { data: 'logrotate state -- version 2\n"/logs/app" 2026-11-23-0:0:0\n', mode: 0o600 });
    await run(
      function* () {
        const daemon = yield* spawn(runDaemon(h.options));
        yield* sleep(HOUR);
        h.control.stop();
        yield* daemon;
      },
      { clock },
    );
    expect(h.rotated("app").map((e) => e.at)).toEqual([START + 9 * HOUR]);
    expect(h.fs.read("/logs/app.1")).toBe("yesterday's lines\n");
  });

  it("keeps retrying a job whose file cannot be rotated, with backoff, while the other jobs go on", async () => {
    const clock = new VirtualClock({ start: START, autojump: true });
    const config = {
      model: yamlModel(`
jobs:
  broken: { path: /locked/app.log, every: 1m, keep: 2 }
  fine: { path: /logs/fine, every: 1m, keep: 2 }
`),
    };
    const h = createHarness(config, () => clock.wallNow(), { backoff: { initialMs: 1000, maxMs: 8000 } });
    h.fs.write("/locked/app.log", "data\n");
    h.fs.write("/logs/fine", "data\n");
    // A directory in the way of the first version makes every rotation of /locked/app.log fail.
    h.fs.mkdirs("/locked/app.log.1");
    await run(
      function* () {
        const daemon = yield* spawn(runDaemon(h.options));
        yield* sleep(10 * MIN + 30_000);
        h.control.stop();
        yield* daemon;
      },
      { clock },
    );
    expect(h.rotated("fine")).toHaveLength(10);
    expect(h.rotated("broken")).toHaveLength(0);
    const retries = h.events.filter((e) => e.event === "retry-scheduled" && e.fields.job === "broken").map((e) => e.fields.inMs);
    expect(retries.slice(0, 5)).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(h.events.some((e) => e.event === "rotation-error" && e.fields.job === "broken")).toBe(true);
  });

  it("restarts, after a backoff, a job whose size trigger fails, while the other jobs go on", async () => {
    const clock = new VirtualClock({ start: START, autojump: true });
    const config = { model: yamlModel("jobs:\n  flaky: { path: /logs/flaky, size: 100, check: 1m, keep: 2 }\n  fine: { path: /logs/fine, every: 1m, keep: 2 }\n") };
    const h = createHarness(config, () => clock.wallNow(), { backoff: { initialMs: 1000, maxMs: 8000 } });
    // The first three stats of /logs/flaky fail as a permission error would.
    const host = memoryWatchHost(h.fs);
    let failures = 3;
    h.options.watcher = {
      ...host,
      stat: (path) => (path === "/logs/flaky" && failures-- > 0 ? Promise.reject(Object.assign(new Error("EACCES: stat"), { code: "EACCES" })) : host.stat(path)),
    };
    h.fs.write("/logs/flaky", "x".repeat(500));
    h.fs.write("/logs/fine", "data\n");
    await run(
      function* () {
        const daemon = yield* spawn(runDaemon(h.options));
        yield* sleep(5 * MIN + 30_000);
        h.control.stop();
        yield* daemon;
      },
      { clock },
    );
    const failed = h.events.filter((e) => e.event === "job-failed").map((e) => [e.fields.job, e.fields.restartInMs]);
    expect(failed).toEqual([
      ["flaky", 1000],
      ["flaky", 2000],
      ["flaky", 4000],
    ]);
    expect(h.rotated("flaky")).toHaveLength(1);
    expect(h.rotated("fine")).toHaveLength(5);
  });

  it("holds no task for a job with nothing to do, and gives one to a job whose trigger fires", async () => {
    const clock = new VirtualClock({ start: START, autojump: true });
    const config = { model: yamlModel("jobs:\n  often: { path: /logs/often, every: 1h, keep: 2 }\n  big: { path: /logs/big, size: 100, check: 1m, keep: 2 }\n  daily: { path: /logs/daily, daily: true, keep: 2 }\n") };
    const h = createHarness(config, () => clock.wallNow());
    for (const log of ["often", "big", "daily"]) h.fs.write(`/logs/${log}`, "data\n");
    const jobTasks: string[][] = [];
    await run(
      function* () {
        const loop = yield* getLoop();
        const jobs = () => loop.tasks().map((t) => t.name).filter((name) => name.startsWith("job "));
        const daemon = yield* spawn(runDaemon(h.options));
        yield* sleep(MIN);
        jobTasks.push(jobs()); // started, nothing due
        h.fs.append("/logs/big", "x".repeat(200));
        yield* sleep(2 * MIN);
        jobTasks.push(jobs()); // big rotated, and done
        yield* sleep(HOUR);
        jobTasks.push(jobs());
        h.control.stop();
        yield* daemon;
      },
      { clock },
    );
    expect(jobTasks).toEqual([[], [], []]);
    expect(h.rotated("big")).toHaveLength(1);
    expect(h.rotated("often")).toHaveLength(1);
    expect(h.rotated("daily")).toHaveLength(0);
    expect(h.events.filter((e) => e.level === "error" || e.level === "warn")).toEqual([]);
  });

  it("serialises two jobs that name one file: both rotate it at the same instant without a clash", async () => {
    const clock = new VirtualClock({ start: START, autojump: true });
    const config = { model: yamlModel(`jobs:\n  a: { path: /logs/shared, every: 1m, keep: 20 }\n  b: { path: /logs/shared, every: 1m, keep: 20 }\n`) };
    const h = createHarness(config, () => clock.wallNow());
    h.fs.write("/logs/shared", "start\n");
    await run(
      function* () {
        const daemon = yield* spawn(runDaemon(h.options));
        const lines = yield* spawn(writer(h.fs, ["/logs/shared"], 1000));
        yield* sleep(5 * MIN + 500);
        lines.cancel();
        h.control.stop();
        yield* daemon;
      },
      { clock },
    );
    expect(h.events.filter((e) => e.level === "error" || e.level === "warn")).toEqual([]);
    // Each minute, one job rotates the file and the other rotates the fresh one it left.
    expect(h.rotated("a")).toHaveLength(5);
    expect(h.rotated("b")).toHaveLength(5);
    expect(h.fs.list("/logs").filter((name) => name.startsWith("shared.")).length).toBe(10);
  });
});
