/**
 * `npm run bench:size-trigger`: how soon a log that crosses its size threshold is rotated.
 *
 * rotor: FILES logs in one directory, followed by ONE sizeTrigger on `DIR/*.log` (what the
 * daemon runs for a job whose pattern is a glob), each firing handed to a job that runs
 * `rotation(path, { keep: 3, minsize })` (minsize: a stale firing for a log just rotated
 * does nothing). One at a time, CROSSINGS distinct logs get one append that takes them past
 * the threshold; for each, the time from just before the append to (a) the firing and (b)
 * the end of the rotation is recorded.
 *
 * Floor (the peer): the same number of logs in another directory, each with a plain
 * `fs.watch` whose callback does nothing but `fs.stat` and compare the size: the least any
 * watcher-based tool can do. Its figure is write → stat seen over the threshold.
 *
 * Both run in this one process on the real clock, one after the other, on the same crossings.
 * Target: p99 of write → rotation completed ≤ 100 ms.
 *
 * Usage: npm run bench:size-trigger [-- files=1000 crossings=300 threshold=4096]
 */
import { execSync } from "node:child_process";
import { watch, type FSWatcher } from "node:fs";
import { appendFile, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Event, FileLocks, Queue, call, rotation, run, spawn, type Operation } from "../../src/index.js";
import { createNodeWatchHost, sizeTrigger, type WatchHost } from "../../src/triggers/index.js";

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.split("=") as [string, string]));
const FILES = Number(args.files ?? 1000);
const CROSSINGS = Math.min(FILES, Number(args.crossings ?? 300));
const THRESHOLD = Number(args.threshold ?? 4096);
const CROSSING_WRITE = "x".repeat(THRESHOLD + 1);

async function makeLogs(dir: string): Promise<string[]> {
  const logs = Array.from({ length: FILES }, (_, i) => join(dir, `app-${String(i).padStart(4, "0")}.log`));
  for (let i = 0; i < logs.length; i += 100) await Promise.all(logs.slice(i, i + 100).map((log) => writeFile(log, "a line\n")));
  return logs;
}

/** A fixed pseudo-random choice of distinct logs, the same for both sides. */
function pick(logs: string[]): number[] {
  const order = logs.map((_, i) => i);
  let seed = 42;
  for (let i = order.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, CROSSINGS);
}

interface RotorResult {
  fired: number[];
  rotated: number[];
  watches: number;
}

async function rotorSide(dir: string, logs: string[], chosen: number[]): Promise<RotorResult> {
  let watches = 0;
  const allWatched = new Event();
  // The daemon's host (files watched through their directory), counting the watches asked of it.
  const host = createNodeWatchHost();
  const counting: WatchHost = {
    ...host,
    watch(path, listener, onError, kind) {
      const handle = host.watch(path, listener, onError, kind);
      if (++watches === FILES + 1) allWatched.set();
      return handle;
    },
  };
  const fired: number[] = [];
  const rotated: number[] = [];
  const locks = new FileLocks();
  const due = new Queue<string>();
  const inFlight = new Set<string>();
  let current: { path: string; start: number; firedAt: number; done: Event } | null = null;

  function* rotate(path: string): Operation<void> {
    try {
      const report = yield* rotation(path, { keep: 3, minsize: THRESHOLD + 1, locks });
      if (report.rotated && current?.path === path) current.done.set();
    } finally {
      inFlight.delete(path);
    }
  }

  await run(function* () {
    const trigger = yield* spawn(
      sizeTrigger({ patterns: [join(dir, "*.log")], threshold: THRESHOLD, checkMs: 60_000 }, {
        watcher: counting,
        onWarning: (message) => console.error(message),
        fire: ({ paths }) => {
          for (const path of paths ?? []) {
            if (current?.path === path && current.firedAt === 0) current.firedAt = performance.now();
            if (!inFlight.has(path)) {
              inFlight.add(path);
              due.tryPut(path);
            }
          }
        },
      }),
    );
    const job = yield* spawn(
      (function* (): Operation<never> {
        for (;;) yield* spawn(rotate(yield* due.get()));
      })(),
    );
    yield* allWatched.wait();
    for (const index of chosen) {
      const path = logs[index]!;
      current = { path, start: performance.now(), firedAt: 0, done: new Event() };
      yield* call(appendFile(path, CROSSING_WRITE));
      yield* current.done.wait();
      fired.push(current.firedAt - current.start);
      rotated.push(performance.now() - current.start);
    }
    trigger.cancel();
    job.cancel();
  });
  return { fired, rotated, watches };
}

async function floorSide(logs: string[], chosen: number[]): Promise<number[]> {
  let current: { path: string; start: number; seen: (ms: number) => void } | null = null;
  const watchers: FSWatcher[] = logs.map((path) =>
    watch(path, () => {
      stat(path).then((s) => {
        if (s.size > THRESHOLD && current?.path === path) current.seen(performance.now() - current.start);
      }, () => {});
    }),
  );
  const latencies: number[] = [];
  for (const index of chosen) {
    const path = logs[index]!;
    const seen = new Promise<number>((resolve) => (current = { path, start: performance.now(), seen: resolve }));
    await appendFile(path, CROSSING_WRITE);
    latencies.push(await seen);
    current = null;
  }
  for (const w of watchers) w.close();
  return latencies;
}

function summary(values: number[]): { p50: string; p99: string; max: string } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!.toFixed(2);
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1)!.toFixed(2) };
}

const root = await mkdtemp(join(tmpdir(), "rotor-size-bench-"));
try {
  const rotorDir = join(root, "rotor");
  const floorDir = join(root, "floor");
  await Promise.all([mkdir(rotorDir), mkdir(floorDir)]);
  const [rotorLogs, floorLogs] = await Promise.all([makeLogs(rotorDir), makeLogs(floorDir)]);
  const chosen = pick(rotorLogs);
  let commit = "unknown";
  try {
    commit = execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
  } catch {
    // not a checkout
  }
  console.log(`size trigger latency: ${FILES} logs, ${CROSSINGS} crossings of ${THRESHOLD} bytes, one at a time`);
  console.log(`commit ${commit}, ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} CPUs, load average before ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const floor = await floorSide(floorLogs, chosen);
  const rotor = await rotorSide(rotorDir, rotorLogs, chosen);
  const rows = [
    ["floor: fs.watch per file + stat (write → stat over threshold)", summary(floor)],
    [`rotor: one sizeTrigger, ${rotor.watches} watches (write → firing)`, summary(rotor.fired)],
    ["rotor: firing → rotation completed (the engine's share)", summary(rotor.rotated.map((ms, i) => ms - rotor.fired[i]!))],
    ["rotor: write → rotation (keep 3) completed", summary(rotor.rotated)],
  ] as const;
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`${"".padEnd(width)}  ${"p50 ms".padStart(8)}  ${"p99 ms".padStart(8)}  ${"max ms".padStart(8)}`);
  for (const [name, s] of rows) console.log(`${name.padEnd(width)}  ${s.p50.padStart(8)}  ${s.p99.padStart(8)}  ${s.max.padStart(8)}`);
  const p99 = Number(summary(rotor.rotated).p99);
  const floorP50 = Number(summary(floor).p50);
  console.log(`rotor firing p50 / floor p50: ${(Number(summary(rotor.fired).p50) / floorP50).toFixed(1)}x`);
  console.log(`target p99 write → rotation completed ≤ 100 ms: ${p99 <= 100 ? "PASS" : "FAIL"} (${p99.toFixed(2)} ms)`);
  console.log(`load average after ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
} finally {
  await rm(root, { recursive: true, force: true });
}
