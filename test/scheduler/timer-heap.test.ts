import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TimerHeap } from "../../src/scheduler/timer-heap.js";

type Entry = { id: number; deadline: number };

/** The reference order: by deadline, then by insertion (sequence). */
function sorted(entries: Entry[]): number[] {
  return [...entries].sort((a, b) => a.deadline - b.deadline || a.id - b.id).map((e) => e.id);
}

function drain(heap: TimerHeap<Entry>): number[] {
  const out: number[] = [];
  for (let e = heap.pop(); e; e = heap.pop()) out.push(e.id);
  return out;
}

describe("TimerHeap", () => {
  it("pops entries by deadline, and equal deadlines in insertion order", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (deadlines) => {
        const heap = new TimerHeap<Entry>();
        const entries = deadlines.map((deadline, id) => ({ id, deadline }));
        for (const e of entries) heap.push(e, e.deadline, e.id);
        expect(drain(heap)).toEqual(sorted(entries));
      }),
    );
  });

  it("keeps its order under interleaved pushes and pops", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(null)), { maxLength: 400 }),
        (ops) => {
          const heap = new TimerHeap<Entry>();
          const live: Entry[] = [];
          let id = 0;
          for (const op of ops) {
            if (op === null) {
              const expected = sorted(live)[0];
              const got = heap.pop();
              expect(got?.id).toBe(expected);
              if (got) live.splice(live.indexOf(got), 1);
            } else {
              const e = { id: id++, deadline: op };
              live.push(e);
              heap.push(e, e.deadline, e.id);
            }
            expect(heap.size).toBe(live.length);
            expect(heap.peekDeadline()).toBe(live.length ? Math.min(...live.map((e) => e.deadline)) : Infinity);
          }
        },
      ),
    );
  });

  it("retain() keeps exactly the chosen entries, still in order", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean()), { maxLength: 300 }), (spec) => {
        const heap = new TimerHeap<Entry & { keep: boolean }>();
        const entries = spec.map(([deadline, keep], id) => ({ id, deadline, keep }));
        for (const e of entries) heap.push(e, e.deadline, e.id);
        heap.retain((e) => e.keep);
        expect(drain(heap as unknown as TimerHeap<Entry>)).toEqual(sorted(entries.filter((e) => e.keep)));
      }),
    );
  });

  it("is empty with an infinite next deadline", () => {
    const heap = new TimerHeap<Entry>();
    expect(heap.peekDeadline()).toBe(Infinity);
    expect(heap.pop()).toBeUndefined();
  });
});
