/** Push-style coroutines: Python's `send()` with JavaScript generators. */

/**
 * Advances a push-style generator to its first `yield`, so that `gen.next(value)` acts as
 * Python's `gen.send(value)`: the value becomes the result of the paused `yield`. Returns
 * the same generator.
 *
 * @example
 * function* averager(): Generator<number, never, number> {
 *   let sum = 0, count = 0, average = NaN;
 *   for (;;) { sum += yield average; average = sum / ++count; }
 * }
 * const avg = prime(averager());
 * avg.next(10).value; // 10
 * avg.next(20).value; // 15
 */
export function prime<G extends Generator<unknown, unknown, never>>(generator: G): G {
  generator.next();
  return generator;
}
