/**
 * Property-based tests of the scheduler's ordering guarantees on random programs.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isCancelled, sleep, spawn, type Operation, type Task } from "../../src/index.js";
import { virtualTime } from "./fixture.js";

describe("scheduler properties", () => {
  it("runs no timer-woken task before its deadline, and equal deadlines in FIFO order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 20 })), { minLength: 1, maxLength: 60 }), async (plan) => {
        const t = virtualTime();
        const wakes: { id: number; deadline: number; requestedAt: number; woke: number }[] = [];
        await t.run(function* () {
          for (const [id, [startAfter, ms]] of plan.entries()) {
            yield* spawn(
              (function* () {
                yield* sleep(startAfter);
                const requestedAt = t.clock.now();
                yield* sleep(ms);
                wakes.push({ id, deadline: requestedAt + ms, requestedAt, woke: t.clock.now() });
              })(),
            );
          }
        });
        for (const w of wakes) expect(w.woke).toBeGreaterThanOrEqual(w.deadline);
        // Same deadline: the sleep requested first wakes first (ties broken by spawn order).
        for (let i = 1; i < wakes.length; i++) {
          const [a, b] = [wakes[i - 1]!, wakes[i]!];
          expect(a.deadline <= b.deadline).toBe(true);
          if (a.deadline === b.deadline) expect(a.requestedAt < b.requestedAt || (a.requestedAt === b.requestedAt && a.id < b.id)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  type Node = { sleep: number; fail: boolean; cancelAt: number | null; children: Node[] };
  const node: fc.Memo<Node> = fc.memo((depth) =>
    fc.record({
      sleep: fc.integer({ min: 0, max: 30 }),
      fail: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
      cancelAt: fc.option(fc.integer({ min: 0, max: 30 })),
      children: depth > 1 ? fc.array(node(depth - 1), { maxLength: 3 }) : fc.constant([]),
    }),
  );

  it("ends every spawned task exactly once, whatever fails or is cancelled, and leaves no task behind", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(node(4), { minLength: 1, maxLength: 4 }), async (forest) => {
        const t = virtualTime();
        const endings = new Map<number, number>();
        const tasks: Task<unknown>[] = [];
        let next = 0;
        function* body(n: Node, id: number): Operation<void> {
          try {
            for (const child of n.children) yield* start(child);
            yield* sleep(n.sleep);
            if (n.fail) throw new Error(`task ${id} failed`);
          } finally {
            endings.set(id, (endings.get(id) ?? 0) + 1);
          }
        }
        function* start(n: Node): Operation<void> {
          const id = next++;
          const task = yield* spawn(body(n, id));
          tasks.push(task);
          if (n.cancelAt !== null) {
            yield* spawn(
              (function* () {
                yield* sleep(n.cancelAt!);
                task.cancel();
              })(),
            );
          }
        }
        const loop = t.loop();
        const outcome = await loop
          .runUntilComplete(
            (function* () {
              for (const n of forest) yield* start(n);
            })(),
          )
          .then(
            () => "ok",
            (e: unknown) => (isCancelled(e) ? "cancelled" : "failed"),
          );
        expect([...endings.keys()].sort((a, b) => a - b)).toEqual(tasks.map((_, i) => i));
        expect([...endings.values()].every((count) => count === 1)).toBe(true);
        expect(tasks.every((task) => task.done)).toBe(true);
        expect(loop.tasks()).toEqual([]);
        const anyFailure = tasks.some((task) => task.state === "failed");
        expect(outcome === "failed").toBe(anyFailure);
      }),
      { numRuns: 200 },
    );
  });
});
