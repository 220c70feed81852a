/**
 * Rotations running at once on one loop: two jobs on one file take turns (the per-file
 * lock), and compressions across files stay within the shared bound.
 */
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { FileLocks, rotation, type CommandOptions, type RunCommand } from "../../src/rotate/index.js";
import { Semaphore, VirtualClock, all, run } from "../../src/scheduler/index.js";
import { START, createDisk } from "./support/plan-harness.js";

describe("rotations at once", () => {
  it("take turns on one file when they share FileLocks: the second plans after the first is done", async () => {
    const disk = createDisk({ "app.log": "live\n", "app.log.1": "v1\n" });
    const locks = new FileLocks();
    const order: string[] = [];
    const job = (name: string) => rotation("/logs/app.log", { keep: 3, mode: "nocreate", missingok: true, fs: disk, locks, onStep: (step) => order.push(`${name} ${step.kind}`) });
    const [first, second] = await run(all([job("a"), job("b")]), { clock: new VirtualClock({ autojump: true, start: START }) });
    expect(first.rotated).toBe(true);
    // The first moved the log away (nocreate), so the second finds none: missingok.
    expect(second).toMatchObject({ rotated: false, reason: "the log does not exist (missingok)" });
    expect(order).toEqual(["a rename", "a rename"]);
    expect(disk.list("/logs")).toEqual(["app.log.1", "app.log.2"]);
    expect(locks.size).toBe(0);
  });

  it("keep the log a writer re-creates between the rename and the create, with the configured mode", async () => {
    const disk = createDisk({ "app.log": "old line\n" });
    const create = disk.createExclusive.bind(disk);
    // The program appends (O_CREAT) the moment its log has been renamed away.
    disk.createExclusive = async (path, mode) => {
      if (path === "/logs/app.log") disk.write(path, "new line\n", { mode: 0o600 });
      return create(path, mode);
    };
    const report = await run(rotation("/logs/app.log", { keep: 2, mode: "create", createMode: 0o640, fs: disk }), { clock: new VirtualClock({ autojump: true, start: START }) });
    expect(report).toMatchObject({ rotated: true, errors: [] });
    expect([disk.read("/logs/app.log"), disk.read("/logs/app.log.1")]).toEqual(["new line\n", "old line\n"]);
    expect((await disk.lstat("/logs/app.log"))!.mode & 0o777).toBe(0o640);
  });

  it("keep at most `compressionSlots` compressions running across files", async () => {
    const files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`app${i}.log`, `log ${i}\n`]));
    const disk = createDisk(files);
    let active = 0;
    let most = 0;
    // An external compressor that takes a few host turns, so that overlapping runs would show.
    const compressor: RunCommand = async (_file, _args, options?: CommandOptions) => {
      most = Math.max(most, ++active);
      const chunks: Buffer[] = [];
      for await (const chunk of options!.stdin!) chunks.push(chunk as Buffer);
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
      options!.stdout!.end((await import("node:zlib")).gzipSync(Buffer.concat(chunks)));
      await new Promise((resolve) => options!.stdout!.once("finish", resolve));
      active--;
      return { code: 0, signal: null, stderr: "" };
    };
    const compressionSlots = new Semaphore(2);
    const jobs = Object.keys(files).map((name) =>
      rotation(`/logs/${name}`, { keep: 1, compress: { command: "fake-gzip", ext: ".gz" }, mode: "nocreate", fs: disk, runCommand: compressor, compressionSlots }),
    );
    const reports = await run(all(jobs), { clock: new VirtualClock({ autojump: true, start: START }) });
    expect(reports.every((report) => report.rotated && report.errors.length === 0)).toBe(true);
    expect(most).toBe(2);
    expect(Object.keys(files).map((name) => gunzipSync(disk.readBytes(`/logs/${name}.1.gz`)!).toString())).toEqual(Object.values(files));
  });
});
