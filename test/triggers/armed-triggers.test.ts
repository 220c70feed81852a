/**
 * Triggers armed on the loop (no task each) and the size-trigger group (one task for many
 * triggers): what a daemon of many jobs runs. Virtual clock, in-memory WatchHost.
 */
import { describe, expect, it } from "vitest";
import { Event, VirtualClock, getLoop, run, sleep, spawn, sleepUntil } from "../../src/index.js";
import { SizeTriggers, armCalendarTrigger, armIntervalTrigger, intervalTrigger, type Firing, type WatchHost, type WatchListener } from "../../src/triggers/index.js";

const HOUR = 3_600_000;

/** Files as sizes; watches as listeners a write calls. */
function memoryHost(failStat?: string) {
  const files = new Map<string, { size: number; ino: number }>();
  const watches = new Map<string, Set<WatchListener>>();
  const host: WatchHost = {
    watch(path, listener) {
      if (!files.has(path)) throw Object.assign(new Error(`ENOENT: watch '${path}'`), { code: "ENOENT" });
      const set = watches.get(path) ?? new Set();
      set.add(listener);
      watches.set(path, set);
      return { close: () => set.delete(listener) };
    },
    async stat(path) {
      if (path === failStat) throw Object.assign(new Error(`EACCES: stat '${path}'`), { code: "EACCES" });
      const file = files.get(path);
      return file ? { size: file.size, ino: file.ino, isFile: true } : null;
    },
    readdir: async () => null,
  };
  return {
    host,
    openWatches: () => [...watches.values()].reduce((n, set) => n + set.size, 0),
    write(path: string, size: number) {
      const file = files.get(path) ?? { size: 0, ino: files.size + 1 };
      file.size += size;
      files.set(path, file);
      for (const listener of watches.get(path) ?? []) listener("change", null);
    },
  };
}

describe("armed time triggers", () => {
  it("fire from the loop's timers, with a catch-up first, and stop when cancelled", async () => {
    const fired: Firing[] = [];
    const clock = new VirtualClock({ autojump: true, start: 10 * HOUR });
    await run(function* () {
      const loop = yield* getLoop();
      const every = armIntervalTrigger(loop, HOUR, { last: 8 * HOUR, fire: (f) => fired.push(f) });
      const daily = armCalendarTrigger(loop, { unit: "hourly", at: { hour: 0, minute: 30, second: 0 }, timeZone: "UTC" }, { last: null, fire: (f) => fired.push(f) });
      expect(loop.tasks().length).toBe(1);
      yield* sleepUntil(12 * HOUR + 45 * 60_000);
      every.cancel();
      daily.cancel();
      yield* sleep(5 * HOUR);
    }, { clock });
    expect(fired.map((f) => [f.trigger, (f.at - 10 * HOUR) / 60_000, f.catchUp ?? false])).toEqual([
      ["every 1h", 0, true],
      ["hourly at :30 (UTC)", 30, false],
      ["every 1h", 60, false],
      ["hourly at :30 (UTC)", 90, false],
      ["every 1h", 120, false],
      ["hourly at :30 (UTC)", 150, false],
    ]);
  });

  it("as an operation, throw what the armed trigger reports and end with it", async () => {
    const clock = new VirtualClock({ autojump: true, start: 0 });
    const outcome = run(function* () {
      yield* intervalTrigger(1000, {
        last: null,
        fire: () => {
          throw new Error("the job is gone");
        },
      });
    }, { clock });
    await expect(outcome).rejects.toThrow("the job is gone");
  });
});

describe("SizeTriggers (one task for many size triggers)", () => {
  it("runs 50 one-file triggers on one task while idle; a crossing fires only its own member", async () => {
    const memory = memoryHost();
    const fired = new Map<number, Firing[]>();
    const clock = new VirtualClock({ autojump: true, start: 0 });
    await run(function* () {
      const loop = yield* getLoop();
      const group = new SizeTriggers(loop, { watcher: memory.host });
      const task = yield* spawn(group.run(), { name: "size triggers" });
      const members = [];
      let ready = 0;
      const allReady = new Event();
      for (let i = 0; i < 50; i++) {
        memory.write(`/logs/app-${i}.log`, 10);
        members.push(group.add({ patterns: [`/logs/app-${i}.log`], threshold: 100, checkMs: 60_000 }, {
          fire: (f) => fired.set(i, [...(fired.get(i) ?? []), f]),
          onReady: () => ++ready === 50 && allReady.set(),
        }));
      }
      yield* allReady.wait();
      yield* sleep(1000);
      // The test's task and the group's: no worker is left once the checking is done.
      expect(loop.tasks().length).toBe(2);
      expect(memory.openWatches()).toBe(50);
      memory.write("/logs/app-7.log", 500);
      yield* sleep(1000);
      members[3]!.close();
      expect(memory.openWatches()).toBe(49);
      task.cancel();
    }, { clock });
    expect([...fired.keys()]).toEqual([7]);
    expect(fired.get(7)!.map((f) => f.paths)).toEqual([["/logs/app-7.log"]]);
    expect(memory.openWatches()).toBe(0);
  });

  it("hands a member's failure to its onError and closes it; the other members go on", async () => {
    const memory = memoryHost("/logs/bad.log");
    const errors: string[] = [];
    const fired: Firing[] = [];
    const clock = new VirtualClock({ autojump: true, start: 0 });
    await run(function* () {
      const group = new SizeTriggers(yield* getLoop(), { watcher: memory.host });
      const task = yield* spawn(group.run());
      memory.write("/logs/good.log", 10);
      group.add({ patterns: ["/logs/bad.log"], threshold: 100, checkMs: 60_000 }, { fire: (f) => fired.push(f), onError: (error) => errors.push((error as Error).message) });
      group.add({ patterns: ["/logs/good.log"], threshold: 100, checkMs: 60_000 }, { fire: (f) => fired.push(f) });
      yield* sleep(1000);
      memory.write("/logs/good.log", 500);
      yield* sleep(1000);
      task.cancel();
    }, { clock });
    expect(errors).toEqual(["EACCES: stat '/logs/bad.log'"]);
    expect(fired.map((f) => f.paths)).toEqual([["/logs/good.log"]]);
  });
});
