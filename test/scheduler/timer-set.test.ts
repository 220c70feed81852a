import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Handle, HandleKind } from "../../src/scheduler/handle.js";
import { RingQueue } from "../../src/scheduler/ring-queue.js";
import { TimerSet } from "../../src/scheduler/timer-set.js";

const owner = { reportCallbackError: (): void => {} };

describe("TimerSet", () => {
  it("hands out live timers by deadline, FIFO for equal deadlines, in slices of at most `limit`", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.boolean()), { maxLength: 600 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 40 }),
        (spec, limit, now) => {
          const set = new TimerSet();
          const handles = spec.map(([deadline], id) => {
            const handle = new Handle(owner, HandleKind.Timer, deadline, () => {}, id);
            set.add(handle as Handle, deadline);
            return { handle, id, deadline };
          });
          spec.forEach(([, cancel], i) => cancel && handles[i]!.handle.cancel());
          const expected = handles
            .filter(({ handle, deadline }) => !handle.cancelled && deadline <= now)
            .sort((a, b) => a.deadline - b.deadline || a.id - b.id)
            .map(({ id }) => id);
          const ready = new RingQueue<{ run(): void }>();
          const got: number[] = [];
          for (;;) {
            set.moveDue(now, ready, limit);
            if (ready.length === 0) break;
            expect(ready.length).toBeLessThanOrEqual(limit);
            for (const h of ready.drainAll()) got.push(handles.findIndex(({ handle }) => handle === h));
          }
          expect(got).toEqual(expected);
          const later = handles.filter(({ handle, deadline }) => !handle.cancelled && deadline > now).map(({ deadline }) => deadline);
          expect(set.nextDeadline()).toBe(later.length ? Math.min(...later) : Infinity);
        },
      ),
    );
  });

  it("compacts once most timers are cancelled, keeping the live ones in order", () => {
    const set = new TimerSet();
    const handles = Array.from({ length: 3000 }, (_, i) => {
      const handle = new Handle(owner, HandleKind.Timer, i % 7, () => {}, i);
      set.add(handle as Handle, i % 7);
      return handle;
    });
    handles.forEach((h, i) => i % 10 !== 0 && h.cancel());
    const ready = new RingQueue<{ run(): void }>();
    set.moveDue(-1, ready, 10); // nothing due, but compaction runs
    expect(set.size).toBe(300);
    set.moveDue(10, ready, Infinity);
    const order = ready.drainAll().map((h) => (handles as unknown[]).indexOf(h));
    expect(order).toEqual(handles.map((_, i) => i).filter((i) => i % 10 === 0).sort((a, b) => (a % 7) - (b % 7) || a - b));
  });
});
