/**
 * Case 1, switches: `tasks` concurrent tasks each give way `switches` times; reports
 * context switches per second and the largest gap a host `setInterval(…, 1)` saw meanwhile.
 *
 * WHY: the cost of one suspension and resumption is the scheduler's hot path; everything
 * else (sleeping, locks, queues) is built on it. The host-gap figure checks the other half
 * of the bargain: however busy the tasks are, Node's own timers and I/O must keep running.
 *
 * Usage: node --import tsx bench/scheduler/cases/switches.ts <contender> [tasks=1000] [switches=1000]
 * Each contender first runs a cold warm-up (same tasks, a tenth of the switches), then the
 * measured run. Both are watched by the host probe: a fresh process runs cold code, and
 * the first run's gap is reported apart from the measured one.
 */
import co from "co";
import * as effection from "effection";
import { all, run, yieldNow, type Operation } from "../../../src/index.js";
import { now, numericArgs, pickContender, report, startHostProbe } from "../shared/measure.js";

type Body = (tasks: number, switches: number) => Promise<unknown>;

function* rotorWorker(switches: number): Operation<void> {
  for (let i = 0; i < switches; i++) yield* yieldNow();
}

async function immediateWorker(switches: number): Promise<void> {
  for (let i = 0; i < switches; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

async function microtaskWorker(switches: number): Promise<void> {
  for (let i = 0; i < switches; i++) await Promise.resolve();
}

function noop(): void {}

/**
 * Effection 4's cheapest suspension that still lets the other tasks run: an action that
 * resolves at once (it resumes through Effection's own queue, interleaving tasks in turn).
 * `sleep(0)` measured about a third slower here, because it also arms a host setTimeout.
 */
function effectionYield(): effection.Operation<void> {
  return effection.action<void>((resolve) => {
    resolve();
    return noop;
  });
}

function* effectionWorker(switches: number): effection.Operation<void> {
  for (let i = 0; i < switches; i++) yield* effectionYield();
}

/** Reference, not a peer: the same generators driven round-robin with no scheduler at all. */
function bareRoundRobin(tasks: number, switches: number): Promise<void> {
  const TOKEN = Symbol("yield");
  const WAKE = Symbol("wake");
  const yielded = Object.freeze({ done: false as const, value: TOKEN });
  const resumed = Object.freeze({ done: true as const, value: undefined });
  const give: Iterator<symbol, void, unknown> & Iterable<symbol, void, unknown> = Object.freeze({
    [Symbol.iterator]: () => give,
    next: (sent?: unknown) => (sent === WAKE ? resumed : yielded),
  });
  function* worker(): Generator<symbol, void, unknown> {
    for (let i = 0; i < switches; i++) yield* give;
  }
  const live = Array.from({ length: tasks }, worker);
  for (let count = tasks; count > 0; ) {
    for (let i = 0; i < count; ) {
      if (live[i]!.next(WAKE).done) live[i] = live[--count]!;
      else i++;
    }
  }
  return Promise.resolve();
}

function* coWorker(switches: number): Generator<Promise<void>, void, unknown> {
  for (let i = 0; i < switches; i++) yield Promise.resolve();
}

const contenders: Record<string, Body> = {
  rotor: (tasks, switches) =>
    run(function* () {
      yield* all(Array.from({ length: tasks }, () => rotorWorker(switches)));
    }),
  "native-setImmediate": (tasks, switches) => Promise.all(Array.from({ length: tasks }, () => immediateWorker(switches))),
  "native-promise": (tasks, switches) => Promise.all(Array.from({ length: tasks }, () => microtaskWorker(switches))),
  effection: (tasks, switches) =>
    effection.run(function* () {
      yield* effection.all(Array.from({ length: tasks }, () => effectionWorker(switches)));
    }),
  co: (tasks, switches) => Promise.all(Array.from({ length: tasks }, () => co(coWorker, switches))),
  "bare-generators": bareRoundRobin,
};

const body = pickContender(contenders);
const { tasks, switches } = numericArgs({ tasks: 1000, switches: 1000 });

const coldProbe = startHostProbe();
await body(tasks, Math.max(1, Math.floor(switches / 10)));
const coldGapMs = coldProbe.stop().maxGapMs;

const probe = startHostProbe();
const start = now();
await body(tasks, switches);
const ms = now() - start;
const { maxGapMs } = probe.stop();

report({ tasks, switches, ms, switchesPerSec: (tasks * switches) / (ms / 1000), maxGapMs, coldGapMs });
