import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RingQueue } from "../../src/scheduler/ring-queue.js";

describe("RingQueue", () => {
  it("behaves as a FIFO under any mix of pushes and shifts, across growth", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer(), fc.constant(null)), { maxLength: 2000 }), (ops) => {
        const queue = new RingQueue<number>(16);
        const model: number[] = [];
        for (const op of ops) {
          if (op === null) expect(queue.shift()).toBe(model.shift());
          else {
            queue.push(op);
            model.push(op);
          }
          expect(queue.length).toBe(model.length);
        }
        expect(queue.drainAll()).toEqual(model);
      }),
    );
  });
});
