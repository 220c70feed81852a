/**
 * Case 2, sleepers: `n` tasks each sleep `ms` milliseconds and are joined together;
 * reports the wall time, the peak heap and largest tick gap seen by a 1 ms host probe,
 * and (printed by `report`) the process's peak RSS.
 *
 * WHY: a log-rotation daemon keeps many tasks parked on timers. Here the per-task memory
 * and the cost of creating, parking and waking a task decide the figure, not the switch.
 *
 * With `retained=1` (run with --expose-gc, not timed) each task sleeps `ms` and a host
 * interval forces a GC every 50 ms and keeps the largest live heap, so the difference from
 * the heap before the tasks, divided by n, is the memory one sleeping task holds.
 *
 * Usage: node --import tsx bench/scheduler/cases/sleepers.ts <contender> [n=100000] [ms=10] [retained=0|1]
 */
import * as effection from "effection";
import { all, run, sleep, type Operation } from "../../../src/index.js";
import { now, numericArgs, pickContender, report, startHostProbe } from "../shared/measure.js";

type Body = (n: number, ms: number) => Promise<unknown>;

function* rotorSleeper(ms: number): Operation<void> {
  yield* sleep(ms);
}

async function nativeSleeper(ms: number): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, ms));
}

function* effectionSleeper(ms: number): effection.Operation<void> {
  yield* effection.sleep(ms);
}

const contenders: Record<string, Body> = {
  rotor: (n, ms) =>
    run(function* () {
      yield* all(Array.from({ length: n }, () => rotorSleeper(ms)));
    }),
  native: (n, ms) => Promise.all(Array.from({ length: n }, () => nativeSleeper(ms))),
  effection: (n, ms) =>
    effection.run(function* () {
      yield* effection.all(Array.from({ length: n }, () => effectionSleeper(ms)));
    }),
};

const body = pickContender(contenders);
const { n, ms, retained } = numericArgs({ n: 100_000, ms: 10, retained: 0 });

if (retained) {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("mode retained needs node --expose-gc");
  gc();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const poll = setInterval(() => {
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 50);
  await body(n, ms);
  clearInterval(poll);
  report({ n, ms, bytesPerTask: (peak - before) / n });
} else {
  const startRssMiB = process.memoryUsage.rss() / 2 ** 20;
  const probe = startHostProbe();
  const start = now();
  await body(n, ms);
  const wallMs = now() - start;
  const { peakHeapUsed, maxGapMs } = probe.stop();
  report({ n, ms, wallMs, peakHeapMiB: peakHeapUsed / 2 ** 20, startRssMiB, maxGapMs });
}
