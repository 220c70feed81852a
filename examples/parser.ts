/**
 * `yield*` with return values: a parent delegates to a child parser, every value sent to
 * the parent goes to the child, and the child's `return` becomes the value of `yield*`.
 *
 * Python (from the article):
 *
 *     def parse_number():
 *         digits = []
 *         while True:
 *             ch = yield
 *             if ch.isdigit():
 *                 digits.append(ch)
 *             else:
 *                 break
 *         return int("".join(digits))
 *
 *     def parser():
 *         while True:
 *             result = yield from parse_number()
 *             print("Parsed number: ", result)
 *
 *     p = parser()
 *     next(p)
 *     for c in "123x45y":
 *         p.send(c)
 *
 * "Suspend me. The child is now the generator. Route EVERYTHING through it until it
 * finishes": next(value), throw() and return() (Python's send, throw and close).
 */
import { prime } from "rotor";

/** Collects digits until a non-digit arrives (and is consumed), then returns the number. */
export function* parseNumber(): Generator<undefined, number, string> {
  const digits: string[] = [];
  for (;;) {
    const ch = yield;
    if (ch >= "0" && ch <= "9") {
      digits.push(ch);
    } else {
      break;
    }
  }
  // Python's int("") raises ValueError on an empty number; parseInt gives NaN.
  return Number.parseInt(digits.join(""), 10);
}

export function* parser(print: (line: string) => void): Generator<undefined, never, string> {
  for (;;) {
    const result = yield* parseNumber();
    print(`Parsed number: ${result}`);
  }
}

/** A child that reports what reaches it through its parent's `yield*`. */
function* child(print: (line: string) => void): Generator<string, string, string> {
  try {
    const received = yield "ready";
    print(`  child received ${JSON.stringify(received)}`);
    yield "waiting";
    return "finished";
  } catch (error) {
    print(`  child caught ${String(error)}`);
    return "recovered";
  } finally {
    print("  child's finally ran");
  }
}

function* parent(print: (line: string) => void): Generator<string, void, string> {
  const result = yield* child(print);
  print(`  parent resumed with the child's return value ${JSON.stringify(result)}`);
}

export function main(print: (line: string) => void = console.log): void {
  const p = prime(parser(print));
  for (const c of "123x45y") p.next(c);

  print("next(value) on the parent reaches the child:");
  const first = prime(parent(print));
  first.next("hello");
  print("throw() on the parent lands in the child's catch:");
  first.throw(new Error("bad input"));

  print("return() on the parent (Python's close) runs the child's finally:");
  const second = prime(parent(print));
  second.return();
  print(`  the parent is done too: ${String(second.next().done)}`);
}
