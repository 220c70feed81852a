import { describe, expect, it } from "vitest";
import { Condition, Event, InvalidStateError, Lock, Queue, QueueClosedError, Semaphore, sleep, spawn, type Operation } from "../../src/index.js";
import { virtualTime } from "./fixture.js";

describe("Event", () => {
  it("wakes every waiter on set(), and returns at once while set", async () => {
    const t = virtualTime();
    const event = new Event();
    await t.run(function* () {
      for (const name of ["a", "b"]) {
        yield* spawn(
          (function* () {
            yield* event.wait();
            t.record(name);
          })(),
        );
      }
      yield* sleep(10);
      event.set();
      yield* sleep(1);
      yield* event.wait();
      t.record("already set");
      event.clear();
      expect(event.isSet).toBe(false);
    });
    expect(t.events).toEqual(["a@10", "b@10", "already set@11"]);
  });
});

describe("Lock", () => {
  it("gives the lock to waiters in arrival order, one at a time", async () => {
    const t = virtualTime();
    const lock = new Lock();
    function* worker(name: string): Operation<void> {
      yield* lock.use(
        (function* () {
          t.record(`${name} in`);
          yield* sleep(10);
          t.record(`${name} out`);
        })(),
      );
    }
    await t.run(function* () {
      for (const name of ["a", "b", "c"]) yield* spawn(worker(name));
    });
    expect(t.events).toEqual(["a in@0", "a out@10", "b in@10", "b out@20", "c in@20", "c out@30"]);
  });

  it("skips a waiter cancelled while queued, so the lock is not lost", async () => {
    const t = virtualTime();
    const lock = new Lock();
    await t.run(function* () {
      yield* lock.acquire();
      const cancelled = yield* spawn(lock.use(sleep(1)));
      const next = yield* spawn(
        lock.use(
          (function* () {
            t.record("next got the lock");
          })(),
        ),
      );
      yield* sleep(5);
      cancelled.cancel();
      lock.release();
      yield* next;
    });
    expect(t.events).toEqual(["next got the lock@5"]);
    expect(lock.locked).toBe(false);
  });

  it("refuses a release by a task that does not hold it", async () => {
    const t = virtualTime();
    const lock = new Lock();
    const message = await t.run(function* () {
      yield* spawn(lock.use(sleep(10)));
      yield* sleep(1);
      try {
        lock.release();
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    });
    expect(message).toMatch(/^InvalidStateError: Lock.release\(\) by task "task-\d+", but task "task-\d+" holds it$/);
  });
});

describe("Semaphore", () => {
  it("lets at most N holders in at once", async () => {
    const t = virtualTime();
    const semaphore = new Semaphore(2);
    let inside = 0;
    let most = 0;
    await t.run(function* () {
      for (let i = 0; i < 6; i++) {
        yield* spawn(
          semaphore.use(
            (function* () {
              most = Math.max(most, ++inside);
              yield* sleep(10);
              inside--;
            })(),
          ),
        );
      }
    });
    expect(most).toBe(2);
    expect(t.clock.now()).toBe(30);
  });

  it("rejects a bad permit count and an extra release", () => {
    expect(() => new Semaphore(0)).toThrow("Expected `permits` to be an integer >= 1, got `0` (number)");
    expect(() => new Semaphore(1).release()).toThrow(InvalidStateError);
  });
});

describe("Condition", () => {
  it("releases the lock while waiting and holds it again on return", async () => {
    const t = virtualTime();
    const condition = new Condition();
    const items: number[] = [];
    await t.run(function* () {
      yield* spawn(
        condition.use(
          (function* () {
            yield* condition.waitFor(() => items.length > 0);
            t.record(`consumer saw ${items.join()} holding=${condition.lock.locked}`);
          })(),
        ),
      );
      yield* sleep(10);
      yield* condition.use(
        (function* () {
          items.push(1);
          condition.notifyAll();
        })(),
      );
    });
    expect(t.events).toEqual(["consumer saw 1 holding=true@10"]);
  });

  it("refuses wait() without the lock", async () => {
    const t = virtualTime();
    await expect(t.run(new Condition().wait())).rejects.toThrow(/needs the condition's lock/);
  });
});

describe("Queue", () => {
  it("blocks put while full and get while empty, preserving order", async () => {
    const t = virtualTime();
    const queue = new Queue<number>(2);
    const got: string[] = [];
    await t.run(function* () {
      yield* spawn(
        (function* () {
          for (let i = 1; i <= 5; i++) {
            yield* queue.put(i);
            t.record(`put ${i}`);
          }
        })(),
      );
      yield* sleep(10);
      for (let i = 0; i < 5; i++) got.push(`${yield* queue.get()}@${t.clock.now()}`);
    });
    expect(got).toEqual(["1@10", "2@10", "3@10", "4@10", "5@10"]);
    expect(t.events).toEqual(["put 1@0", "put 2@0", "put 3@10", "put 4@10", "put 5@10"]);
  });

  it("is a rendezvous with capacity 0", async () => {
    const t = virtualTime();
    const queue = new Queue<string>(0);
    await t.run(function* () {
      yield* spawn(
        (function* () {
          yield* queue.put("x");
          t.record("handed over");
        })(),
      );
      yield* sleep(10);
      t.record(`got ${yield* queue.get()}`);
    });
    expect(t.events).toEqual(["got x@10", "handed over@10"]);
  });

  it("after close(), drains what is queued, then get and put throw", async () => {
    const t = virtualTime();
    const queue = new Queue<number>();
    const out = await t.run(function* () {
      yield* queue.put(1);
      queue.close();
      const first = yield* queue.get();
      const errors: string[] = [];
      for (const op of [queue.get(), queue.put(2)]) {
        try {
          yield* op;
        } catch (e) {
          errors.push((e as Error).name);
        }
      }
      return { first, errors };
    });
    expect(out).toEqual({ first: 1, errors: [QueueClosedError.name, QueueClosedError.name] });
  });

  it("wakes a waiting getter with QueueClosedError on close()", async () => {
    const t = virtualTime();
    const queue = new Queue<number>();
    const name = await t.run(function* () {
      const getter = yield* spawn(
        (function* () {
          try {
            yield* queue.get();
          } catch (e) {
            return (e as Error).name;
          }
        })(),
      );
      yield* sleep(1);
      queue.close();
      return yield* getter;
    });
    expect(name).toBe(QueueClosedError.name);
  });

  it("loses no item when a getter it was handed to is cancelled before it runs", async () => {
    const t = virtualTime();
    const queue = new Queue<string>();
    const result = await t.run(function* () {
      const getter = yield* spawn(queue.get());
      yield* sleep(1);
      queue.tryPut("precious");
      getter.cancel();
      return yield* getter;
    });
    expect(result).toBe("precious");
  });
});
