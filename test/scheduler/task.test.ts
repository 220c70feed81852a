import { describe, expect, it } from "vitest";
import { CancelledError, InvalidStateError, run, shield, sleep, spawn, suspend, yieldNow, type Operation, type Task } from "../../src/index.js";
import { virtualTime } from "./fixture.js";

describe("tasks", () => {
  it("run() resolves with the operation's value, and accepts a generator function", async () => {
    const t = virtualTime();
    expect(
      await t.run(function* () {
        yield* sleep(5);
        return "done";
      }),
    ).toBe("done");
    expect(await run((function* () { return 1; })())).toBe(1); // prettier-ignore
  });

  it("run() rejects with the operation's error, with its stack intact", async () => {
    const t = virtualTime();
    function* failing(): Operation<never> {
      yield* sleep(1);
      throw new Error("broken");
    }
    const error = await t.run(failing).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("broken");
    expect((error as Error).stack).toContain("failing");
  });

  it("interleaves tasks cooperatively, in FIFO order at each yieldNow", async () => {
    const t = virtualTime();
    function* worker(name: string): Operation<void> {
      for (let i = 0; i < 3; i++) {
        t.record(`${name}${i}`);
        yield* yieldNow();
      }
    }
    await t.run(function* () {
      yield* spawn(worker("a"));
      yield* spawn(worker("b"));
    });
    expect(t.events).toEqual(["a0@0", "b0@0", "a1@0", "b1@0", "a2@0", "b2@0"]);
  });

  it("joins a child with yield* and gets its value; joining a finished task does not suspend", async () => {
    const t = virtualTime();
    const value = await t.run(function* () {
      const child = yield* spawn(
        (function* () {
          yield* sleep(10);
          return 21;
        })(),
      );
      const first = yield* child;
      t.record("joined");
      const second = yield* child; // already settled: returns at once
      t.record("joined again");
      return first + second;
    });
    expect(value).toBe(42);
    expect(t.events).toEqual(["joined@10", "joined again@10"]);
  });

  it("waits for its children when the body ends (a nursery)", async () => {
    const t = virtualTime();
    await t.run(function* () {
      yield* spawn(
        (function* () {
          yield* sleep(50);
          t.record("child done");
        })(),
      );
      t.record("body done");
    });
    t.record("run resolved");
    expect(t.events).toEqual(["body done@0", "child done@50", "run resolved@50"]);
  });

  it("a failing child cancels its siblings and the parent, and its error reaches the parent's joiner", async () => {
    const t = virtualTime();
    const error = await t
      .run(function* () {
        yield* spawn(
          (function* () {
            try {
              yield* sleep(100);
            } finally {
              t.record("sibling cleaned up");
            }
          })(),
        );
        yield* spawn(
          (function* () {
            yield* sleep(10);
            throw new Error("child failed");
          })(),
        );
        try {
          yield* sleep(1000);
        } finally {
          t.record("parent cancelled");
        }
      })
      .catch((e: Error) => e);
    expect((error as Error).message).toBe("child failed");
    expect(t.events).toEqual(["sibling cleaned up@10", "parent cancelled@10"]);
  });

  it("joining a failed child throws the child's error there", async () => {
    const t = virtualTime();
    const seen: unknown[] = [];
    const error = await t
      .run(function* () {
        const child = yield* spawn(
          (function* () {
            yield* sleep(1);
            throw new Error("child failed");
          })(),
        );
        try {
          yield* child;
        } catch (e) {
          seen.push((e as Error).message);
          throw e;
        }
      })
      .catch((e: Error) => e.message);
    expect(seen).toEqual(["child failed"]);
    expect(error).toBe("child failed");
  });

  it("cancelling a child explicitly is not a failure: the parent goes on, joining throws CancelledError", async () => {
    const t = virtualTime();
    const result = await t.run(function* () {
      const child = yield* spawn(suspend(), { name: "idle" });
      yield* sleep(5);
      child.cancel("not needed");
      const joined = yield* (function* () {
        try {
          yield* child;
          return "joined";
        } catch (e) {
          return `${(e as CancelledError).name}: ${(e as CancelledError).reason}`;
        }
      })();
      yield* sleep(5);
      return `${joined}; parent still running at ${t.clock.now()}; child is ${child.state}`;
    });
    expect(result).toBe("CancelledError: not needed; parent still running at 10; child is cancelled");
  });

  it("reports every error when several children fail, as an AggregateError", async () => {
    const t = virtualTime();
    const error = await t
      .run(function* () {
        for (const name of ["a", "b"]) {
          yield* spawn(
            (function* () {
              yield* shield(sleep(10));
              throw new Error(name);
            })(),
          );
        }
        yield* suspend();
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors.map((e: Error) => e.message).sort()).toEqual(["a", "b"]);
  });

  it("reports a root task that fails and that nobody joins", async () => {
    const t = virtualTime();
    const loop = t.loop();
    loop.createTask(
      (function* () {
        yield* sleep(1);
        throw new Error("lost?");
      })(),
      { name: "orphan" },
    );
    await loop.runUntilComplete(sleep(10));
    expect(t.errors.map((e) => [(e.error as Error).message, e.context])).toEqual([["lost?", 'task "orphan" failed and nobody joined it']]);
  });

  it("does not report a failed root task that is joined later in the same turn", async () => {
    const t = virtualTime();
    const loop = t.loop();
    const task = loop.createTask(
      (function* () {
        throw new Error("seen");
      })(),
    );
    const message = await loop.runUntilComplete(task).catch((e: Error) => e.message);
    expect(message).toBe("seen");
    expect(t.errors).toEqual([]);
  });

  it("refuses to join itself or an ancestor, which would never end", async () => {
    const t = virtualTime();
    const messages = await t.run(function* () {
      const out: string[] = [];
      // Declared first: the grandchild below refers to its own grandparent.
      let parent: Task<void> | undefined = undefined;
      parent = yield* spawn(
        (function* (): Operation<void> {
          const self = yield* spawn(
            (function* (): Operation<void> {
              try {
                yield* parent!;
              } catch (e) {
                out.push((e as Error).name);
              }
            })(),
          );
          yield* self;
        })(),
      );
      yield* parent;
      return out;
    });
    expect(messages).toEqual([InvalidStateError.name]);
  });

  it("turns a plain `yield` (missing star) into a clear TypeError inside the task", async () => {
    const t = virtualTime();
    const message = await t
      .run(function* (): Generator<unknown, void, unknown> {
        yield 5;
      } as never)
      .catch((e: Error) => e.message);
    expect(message).toMatch(/yielded 5; tasks suspend only with `yield\*`/);
  });

  it("shows each live task, its state, what it waits on and its parent", async () => {
    const t = virtualTime();
    const loop = t.loop();
    let snapshot: unknown;
    await loop.runUntilComplete(
      loop.createTask(
        (function* () {
          yield* spawn(sleep(100), { name: "sleeper" });
          const idler = yield* spawn(suspend(), { name: "idler" });
          yield* yieldNow();
          snapshot = loop.tasks().map(({ name, state, waitingOn, parent }) => ({ name, state, waitingOn, parent }));
          idler.cancel();
        })(),
        { name: "main" },
      ),
    );
    expect(snapshot).toEqual([
      { name: "main", state: "running", waitingOn: null, parent: null },
      { name: "sleeper", state: "waiting", waitingOn: "timer due at 100", parent: "main" },
      { name: "idler", state: "waiting", waitingOn: "suspend() (until cancelled)", parent: "main" },
    ]);
  });
});

describe("bad operations", () => {
  it("are refused with what was expected and what was given", async () => {
    const t = virtualTime();
    await expect(t.run(Promise.resolve(1) as never)).rejects.toThrow(
      "Expected `operation` to be an operation (a generator object, a generator function's result, or anything with [Symbol.iterator]), got `[object Promise]` (object)",
    );
    const message = await t
      .run(function* () {
        yield* spawn(42 as never);
      })
      .catch((e: Error) => e.message);
    expect(message).toMatch(/^Expected `operation` to be an operation .*, got `42` \(number\)$/);
  });
});
