import { describe, expect, it } from "vitest";
import { examples, runExamples, type Example } from "../../examples/runner.js";

/** A stand-in table, so that these tests never run the real-time callbacks example. */
const table: Example[] = [
  { name: "one", title: "the first", main: (print) => print("1") },
  { name: "two", title: "the second", main: async (print) => print("2") },
  {
    name: "broken",
    title: "throws",
    main: () => {
      throw new Error("boom");
    },
  },
];

async function runWith(args: string[], examplesTable: readonly Example[] = table) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runExamples(args, { out: (line) => out.push(line), err: (line) => err.push(line) }, examplesTable);
  return { code, out, err };
}

describe("example runner", () => {
  it("lists the article's examples in its order", () => {
    expect(examples.map((example) => example.name)).toEqual([
      "square",
      "send",
      "throw",
      "close",
      "averager",
      "chain",
      "parser",
      "callbacks",
      "rotation",
    ]);
  });

  it("runs one named example without a heading", async () => {
    expect(await runWith(["two"])).toEqual({ code: 0, out: ["2"], err: [] });
  });

  it("runs every example in order, each under a heading, when given no name", async () => {
    expect(await runWith([], table.slice(0, 2))).toEqual({
      code: 0,
      out: ["== one: the first ==", "1", "\n== two: the second ==", "2"],
      err: [],
    });
  });

  it("rejects an unknown name with exit code 2 and the list of valid names", async () => {
    expect(await runWith(["one", "nope"])).toEqual({
      code: 2,
      out: [],
      err: ["Unknown example `nope`; expected one of: one, two, broken"],
    });
  });

  it("reports an example that throws with exit code 1", async () => {
    const { code, out, err } = await runWith(["broken"]);
    expect({ code, out, err: err.map((line) => line.split("\n")[0]) }).toEqual({
      code: 1,
      out: [],
      err: ["Example `broken` failed: Error: boom"],
    });
  });
});
