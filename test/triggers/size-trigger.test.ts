/**
 * The size trigger on real files in a temp directory. Polling is off (checkMs Infinity)
 * except where the polling fallback is the subject, so a firing can only come from a
 * watch event; each test waits for that event (a firing), never for a duration. The
 * clock is virtual and autojumps: the debounce sleep takes no real time, and a pending
 * write (a `call`) holds time still until it is done.
 */
import { appendFile, mkdir, mkdtemp, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Event, VirtualClock, call, run, sleep, spawn, type Operation } from "../../src/index.js";
import { createNodeWatchHost, nodeWatchHost, sizeTrigger, type Firing, type SizeSpec, type WatchHost } from "../../src/triggers/index.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "rotor-size-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = (n: number) => "x".repeat(n);

/** The real host, telling the test each time a path starts being watched. */
function spyHost(base: WatchHost): { host: WatchHost; watched: (path: string, times?: number) => Operation<void> } {
  const counts = new Map<string, number>();
  const waiters: { path: string; times: number; event: Event }[] = [];
  const host: WatchHost = {
    ...base,
    watch(path, listener, onError, kind) {
      const handle = base.watch(path, listener, onError, kind);
      counts.set(path, (counts.get(path) ?? 0) + 1);
      for (const w of waiters) if (w.path === path && counts.get(path)! >= w.times) w.event.set();
      return handle;
    },
  };
  function* watched(path: string, times = 1): Operation<void> {
    if ((counts.get(path) ?? 0) >= times) return;
    const event = new Event();
    waiters.push({ path, times, event });
    yield* event.wait();
  }
  return { host, watched };
}

/** Runs a size trigger alongside `scenario`, which gets a wait for the next firing; returns every firing. */
async function withTrigger(spec: SizeSpec, scenario: (next: () => Operation<Firing>, watched: ReturnType<typeof spyHost>["watched"]) => Operation<void>): Promise<Firing[]> {
  const { host, watched } = spyHost(base);
  const fired: Firing[] = [];
  let arrived = new Event();
  const clock = new VirtualClock({ autojump: true, start: Date.UTC(2026, 0, 1) });
  await run(function* () {
    const trigger = yield* spawn(sizeTrigger(spec, { watcher: host, fire: (f) => (fired.push(f), arrived.set()) }));
    let seen = 0;
    function* next(): Operation<Firing> {
      while (fired.length <= seen) {
        yield* arrived.wait();
        arrived = new Event();
      }
      return fired[seen++]!;
    }
    yield* scenario(next, watched);
    trigger.cancel();
  }, { clock });
  return fired;
}

/** Each file watched itself (the plain host), or through its directory (the daemon's host). */
let base: WatchHost = nodeWatchHost;

describe.each([
  ["each file watched itself", () => nodeWatchHost],
  ["files watched through their directory", () => createNodeWatchHost()],
])("sizeTrigger on real files, %s", (_name, makeHost) => {
  beforeEach(() => {
    base = makeHost();
  });

  it("fires when a write makes a watched file cross the threshold", async () => {
    const log = join(dir, "app.log");
    await writeFile(log, bytes(100));
    const fired = await withTrigger({ patterns: [log], threshold: 1024, checkMs: Infinity }, function* (next, watched) {
      yield* watched(log);
      yield* call(appendFile(log, bytes(1000)));
      const firing = yield* next();
      expect(firing.paths).toEqual([log]);
      expect(firing.trigger).toBe("size > 1 KiB");
    });
    expect(fired).toHaveLength(1);
  });

  it("fires for a file that appears later in a watched directory", async () => {
    const log = join(dir, "late.log");
    const fired = await withTrigger({ patterns: [log], threshold: 10, checkMs: Infinity }, function* (next, watched) {
      yield* watched(dir);
      yield* call(writeFile(log, bytes(50)));
      expect((yield* next()).paths).toEqual([log]);
    });
    expect(fired).toHaveLength(1);
  });

  it("fires for a glob whose directory appears later: its parent is watched until then", async () => {
    const later = join(dir, "later");
    const fired = await withTrigger({ patterns: [join(later, "*.log")], threshold: 10, checkMs: Infinity }, function* (next, watched) {
      yield* watched(dir);
      yield* call(mkdir(later));
      yield* watched(later);
      yield* call(writeFile(join(later, "app.log"), bytes(50)));
      expect((yield* next()).paths).toEqual([join(later, "app.log")]);
    });
    expect(fired).toHaveLength(1);
  });

  it("follows a missing path down as its directories appear one by one, then fires for the log", async () => {
    const log = join(dir, "a", "b", "app.log");
    const fired = await withTrigger({ patterns: [log], threshold: 10, checkMs: Infinity }, function* (next, watched) {
      yield* watched(dir);
      yield* call(mkdir(join(dir, "a")));
      yield* watched(join(dir, "a"));
      yield* call(mkdir(join(dir, "a", "b")));
      yield* watched(join(dir, "a", "b"));
      yield* call(writeFile(log, bytes(50)));
      expect((yield* next()).paths).toEqual([log]);
    });
    expect(fired).toHaveLength(1);
  });

  it("matches a glob against directory entries as they appear", async () => {
    await writeFile(join(dir, "a.log"), bytes(5));
    const fired = await withTrigger({ patterns: [join(dir, "*.log")], threshold: 10, checkMs: Infinity }, function* (next, watched) {
      yield* watched(join(dir, "a.log"));
      yield* call(writeFile(join(dir, "notes.txt"), bytes(50)));
      yield* call(writeFile(join(dir, ".hidden.log"), bytes(50)));
      yield* call(writeFile(join(dir, "b.log"), bytes(50)));
      expect((yield* next()).paths).toEqual([join(dir, "b.log")]);
      yield* call(appendFile(join(dir, "a.log"), bytes(50)));
      let firing = yield* next();
      while (!firing.paths!.includes(join(dir, "a.log"))) firing = yield* next();
    });
    expect(fired.flatMap((f) => f.paths)).not.toContain(join(dir, "notes.txt"));
    expect(fired.flatMap((f) => f.paths)).not.toContain(join(dir, ".hidden.log"));
  });

  it("follows a file replaced by rename (rotation): the new file's writes fire, the old one's do not", async () => {
    const log = join(dir, "app.log");
    await writeFile(log, bytes(5));
    const fired = await withTrigger({ patterns: [log], threshold: 10, checkMs: Infinity }, function* (next, watched) {
      yield* watched(log);
      yield* call(rename(log, `${log}.1`).then(() => writeFile(log, "")));
      yield* watched(log, 2); // the watch moved to the new inode
      yield* call(appendFile(`${log}.1`, bytes(50)));
      yield* call(appendFile(log, bytes(50)));
      expect((yield* next()).paths).toEqual([log]);
    });
    expect(fired.every((f) => f.paths!.length === 1 && f.paths![0] === log)).toBe(true);
  });

  it("follows a log that is a symbolic link to a file in another directory: writes to the target fire", async () => {
    const elsewhere = join(dir, "data");
    await mkdir(elsewhere);
    const target = join(elsewhere, "real.log");
    const log = join(dir, "app.log");
    await writeFile(target, bytes(5));
    await symlink(target, log);
    const fired = await withTrigger({ patterns: [log], threshold: 10, checkMs: Infinity }, function* (next, watched) {
      yield* watched(log);
      yield* call(appendFile(target, bytes(50)));
      expect((yield* next()).paths).toEqual([log]);
    });
    expect(fired).toHaveLength(1);
  });

  it("falls back to polling every checkMs when watching fails with the watch limit, and says so once", async () => {
    const logs = [join(dir, "a.log"), join(dir, "b.log")];
    await Promise.all(logs.map((log) => writeFile(log, "")));
    const limited: WatchHost = {
      ...nodeWatchHost,
      watch() {
        throw Object.assign(new Error("ENOSPC: System limit for number of file watchers reached"), { code: "ENOSPC" });
      },
    };
    const warnings: string[] = [];
    const fired: { firing: Firing; ms: number }[] = [];
    const start = Date.UTC(2026, 0, 1);
    const clock = new VirtualClock({ autojump: true, start });
    const done = new Event();
    await run(function* () {
      const trigger = yield* spawn(
        sizeTrigger({ patterns: logs, threshold: 10, checkMs: 1000 }, {
          watcher: limited,
          onWarning: (message) => warnings.push(message),
          fire: (firing) => (fired.push({ firing, ms: clock.wallNow() - start }), done.set()),
        }),
      );
      yield* sleep(2500);
      yield* call(appendFile(logs[1]!, bytes(50)));
      yield* done.wait();
      trigger.cancel();
    }, { clock });
    expect(fired.map(({ firing, ms }) => [ms, firing.paths])).toEqual([[3000, [logs[1]]]]);
    expect(warnings).toEqual([
      // The logs exist, so their directory is not watched: the first watch tried is the first log's.
      `Cannot watch ${logs[0]} (ENOSPC: the system's limit of watches is reached); checking it every 1000 ms instead, and the same for any other path that hits the limit. Raise fs.inotify.max_user_watches (Linux) or the open-file limit to watch them all.`,
    ]);
  });
});
