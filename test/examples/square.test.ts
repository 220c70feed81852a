import { describe, expect, it } from "vitest";
import { main, square } from "../../examples/square.js";

describe("square example", () => {
  it("computes each square only when the caller pulls it", () => {
    const lines: string[] = [];
    main((line) => lines.push(line));
    expect(lines).toEqual([
      "square(4) created: nothing computed yet",
      "  (computing 0 * 0)",
      "next() -> 0",
      "  (computing 1 * 1)",
      "next() -> 1",
      "for...of pulls the rest, one at a time:",
      "  (computing 2 * 2)",
      "got 4",
      "  (computing 3 * 3)",
      "got 9",
      "the first 3 of square(Number.MAX_SAFE_INTEGER): 0, 1, 4",
    ]);
  });

  it("yields i * i for i below the limit, like Python's list(square(5))", () => {
    expect([...square(5)]).toEqual([0, 1, 4, 9, 16]);
  });
});
