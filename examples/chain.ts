/**
 * Delegating to sub-generators: `yield*` (Python's `yield from`) replaces the hand-written
 * loop that re-yields every item.
 *
 * Python (from the article):
 *
 *     # Implementation in pre-3.3 Python
 *     def chain(*generators):
 *         for generator in generators:
 *             for item in generator:
 *                 yield item
 *
 *     # Implementation in post-3.3 Python
 *     def chain(*generators):
 *         for generator in generators:
 *             yield from generator
 */

/** The pre-3.3 version: iterate each source and re-yield its items by hand. */
export function* chainByHand<T>(...generators: Iterable<T>[]): Generator<T, void, undefined> {
  for (const generator of generators) {
    for (const item of generator) {
      yield item;
    }
  }
}

/** The post-3.3 version: `yield*` hands the caller straight to each source in turn. */
export function* chain<T>(...generators: Iterable<T>[]): Generator<T, void, undefined> {
  for (const generator of generators) {
    yield* generator;
  }
}

function* range(stop: number): Generator<number, void, undefined> {
  for (let i = 0; i < stop; i++) yield i;
}

export function main(print: (line: string) => void = console.log): void {
  // Fresh sources for each call: a generator runs once, and a second pass finds it empty.
  const sources = (): Iterable<number | string>[] => [range(3), "ab", [10, 20]];
  print(`chain by hand: ${[...chainByHand(...sources())].join(", ")}`);
  print(`chain, yield*: ${[...chain(...sources())].join(", ")}`);
  // The two differ only once the caller sends, throws or returns into the chain, which
  // yield* forwards to the source and the loop by hand does not: see parser.ts.
}
