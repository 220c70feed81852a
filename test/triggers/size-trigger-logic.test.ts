/**
 * The size trigger's logic on an in-memory WatchHost, on virtual time: debouncing,
 * level-triggering, releasing watches, and its spec errors.
 */
import { describe, expect, it } from "vitest";
import { VirtualClock, run, sleep, spawn, type Operation } from "../../src/index.js";
import { DEBOUNCE_MS, SWEEP_EVERY, TriggerError, sizeTrigger, type Firing, type SizeSpec, type WatchHost, type WatchListener } from "../../src/triggers/index.js";

/** Files as sizes; watches as listeners the test calls; stats counted. */
function memoryHost() {
  const files = new Map<string, { size: number; ino: number }>();
  const watches = new Map<string, Set<WatchListener>>();
  const breakers: (() => void)[] = [];
  let stats = 0;
  const host: WatchHost = {
    watch(path, listener, onError) {
      // As fs.watch: a path where nothing exists (no file, no directory holding one) cannot be watched.
      if (!files.has(path) && ![...files.keys()].some((file) => file.startsWith(`${path}/`))) {
        throw Object.assign(new Error(`ENOENT: no such file or directory, watch '${path}'`), { code: "ENOENT" });
      }
      const set = watches.get(path) ?? new Set();
      set.add(listener);
      watches.set(path, set);
      breakers.push(() => onError(new Error(`watch on ${path} broke`)));
      return { close: () => set.delete(listener) };
    },
    async stat(path) {
      stats++;
      const file = files.get(path);
      return file ? { size: file.size, ino: file.ino, isFile: true } : null;
    },
    async readdir(dir) {
      const names = [...files.keys()].filter((path) => path.startsWith(`${dir}/`)).map((path) => path.slice(dir.length + 1));
      return names.length > 0 ? names : null;
    },
  };
  return {
    host,
    files,
    get stats() {
      return stats;
    },
    /** Every watch made so far reports an error, as when its directory is removed. */
    breakAll: () => breakers.splice(0).forEach((brk) => brk()),
    openWatches: () => [...watches.values()].reduce((n, set) => n + set.size, 0),
    /** The paths with at least one open watch, sorted. */
    watched: () => [...watches].filter(([, set]) => set.size > 0).map(([path]) => path).sort(),
    /** A write: the file grows and its watches (and its directory's) hear of it. */
    write(path: string, size: number) {
      const file = files.get(path) ?? { size: 0, ino: files.size + 1 };
      file.size += size;
      files.set(path, file);
      for (const listener of watches.get(path) ?? []) listener("change", null);
      const slash = path.lastIndexOf("/");
      for (const listener of watches.get(path.slice(0, slash)) ?? []) listener("change", path.slice(slash + 1));
    },
  };
}

async function drive(spec: SizeSpec, memory: ReturnType<typeof memoryHost>, scenario: (fired: Firing[], clock: VirtualClock) => Operation<void>): Promise<Firing[]> {
  const fired: Firing[] = [];
  const clock = new VirtualClock({ autojump: true, start: 0 });
  await run(function* () {
    const trigger = yield* spawn(sizeTrigger(spec, { watcher: memory.host, fire: (f) => fired.push(f) }));
    yield* scenario(fired, clock);
    trigger.cancel();
  }, { clock });
  return fired;
}

describe("sizeTrigger logic", () => {
  it("fires at its start for a file already over the threshold, and again at each sweep that sees it over", async () => {
    const memory = memoryHost();
    memory.write("/logs/app.log", 500);
    // Polls every 100 ms; a watched file is looked at only by the sweep of every SWEEP_EVERY-th poll.
    const fired = await drive({ patterns: ["/logs/app.log"], threshold: 100, checkMs: 1000 / SWEEP_EVERY }, memory, function* () {
      yield* sleep(2050);
    });
    expect(fired.map((f) => [f.at, f.paths])).toEqual([
      [0, ["/logs/app.log"]],
      [1000, ["/logs/app.log"]],
      [2000, ["/logs/app.log"]],
    ]);
  });

  it("polls only the paths no watch covers between sweeps", async () => {
    const memory = memoryHost();
    memory.write("/logs/watched.log", 500);
    memory.write("/logs/unwatched.log", 500);
    const watch = memory.host.watch;
    memory.host.watch = (path, listener, onError) => {
      if (path === "/logs/unwatched.log") throw Object.assign(new Error("ENOSPC"), { code: "ENOSPC" });
      return watch(path, listener, onError);
    };
    const fired = await drive({ patterns: ["/logs/watched.log", "/logs/unwatched.log"], threshold: 100, checkMs: 100 }, memory, function* () {
      yield* sleep(350);
    });
    expect(fired.map((f) => [f.at, f.paths])).toEqual([
      [0, ["/logs/watched.log", "/logs/unwatched.log"]],
      [100, ["/logs/unwatched.log"]],
      [200, ["/logs/unwatched.log"]],
      [300, ["/logs/unwatched.log"]],
    ]);
  });

  it("checks a burst of writes once per debounce window, not once per write", async () => {
    const memory = memoryHost();
    memory.write("/logs/app.log", 0);
    const fired = await drive({ patterns: ["/logs/app.log"], threshold: 1_000_000, checkMs: Infinity }, memory, function* () {
      yield* sleep(100); // the first check is long done
      const before = memory.stats;
      for (let i = 0; i < 100; i++) memory.write("/logs/app.log", 10); // 100 writes at one instant
      yield* sleep(DEBOUNCE_MS);
      expect(memory.stats - before).toBe(1);
      for (let ms = 0; ms < 50; ms++) {
        memory.write("/logs/app.log", 10); // a write every ms for 50 ms
        yield* sleep(1);
      }
      expect(memory.stats - before).toBeLessThanOrEqual(1 + Math.ceil(50 / DEBOUNCE_MS) + 1);
      expect(memory.stats - before).toBeGreaterThanOrEqual(Math.floor(50 / DEBOUNCE_MS));
    });
    expect(fired).toEqual([]);
  });

  it("does not hold back another log's crossing while a busy log is being paced", async () => {
    const memory = memoryHost();
    memory.write("/logs/busy.log", 0);
    memory.write("/logs/quiet.log", 0);
    const fired = await drive({ patterns: ["/logs/*.log"], threshold: 100, checkMs: Infinity }, memory, function* (fired) {
      for (let ms = 0; ms < 20; ms++) {
        memory.write("/logs/busy.log", 1); // stays under the threshold
        if (ms === 12) memory.write("/logs/quiet.log", 500);
        yield* sleep(1);
      }
      expect(fired.length).toBe(1);
    });
    expect(fired.map((f) => [f.at, f.paths])).toEqual([[12, ["/logs/quiet.log"]]]);
  });

  it("fires after a quiet spell without waiting for the debounce window", async () => {
    const memory = memoryHost();
    memory.write("/logs/app.log", 0);
    const fired = await drive({ patterns: ["/logs/*.log"], threshold: 100, checkMs: Infinity }, memory, function* (fired) {
      yield* sleep(1000);
      memory.write("/logs/app.log", 500);
      while (fired.length === 0) yield* sleep(0);
    });
    expect(fired.map((f) => f.at)).toEqual([1000]);
  });

  it("watches the directory of literal paths only while one of them is missing", async () => {
    const memory = memoryHost();
    memory.write("/logs/a.log", 0);
    const seen: string[][] = [];
    const fired = await drive({ patterns: ["/logs/a.log", "/logs/b.log"], threshold: 100, checkMs: 1000 }, memory, function* (fired) {
      yield* sleep(10);
      seen.push(memory.watched());
      memory.write("/logs/b.log", 500);
      while (fired.length === 0) yield* sleep(1);
      seen.push(memory.watched());
    });
    expect(seen).toEqual([
      ["/logs", "/logs/a.log"],
      ["/logs/a.log", "/logs/b.log"],
    ]);
    expect(fired.map((f) => f.paths)).toEqual([["/logs/b.log"]]);
  });

  it("checks a file that just appeared once more after watching it, for writes made before its watch", async () => {
    const memory = memoryHost();
    memory.write("/logs/a.log", 0);
    const stat = memory.host.stat;
    let raced = false;
    // The file is created empty, stat'ed, then filled before its own watch exists: that
    // write's event went to the directory watch, which is closed once the file is there.
    memory.host.stat = async (path) => {
      const result = await stat(path);
      if (path === "/logs/b.log" && result !== null && !raced) {
        raced = true;
        memory.files.get(path)!.size += 500;
      }
      return result;
    };
    const fired = await drive({ patterns: ["/logs/a.log", "/logs/b.log"], threshold: 100, checkMs: Infinity }, memory, function* () {
      yield* sleep(10);
      memory.write("/logs/b.log", 0);
      yield* sleep(1000);
    });
    // Checked at once on the directory's event, then again one debounce window later.
    expect(fired.map((f) => [f.at, f.paths])).toEqual([[10 + DEBOUNCE_MS, ["/logs/b.log"]]]);
  });

  it("closes every watch when cancelled", async () => {
    const memory = memoryHost();
    memory.write("/logs/a.log", 0);
    memory.write("/logs/b.log", 0);
    let during = 0;
    await drive({ patterns: ["/logs/*.log", "/other/c.log"], threshold: 100, checkMs: 1000 }, memory, function* () {
      yield* sleep(10);
      during = memory.openWatches();
    });
    expect(during).toBe(3); // /logs, a.log, b.log (/other does not exist)
    expect(memory.openWatches()).toBe(0);
  });

  it("drops a watch that broke and watches again after reading everything again", async () => {
    const memory = memoryHost();
    memory.write("/logs/a.log", 0);
    const fired = await drive({ patterns: ["/logs/*.log"], threshold: 100, checkMs: Infinity }, memory, function* (fired) {
      yield* sleep(10);
      memory.breakAll();
      expect(memory.openWatches()).toBe(0);
      yield* sleep(10);
      expect(memory.openWatches()).toBe(2);
      memory.write("/logs/a.log", 500);
      while (fired.length === 0) yield* sleep(1);
    });
    expect(fired.map((f) => [f.at, f.paths])).toEqual([[20, ["/logs/a.log"]]]);
  });

  it.each<[SizeSpec, string]>([
    [{ patterns: [], threshold: 1, checkMs: 1 }, "Expected `patterns` to be a non-empty array of paths, got `[]` (object); fix the size trigger"],
    [{ patterns: ["/var/*/app.log"], threshold: 1, checkMs: 1 }, "Expected `patterns[0]` to have wildcards in its last part only, got `/var/*/app.log` (string); list each directory, such as `/var/log/app/*.log`"],
    [{ patterns: ["/a.log"], threshold: -1, checkMs: 1 }, "Expected `threshold` to be an integer number of bytes >= 0, got `-1` (number); fix the size trigger"],
    [{ patterns: ["/a.log"], threshold: 1, checkMs: 0 }, "Expected `checkMs` to be a number of ms > 0 (Infinity: no polling), got `0` (number); fix the size trigger"],
  ])("refuses %j", async (spec, message) => {
    await expect(drive(spec, memoryHost(), function* () {})).rejects.toThrow(new TriggerError("ERR_TRIGGER_BAD_SIZE", message));
  });
});
