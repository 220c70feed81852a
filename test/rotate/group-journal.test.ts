/**
 * GroupJournal on the in-memory filesystem: records that arrive together share a commit, a
 * changed directory is fsynced before the mark that follows it, a rotation stays until it is
 * settled, and what a crash leaves is read back (a torn last line ignored).
 */
import { describe, expect, it } from "vitest";
import { createJournalPlan, GroupJournal, type RotateFs } from "../../src/rotate/index.js";
import { MemoryFs } from "./support/memory-fs.js";

const PATH = "/state/.status.rotor-pass-journal";
const plan = (log: string) => createJournalPlan(log, 1_000, [], [{ kind: "rename", from: log, to: `${log}.1` }]);

/** A MemoryFs whose fsyncs and appends are recorded, in order. */
function recordingFs(): { fs: RotateFs; disk: MemoryFs; events: string[] } {
  const disk = new MemoryFs();
  disk.mkdirs("/state");
  disk.mkdirs("/logs/a");
  disk.mkdirs("/logs/b");
  const events: string[] = [];
  const fs = new Proxy(disk as RotateFs, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (key === "fsyncDir") return (dir: string) => (events.push(`fsync ${dir}`), disk.fsyncDir(dir));
      if (key === "appendDurable") return (path: string, data: string) => (events.push(`append ${data.trim().split("\n").length}`), disk.appendDurable(path, data));
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { fs, disk, events };
}

describe("GroupJournal", () => {
  it("carries in one commit every record that arrived while another was on the disk", async () => {
    const { fs, events } = recordingFs();
    const group = await GroupJournal.create(fs, PATH);
    events.length = 0;
    const logs = Array.from({ length: 10 }, (_, i) => `/logs/a/${i}.log`);
    await Promise.all(logs.map((log) => group.entry(log).begin(plan(log))));
    // The first record starts a commit at once; the nine that came meanwhile share the next.
    expect(events).toEqual(["append 1", "append 9"]);
  });

  it("fsyncs a changed directory before the mark that follows the change", async () => {
    const { fs, events } = recordingFs();
    const group = await GroupJournal.create(fs, PATH);
    const a = group.entry("/logs/a/x.log");
    const b = group.entry("/logs/b/y.log");
    await Promise.all([a.begin(plan("/logs/a/x.log")), b.begin(plan("/logs/b/y.log"))]);
    events.length = 0;
    await a.dirChanged("/logs/a");
    await b.dirChanged("/logs/b");
    await Promise.all([a.mark(0, false), b.mark(0, false)]);
    expect(events).toEqual(["fsync /logs/a", "fsync /logs/b", "append 1", "append 1"]);
  });

  it("keeps a rotation that was stopped halfway when it is settled, and lets the finished one go", async () => {
    const { fs, disk } = recordingFs();
    const group = await GroupJournal.create(fs, PATH);
    const done = group.entry("/logs/a/done.log");
    const stopped = group.entry("/logs/a/stopped.log");
    await done.begin(plan("/logs/a/done.log"));
    await stopped.begin(plan("/logs/a/stopped.log"));
    await done.mark(0, false);
    await done.end();
    group.settle("/logs/a/done.log");
    group.settle("/logs/a/stopped.log"); // never ended: it stays
    expect(group.unsettled).toBe(1);
    await stopped.mark(0, true); // carries the settled line too
    const entries = await GroupJournal.read(disk, PATH);
    expect(entries?.map((e) => [e.plan.log, e.settled, [...e.done], [...e.failed]])).toEqual([
      ["/logs/a/done.log", true, [0], []],
      ["/logs/a/stopped.log", false, [0], [0]],
    ]);
  });

  it("reads back what a crash left, ignoring a torn last line, and resumes after the last id", async () => {
    const { fs, disk } = recordingFs();
    const group = await GroupJournal.create(fs, PATH);
    const entry = group.entry("/logs/a/x.log");
    await entry.begin(plan("/logs/a/x.log"));
    await disk.appendDurable(PATH, '{"id":0,"do');
    const entries = (await GroupJournal.read(disk, PATH))!;
    expect(entries.map((e) => [e.id, e.plan.log, e.done.size, e.settled])).toEqual([[0, "/logs/a/x.log", 0, false]]);
    const resumed = GroupJournal.resume(fs, PATH, entries);
    await resumed.entry("/logs/b/y.log").begin(plan("/logs/b/y.log"));
    expect((await GroupJournal.read(disk, PATH))!.map((e) => e.id)).toEqual([0, 1]);
  });

  it("is removed once its rotations are settled, and reads as none after", async () => {
    const { fs, disk } = recordingFs();
    const group = await GroupJournal.create(fs, PATH);
    await group.remove();
    expect(await GroupJournal.read(disk, PATH)).toBeNull();
  });
});
