import { describe, expect, it } from "vitest";
import { main } from "../../examples/send.js";

describe("send example", () => {
  it("receives the value passed to next() as the result of the paused yield", () => {
    const lines: string[] = [];
    main((line) => lines.push(line));
    expect(lines).toEqual(["ready", "Received: hello", "then the generator is done: true"]);
  });
});
