/** The table of examples, in the article's order, and the logic of the example runner. */
import * as averager from "./averager.js";
import * as callbacks from "./callbacks.js";
import * as chain from "./chain.js";
import * as close from "./close.js";
import * as parser from "./parser.js";
import * as rotation from "./rotation.js";
import * as send from "./send.js";
import * as square from "./square.js";
import * as throwExample from "./throw.js";

export type Print = (line: string) => void;

export interface Example {
  name: string;
  /** The heading shown when several examples run. */
  title: string;
  main: (print: Print) => void | Promise<void>;
}

/** Every example, in the order of the article. */
export const examples: readonly Example[] = [
  { name: "square", title: "generators are lazy", main: square.main },
  { name: "send", title: "send(): a value into a paused generator", main: send.main },
  { name: "throw", title: "throw(): an error into a paused generator", main: throwExample.main },
  { name: "close", title: "close(): ending a generator early", main: close.main },
  { name: "averager", title: "a push-style coroutine, primed", main: averager.main },
  { name: "chain", title: "yield* instead of re-yielding by hand", main: chain.main },
  { name: "parser", title: "yield* forwards everything and returns the child's value", main: parser.main },
  { name: "callbacks", title: "callbacks and tasks on one event loop", main: callbacks.main },
  { name: "rotation", title: "four rotation jobs as tasks on one loop", main: rotation.main },
];

/**
 * Runs the examples named in `args` (all of them when there is none, each under a
 * heading) and returns the exit code: 0, 1 if an example threw, 2 for an unknown name.
 */
export async function runExamples(args: readonly string[], io: { out: Print; err: Print }, table: readonly Example[] = examples): Promise<number> {
  const names = table.map((example) => example.name);
  if (args.includes("--help") || args.includes("-h")) {
    io.out(`usage: npm run example -- [NAME...]\nexamples: ${names.join(", ")}`);
    return 0;
  }
  const unknown = args.filter((arg) => !names.includes(arg));
  if (unknown.length > 0) {
    io.err(`Unknown example ${unknown.map((name) => `\`${name}\``).join(", ")}; expected one of: ${names.join(", ")}`);
    return 2;
  }
  const chosen = args.length === 0 ? table : args.map((arg) => table.find((example) => example.name === arg)!);
  const withHeadings = chosen.length > 1;
  for (const [index, example] of chosen.entries()) {
    if (withHeadings) io.out(`${index > 0 ? "\n" : ""}== ${example.name}: ${example.title} ==`);
    try {
      await example.main(io.out);
    } catch (error) {
      io.err(`Example \`${example.name}\` failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return 1;
    }
  }
  return 0;
}
