import { describe, expect, it } from "vitest";
import { CredentialGate } from "../../../src/daemon/service/credential-gate.js";
import { getLoop, run, sleep, spawn, VirtualClock, type Operation } from "../../../src/scheduler/index.js";

describe("CredentialGate", () => {
  it("runs an su rotation alone: after the shared ones of the moment, before any that come later", async () => {
    const gate = new CredentialGate();
    const events: string[] = [];
    function* work(name: string, ms: number): Operation<void> {
      const loop = yield* getLoop();
      events.push(`${name} start ${loop.time()}`);
      yield* sleep(ms);
      events.push(`${name} end ${loop.time()}`);
    }
    await run(
      function* () {
        const a = yield* spawn(gate.shared(work("A", 10)));
        const a2 = yield* spawn(gate.shared(work("A2", 5)));
        yield* sleep(1);
        const x = yield* spawn(gate.exclusive(work("X", 10)));
        yield* sleep(1);
        const b = yield* spawn(gate.shared(work("B", 10)));
        for (const task of [a, a2, x, b]) yield* task;
      },
      { clock: new VirtualClock({ autojump: true }) },
    );
    expect(events).toEqual(["A start 0", "A2 start 0", "A2 end 5", "A end 10", "X start 10", "X end 20", "B start 20", "B end 30"]);
  });

  it("lets the next holder in when one is cancelled", async () => {
    const gate = new CredentialGate();
    const events: string[] = [];
    await run(
      function* () {
        const x = yield* spawn(gate.exclusive(sleep(100)));
        yield* sleep(1);
        const b = yield* spawn(
          gate.shared(
            (function* () {
              events.push("B ran");
            })(),
          ),
        );
        x.cancel();
        yield* b;
      },
      { clock: new VirtualClock({ autojump: true }) },
    );
    expect(events).toEqual(["B ran"]);
  });
});
