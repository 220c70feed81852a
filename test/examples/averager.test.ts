import { prime } from "rotor";
import { describe, expect, it } from "vitest";
import { averager, main } from "../../examples/averager.js";

describe("averager example", () => {
  it("answers 10, 15, 20 to 10, 20, 30 once primed, and drops the first value when not", () => {
    const lines: string[] = [];
    main((line) => lines.push(line));
    expect(lines).toEqual([
      "send(10) -> 10",
      "send(20) -> 15",
      "send(30) -> 20",
      "unprimed: send(10) -> undefined (the 10 was dropped)",
    ]);
  });

  it("keeps a running average over any number of values", () => {
    const avg = prime(averager());
    const averages = [1, 2, 3, 4, 5, 6].map((value) => avg.next(value).value);
    expect(averages).toEqual([1, 1.5, 2, 2.5, 3, 3.5]);
  });
});
