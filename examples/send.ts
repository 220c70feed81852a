/**
 * `yield` is an expression: the caller can send a value back in. Python's `g.send(v)` is
 * JavaScript's `g.next(v)`.
 *
 * Python (from the article):
 *
 *     def gen():
 *         value = yield "ready"
 *         print("Received:", value)
 *
 *     g = gen()          # initialize generator
 *     print(next(g))     # "ready"
 *     g.send("hello")    # resume and send value
 */

/** Python's `gen`; the third type parameter (string) is the type of what `yield` receives. */
export function* gen(print: (line: string) => void): Generator<string, void, string> {
  const value = yield "ready";
  print(`Received: ${value}`);
}

export function main(print: (line: string) => void = console.log): void {
  const g = gen(print);
  // The first next() only runs the body up to the first yield; an argument to it would be
  // dropped, as nothing is waiting to receive it (Python even refuses: send a non-None
  // value to a just-started generator and it raises TypeError).
  print(g.next().value ?? "");
  const last = g.next("hello");
  // Here Python's send() raises StopIteration, because the generator ended; JavaScript
  // reports the end in the result instead.
  print(`then the generator is done: ${String(last.done)}`);
}
