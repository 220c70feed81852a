/** eachBounded and settleBounded: never more than `limit` under way, every item once, results in order. */
import { describe, expect, it } from "vitest";
import { eachBounded, settleBounded } from "../../src/rotate/bounded.js";

/** Work that records how much of it is under way at once, and finishes in a scrambled order. */
function tracked(): { work: (n: number) => Promise<number>; done: number[]; peak: () => number } {
  let running = 0;
  let peak = 0;
  const done: number[] = [];
  const work = async (n: number): Promise<number> => {
    peak = Math.max(peak, ++running);
    for (let turns = (n * 7) % 5; turns >= 0; turns--) await Promise.resolve();
    running--;
    done.push(n);
    if (n % 10 === 3) throw new Error(`item ${n}`);
    return n * 2;
  };
  return { work, done, peak: () => peak };
}

describe("eachBounded", () => {
  it("runs every item once with at most `limit` under way, then rejects with the first error", async () => {
    const { work, done, peak } = tracked();
    const items = Array.from({ length: 3 }, (_, n) => n * 10 + 1); // 1, 11, 21: none fails
    await eachBounded(items, 2, work);
    expect(done.sort((a, b) => a - b)).toEqual(items);
    expect(peak()).toBe(2);
    const failing = tracked();
    await expect(eachBounded([1, 2, 3, 4], 4, failing.work)).rejects.toThrow("item 3");
    expect(failing.done.sort()).toEqual([1, 2, 3, 4]); // all had started: each ran to its end
  });
});

describe("settleBounded", () => {
  it("says how each item went, in their order, with at most `limit` under way", async () => {
    const { work, peak } = tracked();
    const items = Array.from({ length: 40 }, (_, n) => n);
    const results = await settleBounded(items, 8, work);
    expect(peak()).toBe(8);
    expect(results).toEqual(items.map((n) => (n % 10 === 3 ? { status: "rejected", reason: new Error(`item ${n}`) } : { status: "fulfilled", value: n * 2 })));
  });
});
