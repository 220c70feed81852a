import { describe, expect, it } from "vitest";
import { InvalidStateError, LoopClosedError, VirtualClock, createLoop, createTrace, getLoop, run, sleep, yieldNow } from "../../src/index.js";
import { virtualTime } from "./fixture.js";

describe("EventLoop callbacks", () => {
  it("runs callSoon callbacks in FIFO order, after those already queued", async () => {
    const t = virtualTime();
    const loop = t.loop();
    loop.callSoon(() => {
      t.record("a");
      loop.callSoon(() => t.record("c"));
    });
    loop.callSoon(() => t.record("b"));
    await loop.runUntilComplete(sleep(1));
    expect(t.events).toEqual(["a@0", "b@0", "c@0"]);
  });

  it("passes the argument given to callSoon and callLater", async () => {
    const t = virtualTime();
    const loop = t.loop();
    loop.callSoon((word) => t.record(word), "soon");
    loop.callLater(5, (n) => t.record(`later ${n}`), 42);
    await loop.runUntilComplete(sleep(10));
    expect(t.events).toEqual(["soon@0", "later 42@5"]);
  });

  it("fires timers by deadline and equal deadlines in the order they were set", async () => {
    const t = virtualTime();
    const loop = t.loop();
    loop.callLater(30, () => t.record("30a"));
    loop.callLater(10, () => t.record("10"));
    loop.callLater(30, () => t.record("30b"));
    loop.callAt(20, () => t.record("at20"));
    loop.callLater(-5, () => t.record("negative is now"));
    await loop.runUntilComplete(sleep(100));
    expect(t.events).toEqual(["negative is now@0", "10@10", "at20@20", "30a@30", "30b@30"]);
  });

  it("never runs a cancelled callback or timer", async () => {
    const t = virtualTime();
    const loop = t.loop();
    loop.callSoon(() => t.record("soon")).cancel();
    const timer = loop.callLater(10, () => t.record("timer"));
    loop.callLater(5, () => timer.cancel());
    await loop.runUntilComplete(sleep(20));
    expect(t.events).toEqual([]);
    expect(timer.cancelled).toBe(true);
  });

  it("reports a callback that throws and keeps running the others", async () => {
    const t = virtualTime();
    const loop = t.loop();
    loop.callSoon(() => {
      throw new Error("boom");
    });
    loop.callSoon(() => t.record("after"));
    await loop.runUntilComplete(sleep(1));
    expect(t.events).toEqual(["after@0"]);
    expect(t.errors.map((e) => [(e.error as Error).message, e.context])).toEqual([["boom", "a callback threw"]]);
  });

  it("stays correct when most timers are cancelled (heap compaction)", async () => {
    const t = virtualTime();
    const loop = t.loop();
    const handles = Array.from({ length: 2000 }, (_, i) => loop.callLater(1 + (i % 97), () => t.record(`t${i}`)));
    handles.forEach((h, i) => i % 50 !== 0 && h.cancel());
    await loop.runUntilComplete(sleep(200));
    const expected = handles
      .map((h, i) => ({ i, when: h.when }))
      .filter(({ i }) => i % 50 === 0)
      .sort((a, b) => a.when - b.when || a.i - b.i)
      .map(({ i, when }) => `t${i}@${when}`);
    expect(t.events).toEqual(expected);
  });

  it("does nothing until it runs, then stops where stop() is called", async () => {
    const t = virtualTime();
    const loop = t.loop();
    loop.callSoon(() => t.record("first"));
    loop.callSoon(() => {
      t.record("stopper");
      loop.stop();
    });
    loop.callSoon(() => t.record("next turn"));
    expect(t.events).toEqual([]);
    await loop.runForever();
    expect(t.events).toEqual(["first@0", "stopper@0"]);
    expect(loop.running).toBe(false);
    await loop.runUntilComplete(sleep(0));
    expect(t.events).toEqual(["first@0", "stopper@0", "next turn@0"]);
  });

  it("refuses to run twice at once, and to be used after close()", async () => {
    const t = virtualTime();
    const loop = t.loop();
    const forever = loop.runForever();
    expect(() => loop.runForever()).toThrow(InvalidStateError);
    expect(() => loop.close()).toThrow(InvalidStateError);
    loop.stop();
    await forever;
    loop.close();
    expect(() => loop.callSoon(() => {})).toThrow(LoopClosedError);
    expect(() => loop.createTask(sleep(1))).toThrow(/loop is closed/);
  });

  it("validates delays with a clear message", () => {
    const loop = createLoop({ clock: new VirtualClock() });
    expect(() => loop.callLater(Number.NaN, () => {})).toThrow("Expected `ms` to be a number of milliseconds, got `NaN` (number)");
  });

  it("waits for advance() on a virtual clock without autojump", async () => {
    const clock = new VirtualClock();
    const loop = createLoop({ clock });
    const seen: number[] = [];
    loop.callLater(100, () => seen.push(clock.now()));
    const done = loop.runUntilComplete(
      (function* () {
        yield* sleep(250);
        return clock.now();
      })(),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([]);
    clock.advance(150);
    clock.advance(150);
    expect(await done).toBe(300);
    expect(seen).toEqual([300]);
  });

  it("hands control back to the host while a long burst of steps runs", async () => {
    const loop = createLoop();
    let steps = 0;
    let stepsWhenHostRan = -1;
    await loop.runUntilComplete(
      (function* () {
        for (let i = 0; i < 300_000; i++) {
          // Queued behind the loop's own macrotask: it runs only if the loop hands control back.
          if (i === 1) setImmediate(() => (stepsWhenHostRan = steps));
          steps++;
          yield* yieldNow();
        }
      })(),
    );
    expect(stepsWhenHostRan).toBeGreaterThan(0);
    expect(stepsWhenHostRan).toBeLessThan(300_000);
  });
});

describe("trace", () => {
  it("records each step as a slice on its task's track, in Chrome trace-event format", async () => {
    const trace = createTrace();
    const clock = new VirtualClock({ autojump: true });
    await run(
      function* () {
        yield* sleep(10);
      },
      { clock, trace },
    );
    const { traceEvents } = trace.toJSON();
    const slices = traceEvents.filter((e) => e.ph === "X").map((e) => ({ cat: e.cat, loopTime: e.args?.loopTime, waitingOn: e.args?.waitingOn, state: e.args?.state }));
    expect(slices).toEqual([
      { cat: "task", loopTime: 0, waitingOn: "timer due at 10", state: "waiting" },
      { cat: "callback", loopTime: 10, waitingOn: undefined, state: undefined },
      { cat: "task", loopTime: 10, waitingOn: null, state: "succeeded" },
    ]);
    expect(traceEvents.filter((e) => e.ph === "M").map((e) => e.args?.name)).toEqual([expect.stringMatching(/^task-\d+$/), "callbacks"]);
  });
});

describe("getLoop()", () => {
  it("gives a task its loop, to read the injected clock", async () => {
    const t = virtualTime(Date.UTC(2026, 5, 1));
    const seen = await t.run(function* () {
      yield* sleep(1000);
      const loop = yield* getLoop();
      return [loop.time(), loop.clock.wallNow()];
    });
    expect(seen).toEqual([Date.UTC(2026, 5, 1) + 1000, Date.UTC(2026, 5, 1) + 1000]);
  });
});

describe("runUntilComplete()", () => {
  it("accepts a generator function, as run() does", async () => {
    const t = virtualTime();
    expect(
      await t.loop().runUntilComplete(function* () {
        yield* sleep(1);
        return "ok";
      }),
    ).toBe("ok");
  });
});
