import { describe, expect, it } from "vitest";
import { gen, main } from "../../examples/close.js";

describe("close example", () => {
  it("runs the finally block and never yields 2", () => {
    const lines: string[] = [];
    main((line) => lines.push(line));
    expect(lines).toEqual(["1", "Cleaning up...", "after return(), next() gives done: true"]);
  });

  it("produces only 1 when closed after the first value", () => {
    const values: number[] = [];
    const g = gen(() => {});
    for (const value of g) {
      values.push(value);
      g.return();
    }
    expect(values).toEqual([1]);
  });
});
