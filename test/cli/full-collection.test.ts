/**
 * collectGarbage really collects: an object reachable only through a WeakRef is gone after
 * it. (A WeakRef's target is kept until the end of the turn that made or read it, hence the
 * turn in between.)
 */
import { describe, expect, it } from "vitest";
import { collectGarbage } from "../../src/cli/full-collection.js";

function weaklyHeld(): WeakRef<object> {
  return new WeakRef({ payload: new Array(1000).fill("garbage") });
}

describe("collectGarbage", () => {
  it("runs a full collection: an object held only weakly is gone after it", async () => {
    const ref = weaklyHeld();
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
  });
});
