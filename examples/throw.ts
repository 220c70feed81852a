/**
 * `gen.throw(error)` raises the error inside the generator, at the paused `yield`.
 *
 * Python (from the article):
 *
 *     def gen():
 *         try:
 *             yield "running"
 *         except ValueError:
 *             print("Caught ValueError inside generator")
 *
 *     g = gen()
 *     print(next(g))     # "running"
 *     g.throw(ValueError)
 */

/** Python's built-in ValueError, so that the `except` clause reads the same. */
export class ValueError extends Error {
  override name = "ValueError";
}

export function* gen(print: (line: string) => void): Generator<string, void, undefined> {
  try {
    yield "running";
  } catch (error) {
    // JavaScript's catch takes everything; Python's `except ValueError` takes only that.
    if (!(error instanceof ValueError)) throw error;
    print("Caught ValueError inside generator");
  }
}

export function main(print: (line: string) => void = console.log): void {
  const g = gen(print);
  print(g.next().value ?? "");
  g.throw(new ValueError("bad value"));

  // An error the generator does not catch comes back out of throw(), to the caller.
  const h = gen(print);
  h.next();
  try {
    h.throw(new TypeError("not a ValueError"));
  } catch (error) {
    print(`throw(TypeError) came back to the caller: ${String(error)}`);
  }
}
