import { VirtualClock } from "rotor";
import { describe, expect, it } from "vitest";
import { main } from "../../examples/callbacks.js";

describe("callbacks example", () => {
  it("interleaves callbacks and tasks on one loop, each at its own time", async () => {
    const lines: string[] = [];
    await main((line) => lines.push(line), new VirtualClock({ autojump: true }));
    expect(lines).toEqual([
      "  0 ms  task B: waiting for the event",
      " 10 ms  callback: beat 1",
      " 25 ms  task A: step 1 of 3",
      " 35 ms  callback: set the event",
      " 35 ms  task B: woken by the callback",
      " 40 ms  callback: beat 2",
      " 50 ms  task A: step 2 of 3",
      " 70 ms  callback: beat 3",
      " 75 ms  task A: step 3 of 3",
      " 75 ms  both tasks ended: A done, B done",
    ]);
  });
});
