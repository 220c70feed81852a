import { prime } from "rotor";
import { describe, expect, it } from "vitest";
import { main, parser } from "../../examples/parser.js";

describe("parser example", () => {
  it("parses 123x45y into 123 and 45, then shows yield* forwarding next, throw and return", () => {
    const lines: string[] = [];
    main((line) => lines.push(line));
    expect(lines).toEqual([
      "Parsed number: 123",
      "Parsed number: 45",
      "next(value) on the parent reaches the child:",
      '  child received "hello"',
      "throw() on the parent lands in the child's catch:",
      "  child caught Error: bad input",
      "  child's finally ran",
      '  parent resumed with the child\'s return value "recovered"',
      "return() on the parent (Python's close) runs the child's finally:",
      "  child's finally ran",
      "  the parent is done too: true",
    ]);
  });

  it("starts a fresh number after each separator", () => {
    const lines: string[] = [];
    const p = prime(parser((line) => lines.push(line)));
    for (const c of "7,2024;0.") p.next(c);
    expect(lines).toEqual(["Parsed number: 7", "Parsed number: 2024", "Parsed number: 0"]);
  });
});
