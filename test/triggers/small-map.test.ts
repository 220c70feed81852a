/** SmallMap against a Map: the same answers for any sequence of sets and deletes, small or past its limit. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SmallMap } from "../../src/triggers/small-map.js";

type Op = { kind: "set"; key: number; value: number } | { kind: "delete"; key: number } | { kind: "clear" };

const op = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("set" as const), key: fc.integer({ min: 0, max: 20 }), value: fc.integer() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("delete" as const), key: fc.integer({ min: 0, max: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("clear" as const) }) },
);

describe("SmallMap", () => {
  it("answers as a Map does after any sequence of sets, deletes and clears", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops: Op[]) => {
        const small = new SmallMap<string, number>();
        const map = new Map<string, number>();
        for (const o of ops) {
          if (o.kind === "set") {
            small.set(`k${o.key}`, o.value);
            map.set(`k${o.key}`, o.value);
          } else if (o.kind === "delete") {
            expect(small.delete(`k${o.key}`)).toBe(map.delete(`k${o.key}`));
          } else {
            small.clear();
            map.clear();
          }
          expect(small.size).toBe(map.size);
        }
        expect([...small.keys()]).toEqual([...map.keys()]);
        expect([...small.values()]).toEqual([...map.values()]);
        for (let key = 0; key <= 20; key++) {
          expect(small.has(`k${key}`)).toBe(map.has(`k${key}`));
          expect(small.get(`k${key}`)).toBe(map.get(`k${key}`));
        }
      }),
    );
  });

  it("lets keys be deleted while its keys are iterated, as a Map does", () => {
    const small = new SmallMap<string, number>();
    for (const key of ["a", "b", "c"]) small.set(key, 1);
    for (const key of small.keys()) small.delete(key);
    expect(small.size).toBe(0);
  });
});
