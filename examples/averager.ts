/**
 * A push-style coroutine: the caller sends numbers in, the generator yields the running
 * average back. rotor's `prime()` does the first, value-less `next()` (Python's `next(avg)`).
 *
 * Python (from the article):
 *
 *     def averager():
 *         sum = float((yield))   # emit None and expect an input via send
 *         counter = itertools.count(start=1)
 *         while True:
 *             sum += (yield sum / next(counter))  # emit the average, expect the next value
 *
 *     avg = averager()
 *     next(avg)
 *     avg.send(10)  # 10
 *     avg.send(20)  # 15
 *     avg.send(30)  # 20
 */
import { prime } from "rotor";

/** Yields undefined first (Python's bare `yield`), then the average of all values sent. */
export function* averager(): Generator<number | undefined, never, number> {
  let sum = Number(yield);
  for (let count = 1; ; count++) {
    sum += yield sum / count;
  }
}

export function main(print: (line: string) => void = console.log): void {
  const avg = prime(averager());
  for (const value of [10, 20, 30]) {
    print(`send(${value}) -> ${String(avg.next(value).value)}`);
  }

  // Why prime() exists: without it, the first value is taken by the step that runs the
  // body up to its first `yield`, where nobody receives it.
  const unprimed = averager();
  print(`unprimed: send(10) -> ${String(unprimed.next(10).value)} (the 10 was dropped)`);
}
