import { describe, expect, it } from "vitest";
import { CancelledError, isCancelled, shield, sleep, spawn, suspend, yieldNow, type Operation } from "../../src/index.js";
import { virtualTime } from "./fixture.js";

describe("cancellation", () => {
  it("is delivered with generator.throw at the suspension point, and finally blocks run", async () => {
    const t = virtualTime();
    await t.run(function* () {
      const child = yield* spawn(
        (function* () {
          try {
            yield* sleep(100);
            t.record("not reached");
          } catch (e) {
            t.record(`caught ${(e as Error).name}`);
            throw e;
          } finally {
            t.record("finally");
          }
        })(),
      );
      yield* sleep(10);
      child.cancel();
    });
    expect(t.events).toEqual(["caught CancelledError@10", "finally@10"]);
  });

  it("is level-triggered: a catch cannot swallow it, every later suspension throws again", async () => {
    const t = virtualTime();
    await t.run(function* () {
      const child = yield* spawn(
        (function* () {
          for (let i = 0; i < 3; i++) {
            try {
              yield* sleep(100);
            } catch (e) {
              t.record(`swallowed ${isCancelled(e)}`);
            }
          }
          t.record("loop ended");
          yield* yieldNow();
          t.record("not reached");
        })(),
      );
      yield* sleep(10);
      child.cancel();
      yield* (function* () {
        try {
          yield* child;
        } catch (e) {
          t.record(`joined: ${(e as Error).name}`);
        }
      })();
    });
    expect(t.events).toEqual(["swallowed true@10", "swallowed true@10", "swallowed true@10", "loop ended@10", "joined: CancelledError@10"]);
  });

  it("a task cancelled before its first step runs until its first suspension point", async () => {
    const t = virtualTime();
    await t.run(function* () {
      const child = yield* spawn(
        (function* () {
          t.record("started");
          yield* sleep(1);
          t.record("not reached");
        })(),
      );
      child.cancel();
      expect(child.state).toBe("pending");
    });
    expect(t.events).toEqual(["started@0"]);
  });

  it("children spawned by a cancelled parent start cancelled", async () => {
    const t = virtualTime();
    await t.run(function* () {
      const parent = yield* spawn(
        (function* () {
          try {
            yield* suspend();
          } finally {
            const late = yield* spawn(
              (function* () {
                try {
                  yield* sleep(1);
                } catch (e) {
                  t.record(`late child: ${(e as Error).name}`);
                }
              })(),
            );
            yield* shield(late);
          }
        })(),
      );
      yield* sleep(5);
      parent.cancel();
    });
    expect(t.events).toEqual(["late child: CancelledError@5"]);
  });

  it("shield() lets async cleanup finish, then the cancellation fires at the next suspension", async () => {
    const t = virtualTime();
    await t.run(function* () {
      const child = yield* spawn(
        (function* () {
          try {
            yield* suspend();
          } finally {
            yield* shield(sleep(20));
            t.record("cleanup finished");
            try {
              yield* sleep(1);
            } catch (e) {
              t.record(`unshielded: ${(e as Error).name}`);
            }
          }
        })(),
      );
      yield* sleep(10);
      child.cancel();
    });
    expect(t.events).toEqual(["cleanup finished@30", "unshielded: CancelledError@30"]);
  });

  it("shield() holds off a cancellation that arrives while it runs", async () => {
    const t = virtualTime();
    await t.run(function* () {
      const child = yield* spawn(
        (function* () {
          yield* shield(
            (function* () {
              yield* sleep(50);
              t.record("critical section done");
            })(),
          );
          t.record("after shield");
          yield* sleep(1);
          t.record("not reached");
        })(),
      );
      yield* sleep(10);
      child.cancel();
    });
    expect(t.events).toEqual(["critical section done@50", "after shield@50"]);
  });

  it("protects children spawned inside a shield until it ends", async () => {
    const t = virtualTime();
    await t.run(function* () {
      const child = yield* spawn(
        (function* () {
          yield* shield(
            (function* () {
              const helper = yield* spawn(
                (function* () {
                  yield* sleep(30);
                  t.record("helper finished");
                })(),
              );
              yield* helper;
            })(),
          );
          yield* sleep(1);
        })(),
      );
      yield* sleep(10);
      child.cancel();
    });
    expect(t.events).toEqual(["helper finished@30"]);
  });

  it("is never lost when async cleanup happens inside a yield*-delegated helper (Effection #1185)", async () => {
    const t = virtualTime();
    function* helper(): Operation<void> {
      try {
        yield* suspend();
      } finally {
        yield* shield(sleep(5));
        t.record("helper cleaned up");
      }
    }
    await t.run(function* () {
      const child = yield* spawn(
        (function* () {
          yield* helper();
          t.record("code after the helper ran: cancellation lost");
        })(),
      );
      yield* sleep(10);
      child.cancel();
      try {
        yield* child;
      } catch (e) {
        t.record(`child ended: ${(e as Error).name}`);
      }
    });
    expect(t.events).toEqual(["helper cleaned up@15", "child ended: CancelledError@15"]);
  });

  it("cancelling a parent cancels its children, newest first, and the parent waits for them", async () => {
    const t = virtualTime();
    await t.run(function* () {
      const parent = yield* spawn(
        (function* () {
          for (const name of ["first", "second"]) {
            yield* spawn(
              (function* () {
                try {
                  yield* suspend();
                } finally {
                  yield* shield(sleep(name === "first" ? 20 : 10));
                  t.record(`${name} stopped`);
                }
              })(),
            );
          }
          yield* suspend();
        })(),
      );
      yield* sleep(1);
      parent.cancel();
      yield* (function* () {
        try {
          yield* parent;
        } catch {
          t.record(`parent ${parent.state}`);
        }
      })();
    });
    expect(t.events).toEqual(["second stopped@11", "first stopped@21", "parent cancelled@21"]);
  });

  it("passes the reason along in CancelledError", async () => {
    const t = virtualTime();
    const reason = await t.run(function* () {
      const child = yield* spawn(suspend());
      child.cancel("shutting down");
      try {
        yield* child;
      } catch (e) {
        return (e as CancelledError).reason;
      }
    });
    expect(reason).toBe("shutting down");
  });

  it("a task that catches the cancellation and returns without suspending succeeds", async () => {
    const t = virtualTime();
    const value = await t.run(function* () {
      const child = yield* spawn(
        (function* () {
          try {
            yield* suspend();
          } catch {
            return "recovered";
          }
        })(),
      );
      yield* sleep(1);
      child.cancel();
      return yield* child;
    });
    expect(value).toBe("recovered");
  });
});
