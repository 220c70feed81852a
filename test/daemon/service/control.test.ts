import { describe, expect, it } from "vitest";
import { DaemonControl, PendingWork } from "../../../src/daemon/index.js";
import { run, spawn, yieldNow } from "../../../src/scheduler/index.js";

describe("DaemonControl", () => {
  it("serves requests in order, merges pending reloads, and puts a stop first", async () => {
    const control = new DaemonControl();
    control.reload();
    control.reload();
    const seen = await run(function* () {
      const first = yield* control.next();
      control.reload();
      expect(control.stop()).toBe(true);
      expect(control.stop()).toBe(false);
      control.reload(); // ignored once stopping
      return [first, yield* control.next()];
    });
    expect(seen).toEqual(["reload", "stop"]);
  });

  it("wakes a waiting supervisor when a request arrives", async () => {
    const control = new DaemonControl();
    const seen = await run(function* () {
      const waiter = yield* spawn(control.next());
      yield* yieldNow();
      control.reload();
      return yield* waiter;
    });
    expect(seen).toBe("reload");
  });
});

describe("PendingWork", () => {
  it("coalesces firings that arrive while the job is busy into one batch", async () => {
    const work = new PendingWork();
    const batch = await run(function* () {
      work.add({ trigger: "every 30s", at: 1 });
      work.add({ trigger: "every 30s", at: 2 });
      work.add({ trigger: "size > 10", at: 3, paths: ["/a"] });
      work.add({ trigger: "size > 10", at: 4, paths: ["/a", "/b"] });
      work.retry(["/c"]);
      return yield* work.take();
    });
    expect(batch.scheduled).toEqual({ trigger: "every 30s", at: 1 });
    expect([...batch.paths]).toEqual(["/a", "/b"]);
    expect([...batch.retries]).toEqual(["/c"]);
    expect(batch.firings).toHaveLength(4);
    expect(work.pending).toBe(false);
  });

  it("keeps at most 16 firings of a burst for the log", async () => {
    const work = new PendingWork();
    const batch = await run(function* () {
      for (let i = 0; i < 100; i++) work.add({ trigger: "size", at: i, paths: ["/a"] });
      return yield* work.take();
    });
    expect(batch.firings).toHaveLength(16);
    expect([...batch.paths]).toEqual(["/a"]);
  });
});
