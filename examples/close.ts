/**
 * Closing a generator early: Python's `g.close()` is JavaScript's `g.return()`. The
 * generator ends at the paused `yield`; its `finally` blocks run.
 *
 * Python (from the article):
 *
 *     def gen():
 *         try:
 *             yield 1
 *             yield 2
 *         finally:
 *             print("Cleaning up...")
 *
 *     g = gen()
 *     print(next(g))   # 1
 *     g.close()        # Cleaning up, not yielding 2 as we closed the generator
 *
 * One difference: close() raises GeneratorExit at the yield, which an `except` could catch;
 * return() acts like a `return` statement there, which only `finally` sees.
 */

export function* gen(print: (line: string) => void): Generator<number, void, undefined> {
  try {
    yield 1;
    yield 2;
  } finally {
    print("Cleaning up...");
  }
}

export function main(print: (line: string) => void = console.log): void {
  const g = gen(print);
  print(String(g.next().value));
  g.return();
  // 2 is never produced: the generator is over.
  print(`after return(), next() gives done: ${String(g.next().done)}`);
}
