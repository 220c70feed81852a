import { describe, expect, it } from "vitest";
import { ValueError, gen, main } from "../../examples/throw.js";

describe("throw example", () => {
  it("catches the injected ValueError inside the generator and lets other errors out", () => {
    const lines: string[] = [];
    main((line) => lines.push(line));
    expect(lines).toEqual([
      "running",
      "Caught ValueError inside generator",
      "throw(TypeError) came back to the caller: TypeError: not a ValueError",
    ]);
  });

  it("ends the generator after the catch, as Python's StopIteration says", () => {
    const g = gen(() => {});
    g.next();
    expect(g.throw(new ValueError())).toEqual({ done: true, value: undefined });
  });
});
