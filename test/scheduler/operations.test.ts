import { describe, expect, it } from "vitest";
import {
  CancelledError,
  TimeoutError,
  all,
  call,
  race,
  shield,
  sleep,
  sleepUntil,
  spawn,
  suspend,
  timeout,
  yieldNow,
  type Operation,
} from "../../src/index.js";
import { virtualTime } from "./fixture.js";

function* after<T>(ms: number, value: T): Operation<T> {
  yield* sleep(ms);
  return value;
}

function* failAfter(ms: number, message: string): Operation<never> {
  yield* sleep(ms);
  throw new Error(message);
}

describe("all()", () => {
  it("returns every result in order, typed per position", async () => {
    const t = virtualTime();
    const result = await t.run(function* () {
      const [a, b, c] = yield* all([after(30, "a"), after(10, 2), after(20, true)]);
      t.record("all done");
      return { a, b, c };
    });
    expect(result).toEqual({ a: "a", b: 2, c: true });
    expect(t.events).toEqual(["all done@30"]);
  });

  it("returns [] for no operations", async () => {
    const t = virtualTime();
    expect(await t.run(all([]))).toEqual([]);
  });

  it("cancels the others when one fails, and throws the error to the caller, who can catch it", async () => {
    const t = virtualTime();
    const outcome = await t.run(function* () {
      try {
        yield* all([
          failAfter(10, "one failed"),
          (function* () {
            try {
              yield* sleep(100);
            } finally {
              t.record("other cancelled");
            }
          })(),
        ]);
        return "not reached";
      } catch (e) {
        return `caught: ${(e as Error).message}`;
      }
    });
    expect(outcome).toBe("caught: one failed");
    expect(t.events).toEqual(["other cancelled@10"]);
  });

  it("throws an AggregateError when several fail at once", async () => {
    const t = virtualTime();
    const error = await t.run(all([failAfter(5, "x"), failAfter(5, "y")])).catch((e: unknown) => e);
    expect((error as AggregateError).errors.map((e: Error) => e.message)).toEqual(["x", "y"]);
  });

  it("ends with CancelledError when the caller is cancelled, after its children have ended", async () => {
    const t = virtualTime();
    await t.run(function* () {
      const caller = yield* spawn(
        (function* () {
          try {
            yield* all([
              (function* () {
                try {
                  yield* suspend();
                } finally {
                  yield* shield(sleep(5));
                  t.record("child cleaned up");
                }
              })(),
            ]);
          } catch (e) {
            t.record(`all threw ${(e as Error).name}`);
          }
        })(),
      );
      yield* sleep(10);
      caller.cancel();
    });
    expect(t.events).toEqual(["child cleaned up@15", "all threw CancelledError@15"]);
  });
});

describe("race()", () => {
  it("returns the first value and cancels the rest, waiting for them to end", async () => {
    const t = virtualTime();
    const value = await t.run(function* () {
      const winner = yield* race([
        after(10, "fast"),
        (function* () {
          try {
            yield* sleep(50);
            return "slow";
          } finally {
            yield* shield(sleep(3));
            t.record("slow one stopped");
          }
        })(),
      ]);
      t.record(`won: ${winner}`);
      return winner;
    });
    expect(value).toBe("fast");
    expect(t.events).toEqual(["slow one stopped@13", "won: fast@13"]);
  });

  it("throws the first error when it comes first", async () => {
    const t = virtualTime();
    const message = await t.run(race([failAfter(1, "lost"), after(10, "late")])).catch((e: Error) => e.message);
    expect(message).toBe("lost");
  });

  it("refuses an empty race", async () => {
    const t = virtualTime();
    await expect(t.run(race([]))).rejects.toThrow(RangeError);
  });
});

describe("timeout()", () => {
  it("returns the value when the operation ends in time", async () => {
    const t = virtualTime();
    expect(await t.run(timeout(100, after(50, "in time")))).toBe("in time");
    expect(t.clock.now()).toBe(50);
  });

  it("cancels the operation and throws TimeoutError when it does not", async () => {
    const t = virtualTime();
    const error = await t
      .run(function* () {
        return yield* timeout(
          100,
          (function* () {
            try {
              yield* suspend();
            } finally {
              t.record("operation cancelled");
            }
          })(),
        );
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toBe("The operation did not finish within 100 ms");
    expect(t.events).toEqual(["operation cancelled@100"]);
  });

  it("passes the operation's own error through", async () => {
    const t = virtualTime();
    await expect(t.run(timeout(100, failAfter(10, "own")))).rejects.toThrow("own");
  });

  it("is a CancelledError, not a TimeoutError, when the caller is cancelled", async () => {
    const t = virtualTime();
    const name = await t.run(function* () {
      const caller = yield* spawn(timeout(100, suspend()));
      yield* sleep(10);
      caller.cancel();
      try {
        yield* caller;
      } catch (e) {
        return (e as Error).name;
      }
    });
    expect(name).toBe(CancelledError.name);
  });
});

describe("call()", () => {
  it("waits for a promise and returns its value, or throws its rejection", async () => {
    const t = virtualTime();
    const out = await t.run(function* () {
      const value = yield* call(Promise.resolve(7));
      try {
        yield* call(Promise.reject(new Error("rejected")));
      } catch (e) {
        return `${value} ${(e as Error).message}`;
      }
    });
    expect(out).toBe("7 rejected");
  });

  it("aborts the signal when the task is cancelled", async () => {
    const t = virtualTime();
    let signal: AbortSignal | undefined;
    await t.run(function* () {
      const child = yield* spawn(call((s) => ((signal = s), new Promise<never>(() => {}))));
      // Not sleep(): autojump rightly waits for the child's pending host I/O.
      yield* yieldNow();
      expect(signal?.aborted).toBe(false);
      child.cancel();
    });
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBeInstanceOf(CancelledError);
  });

  it("makes autojump wait for pending host I/O, and not for I/O nobody awaits any more", async () => {
    const t = virtualTime();
    const when = await t.run(function* () {
      yield* spawn(sleep(1000));
      const hung = yield* spawn(call(new Promise<never>(() => {})));
      yield* call(new Promise<void>((resolve) => setImmediate(resolve)));
      const afterIO = t.clock.now();
      hung.cancel();
      return afterIO;
    });
    expect(when).toBe(0);
    expect(t.clock.now()).toBe(1000);
  });

  it("rejects what is not a promise with a clear message", async () => {
    const t = virtualTime();
    await expect(t.run(call(42 as never))).rejects.toThrow("Expected `source` to be a promise or a function returning one, got `42` (number)");
  });
});

describe("sleepUntil()", () => {
  const start = Date.UTC(2026, 0, 1);

  it("wakes at a wall-clock instant", async () => {
    const t = virtualTime(start);
    await t.run(sleepUntil(new Date(start + 3_600_000)));
    expect(t.clock.wallNow()).toBe(start + 3_600_000);
  });

  it("wakes at once when the wall clock jumps past the deadline (a suspended laptop)", async () => {
    const t = virtualTime(start);
    const midnight = start + 86_400_000;
    await t.run(function* () {
      yield* spawn(
        (function* () {
          yield* sleep(1000);
          t.clock.jumpWall(midnight - start + 9 * 3_600_000); // slept through midnight until 09:00
        })(),
      );
      yield* sleepUntil(midnight);
      t.record("woke");
    });
    expect(t.events).toEqual(["woke@1000"]);
  });

  it("keeps sleeping when the wall clock is stepped back", async () => {
    const t = virtualTime(start);
    await t.run(function* () {
      yield* spawn(
        (function* () {
          yield* sleep(1000);
          t.clock.jumpWall(-60_000);
        })(),
      );
      yield* sleepUntil(start + 10_000);
      t.record("woke");
    });
    expect(t.events).toEqual(["woke@70000"]);
  });
});

