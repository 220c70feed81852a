/**
 * Case 3, timers: `n` callbacks with seeded random whole-millisecond delays in
 * [0, maxDelay], on rotor's loop (`loop.callLater`, real clock), on Node's `setTimeout`,
 * and on rotor's loop with `new VirtualClock({ autojump: true })`. Reports the time to
 * schedule them all and the time from scheduling the first to the last one firing.
 *
 * WHY: the loop keeps every deadline in one heap behind one host timer, where Node keeps a
 * list per distinct duration. With a real clock the total cannot beat maxDelay, so what
 * counts is the scheduling cost plus how late the last callback fires. Its deadline is at
 * most (end of scheduling + longest delay), so `lateMs` = total - schedule - longest is a
 * lower bound of that lateness (tight for large n). With a virtual clock nobody waits, so
 * the total is the pure cost of the heap and the loop.
 *
 * The delays are whole milliseconds because Node groups timers by duration: fractional
 * ones would give it a million lists and an unfair loss.
 *
 * Usage: node --import tsx bench/scheduler/cases/timers.ts <contender> [n=1000000] [maxDelay=1000] [seed=42]
 */
import { createLoop, VirtualClock, type LoopOptions } from "../../../src/index.js";
import { now, numericArgs, pickContender, report } from "../shared/measure.js";

/** mulberry32: a tiny seeded PRNG, so that every contender gets the same delays. */
function seededDelays(n: number, maxDelay: number, seed: number): Uint16Array {
  let state = seed >>> 0;
  const delays = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    delays[i] = Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * (maxDelay + 1));
  }
  return delays;
}

interface Outcome {
  scheduleMs: number;
  totalMs: number;
}

type Body = (delays: Uint16Array) => Promise<Outcome>;

/** Schedules every delay on a fresh rotor loop, runs it until the last callback, closes it. */
async function onRotorLoop(delays: Uint16Array, options: LoopOptions): Promise<Outcome> {
  const loop = createLoop(options);
  let fired = 0;
  let end = 0;
  const onFire = (): void => {
    if (++fired === delays.length) {
      end = now();
      loop.stop();
    }
  };
  const start = now();
  for (let i = 0; i < delays.length; i++) loop.callLater(delays[i]!, onFire);
  const scheduleMs = now() - start;
  await loop.runForever();
  loop.close();
  return { scheduleMs, totalMs: end - start };
}

const contenders: Record<string, Body> = {
  rotor: (delays) => onRotorLoop(delays, {}),
  "rotor-virtual": (delays) => onRotorLoop(delays, { clock: new VirtualClock({ autojump: true }) }),
  "node-setTimeout": (delays) =>
    new Promise((resolve) => {
      let fired = 0;
      const onFire = (): void => {
        if (++fired === delays.length) resolve({ scheduleMs, totalMs: now() - start });
      };
      const start = now();
      for (let i = 0; i < delays.length; i++) setTimeout(onFire, delays[i]!);
      const scheduleMs = now() - start;
    }),
};

const body = pickContender(contenders);
const { n, maxDelay, seed } = numericArgs({ n: 1_000_000, maxDelay: 1000, seed: 42 });
const delays = seededDelays(n, maxDelay, seed);
const longest = delays.reduce((a, b) => Math.max(a, b), 0);

const { scheduleMs, totalMs } = await body(delays);
report({ n, longestDelayMs: longest, scheduleMs, totalMs, lateMs: totalMs - scheduleMs - longest });
