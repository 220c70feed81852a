/**
 * Generators are lazy: a value is computed only when the caller pulls it.
 *
 * Python (from the article):
 *
 *     def square(limit):
 *         for i in range(limit):
 *             yield i * i
 */

/**
 * Python's `square`. `trace`, which the Python lacks, reports each computation so that
 * the demo can show *when* it happens.
 */
export function* square(limit: number, trace?: (line: string) => void): Generator<number, void, undefined> {
  for (let i = 0; i < limit; i++) {
    trace?.(`  (computing ${i} * ${i})`);
    yield i * i;
  }
}

export function main(print: (line: string) => void = console.log): void {
  const squares = square(4, print);
  print("square(4) created: nothing computed yet");
  print(`next() -> ${String(squares.next().value)}`);
  print(`next() -> ${String(squares.next().value)}`);
  print("for...of pulls the rest, one at a time:");
  for (const value of squares) print(`got ${value}`);

  // Laziness makes a practically endless generator usable: we pull 3 values and stop,
  // and the other ~9e15 are never computed (Python's itertools.islice).
  const firstThree: number[] = [];
  for (const value of square(Number.MAX_SAFE_INTEGER)) {
    firstThree.push(value);
    if (firstThree.length === 3) break;
  }
  print(`the first 3 of square(Number.MAX_SAFE_INTEGER): ${firstThree.join(", ")}`);
}
