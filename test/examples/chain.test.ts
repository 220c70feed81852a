import { describe, expect, it } from "vitest";
import { chain, chainByHand, main } from "../../examples/chain.js";

describe("chain example", () => {
  it("gives the same sequence with yield* as with the loop by hand", () => {
    const lines: string[] = [];
    main((line) => lines.push(line));
    expect(lines).toEqual(["chain by hand: 0, 1, 2, a, b, 10, 20", "chain, yield*: 0, 1, 2, a, b, 10, 20"]);
  });

  it("forwards next(value) to the source with yield* but not by hand", () => {
    function* echo(): Generator<string, void, string> {
      const received = yield "first";
      yield `received ${received}`;
    }
    // chain() is typed for plain iteration (Iterable has no send type), hence the casts.
    const delegated = chain(echo()) as Generator<string, void, string>;
    delegated.next();
    expect(delegated.next("hi").value).toBe("received hi");

    const byHand = chainByHand(echo()) as Generator<string, void, string>;
    byHand.next();
    expect(byHand.next("hi").value).toBe("received undefined");
  });
});
