/**
 * StateStore on the in-memory host, in virtual time: logrotate's first-sight rule, a
 * durable write after each record (grouped when records arrive together), entries
 * forgotten after a solar year, and the lock held from open to close.
 */
import { describe, expect, it } from "vitest";
import { StateLockedError, StateReadError, StateStore, StateWriteError, type StateStoreOptions } from "../../../src/daemon/state/index.js";
import { run, spawn, VirtualClock, type Operation } from "../../../src/scheduler/index.js";
import { MemoryStateFs } from "./support/memory-state-fs.js";

const STATE = "/var/lib/rotor/status";
const START = Date.UTC(2026, 2, 15, 10, 20, 30);
const HEADER = "logrotate state -- version 2\n";

function inVirtualTime<T>(operation: () => Operation<T>): Promise<T> {
  return run(operation, { clock: new VirtualClock({ autojump: true, start: START }) });
}

function* withStore<T>(fs: MemoryStateFs, body: (store: StateStore) => Operation<T>, options: StateStoreOptions = {}): Operation<T> {
  const store = yield* StateStore.open(STATE, { fs, timeZone: "UTC", ...options });
  try {
    return yield* body(store);
  } finally {
    yield* store.close();
  }
}

const stateText = (fs: MemoryStateFs): string | undefined => fs.files.get(STATE)?.data;

describe("StateStore", () => {
  it("records a log seen for the first time at the start of the hour, as logrotate does, and writes it on close", async () => {
    const fs = new MemoryStateFs();
    await inVirtualTime(() =>
      withStore(fs, function* (store) {
        expect(store.firstSight("/var/log/a.log", START)).toBe(Date.UTC(2026, 2, 15, 10, 0, 0));
        expect(store.firstSight("/var/log/a.log", START + 3_600_000)).toBe(Date.UTC(2026, 2, 15, 10, 0, 0));
        expect(fs.files.has(STATE)).toBe(false); // cheap: not written yet
      }),
    );
    expect(stateText(fs)).toBe(`${HEADER}"/var/log/a.log" 2026-3-15-10:0:0\n`);
    expect(fs.files.has(`${STATE}.lock`)).toBe(false);
  });

  it("takes the first sight's hour in local time, in zones with half-hour offsets too", async () => {
    const fs = new MemoryStateFs();
    const seen = await inVirtualTime(() => withStore(fs, function* (store) { return store.firstSight("/a", START); }, { timeZone: "Asia/Kolkata" }));
    expect(seen).toBe(Date.UTC(2026, 2, 15, 9, 30, 0)); // 15:00 in Kolkata
    expect(stateText(fs)).toBe(`${HEADER}"/a" 2026-3-15-15:0:0\n`);
  });

  it("writes the state durably after each record, to the second", async () => {
    const fs = new MemoryStateFs();
    const texts: Array<string | undefined> = [];
    await inVirtualTime(() =>
      withStore(fs, function* (store) {
        store.firstSight("/b", START);
        yield* store.record("/a", START + 999);
        texts.push(stateText(fs));
        yield* store.record("/a", START + 60_000);
        texts.push(stateText(fs));
        expect(store.get("/a")).toBe(START + 60_000);
      }),
    );
    // In logrotate's table order: "/a" hashes to bucket 4, "/b" to 5.
    expect(texts).toEqual([`${HEADER}"/a" 2026-3-15-10:20:30\n"/b" 2026-3-15-10:0:0\n`, `${HEADER}"/a" 2026-3-15-10:21:30\n"/b" 2026-3-15-10:0:0\n`]);
    expect(fs.ops.filter((op) => op.startsWith("rename"))).toHaveLength(2); // close had nothing left to write
  });

  it("groups the records that arrive while a write is on the disk into the next write", async () => {
    const fs = new MemoryStateFs();
    await inVirtualTime(() =>
      withStore(fs, function* (store) {
        const tasks = [];
        for (let i = 0; i < 10; i++) tasks.push(yield* spawn(store.record(`/var/log/${i}.log`, START)));
        for (const task of tasks) yield* task;
      }),
    );
    expect(fs.ops.filter((op) => op.startsWith("rename"))).toEqual([`rename ${STATE}.tmp ${STATE}`, `rename ${STATE}.tmp ${STATE}`]);
    expect(stateText(fs)!.split("\n")).toHaveLength(12);
  });

  it("forgets an entry that is not a configured log once it is more than a solar year old", async () => {
    const fs = new MemoryStateFs();
    const year = 31_556_926_000;
    const line = (path: string, ms: number) => {
      const d = new Date(ms);
      return `"${path}" ${d.getUTCFullYear()}-${d.getUTCMonth() + 1}-${d.getUTCDate()}-${d.getUTCHours()}:${d.getUTCMinutes()}:${d.getUTCSeconds()}\n`;
    };
    fs.files.set(STATE, { data: HEADER + line("/old-unused", START - year - 1000) + line("/year-unused", START - year) + line("/old-configured", START - year - 1000), mode: 0o600 });
    await inVirtualTime(() => withStore(fs, function* (store) { yield* store.record("/new", START); }, { logs: ["/old-configured"] }));
    expect(stateText(fs)).not.toContain("/old-unused");
    expect(stateText(fs)).toContain("/year-unused");
    expect(stateText(fs)).toContain("/old-configured");
  });

  it("reports the problems of the state file it read, and keeps the good entries", async () => {
    const fs = new MemoryStateFs();
    fs.files.set(STATE, { data: `${HEADER}"/a" 2026-1-1\nbad line here\n"/b" 2026-1-2\n`, mode: 0o600 });
    const problems = await inVirtualTime(() => withStore(fs, function* (store) { return store.problems.map((p) => p.message.split(": ")[0]); }));
    expect(problems).toEqual([`${STATE}:3:5`]);
  });

  it("refuses to open, and releases its lock, when the file is plainly not a state file", async () => {
    const fs = new MemoryStateFs();
    fs.files.set(STATE, { data: "Mar 15 10:00:00 host sshd[1]: Accepted publickey\n", mode: 0o644 });
    const error = await inVirtualTime(() => StateStore.open(STATE, { fs })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateReadError);
    expect((error as Error).message).toBe(
      `error reading state file ${STATE}: it is not a logrotate state file (no \`logrotate state -- version 2\` line, no entry); check -s/--state. rotor leaves it as it is`,
    );
    expect(fs.files.has(`${STATE}.lock`)).toBe(false);
  });

  it("refuses changes once closed", async () => {
    const fs = new MemoryStateFs();
    const error = await inVirtualTime(function* () {
      const store = yield* StateStore.open(STATE, { fs });
      yield* store.close();
      yield* store.close();
      return (() => {
        try {
          store.firstSight("/a", START);
        } catch (e) {
          return e;
        }
      })();
    });
    expect(error).toMatchObject({ code: "ERR_STATE_CLOSED", message: `the state file ${STATE} was closed; open a new StateStore to change it` });
  });

  it("holds the lock from open to close", async () => {
    const fs = new MemoryStateFs();
    const other = fs.sibling(5353);
    fs.alive.add(4242);
    const error = await inVirtualTime(() =>
      withStore(fs, function* () {
        try {
          yield* StateStore.open(STATE, { fs: other });
        } catch (e) {
          return e;
        }
      }),
    );
    expect(error).toBeInstanceOf(StateLockedError);
    expect(fs.files.has(`${STATE}.lock`)).toBe(false);
  });

  it("keeps the old state file when a write fails, and writes the record with the next one", async () => {
    const fs = new MemoryStateFs();
    const old = `${HEADER}"/a" 2026-1-1-0:0:0\n`;
    fs.files.set(STATE, { data: old, mode: 0o600 });
    await inVirtualTime(() =>
      withStore(fs, function* (store) {
        fs.faults.set("rename", "EIO");
        const error: unknown = yield* (function* () {
          try {
            yield* store.record("/b", START);
          } catch (e) {
            return e;
          }
        })();
        expect(error).toBeInstanceOf(StateWriteError);
        expect(stateText(fs)).toBe(old);
        expect([...fs.files.keys()]).toEqual([STATE, `${STATE}.lock`]);
      }),
    );
    expect(stateText(fs)).toBe(`${old}"/b" 2026-3-15-10:20:30\n`);
  });
});
