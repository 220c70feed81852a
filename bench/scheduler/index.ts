/**
 * `npm run bench:scheduler`: rotor's scheduler side by side with its peers, in one run.
 *
 * Three cases (see the header of each file in ./cases): context switches, 100k sleeping
 * tasks, 1M timers. Every contender runs in its own child process, several rounds in
 * alternating order, and each table shows medians with the min–max spread, the ratio to
 * rotor, and the target with PASS/FAIL next to rotor's figure.
 *
 * This reports; it never asserts: the exit code is 0 whatever the figures are.
 */
import os from "node:os";
import {
  type Command,
  type Contender,
  type Rounds,
  fmt,
  hasPython,
  median,
  nodeCase,
  pythonPeer,
  ratio,
  runRounds,
  sourceVersion,
  spread,
  table,
  values,
  verdict,
} from "./shared/orchestrate.js";

const ROUNDS = { switches: 7, sleepers: 5, timers: 5 };
/** Effection is two orders of magnitude slower; these sizes keep each of its runs near 1–2 s. */
const EFFECTION_SWITCHES = 200;
const EFFECTION_SLEEPERS = 10_000;

const started = Date.now();
const python = hasPython();
const targets: string[] = [];

console.log("# rotor scheduler benchmark\n");
console.log(`node ${process.version}, ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model ?? "unknown"}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`);
console.log(`${new Date(started).toISOString()}, load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(`rotor at ${sourceVersion()}`);
if (!python) console.log("note: python3 was not found, so the asyncio peer is skipped");

/** A table row: a contender, the workload it ran, and (case 2) the command of its live-heap run. */
interface Row extends Contender {
  workload: string;
  retained?: Command;
}

function contenders(rows: (Row | null)[]): Row[] {
  return rows.filter((row): row is Row => row !== null);
}

/** null (not measured) unless every figure is a finite number; else whether the target is met. */
function met(pass: boolean, ...figures: number[]): boolean | null {
  return figures.every(Number.isFinite) ? pass : null;
}

/** Records a target for the summary; returns its short form for the table's target column. */
function target(short: string, measured: string, pass: boolean | null): string {
  targets.push(`- ${verdict(pass)}: ${short} (measured: ${measured})`);
  return `${short}: ${verdict(pass)}`;
}

// ---- case 1: switches ------------------------------------------------------------------

function switchesCase(): void {
  console.log(`\n## 1. Switches: 1,000 tasks × 1,000 switches each, all concurrent (${ROUNDS.switches} rounds)\n`);
  const full = "1000 × 1000";
  const rows = contenders([
    { label: "rotor: yield* yieldNow()", workload: full, command: nodeCase("switches.ts", ["rotor"]) },
    { label: "native: await setImmediate hop", workload: full, command: nodeCase("switches.ts", ["native-setImmediate"]) },
    { label: "native: await Promise.resolve()", workload: full, command: nodeCase("switches.ts", ["native-promise"]) },
    { label: "co: yield Promise.resolve()", workload: full, command: nodeCase("switches.ts", ["co"]) },
    {
      label: "Effection 4: action resolved at once",
      workload: `1000 × ${EFFECTION_SWITCHES}`,
      command: nodeCase("switches.ts", ["effection", `switches=${EFFECTION_SWITCHES}`]),
    },
    python ? { label: "asyncio: await sleep(0)", workload: full, command: pythonPeer(["switches"]) } : null,
    { label: "reference: bare generators, no scheduler", workload: full, command: nodeCase("switches.ts", ["bare-generators"]) },
  ]);
  const runs = runRounds("switches", rows, ROUNDS.switches, (f) => `${fmt(Number(f.switchesPerSec) / 1e6, 2)} M/s`);
  const rate = (label: string): number => median(values(runs.get(label), "switchesPerSec"));
  const worstGap = (label: string, key: string): number => Math.max(...values(runs.get(label), key));
  const rotor = rows[0]!.label;
  const rotorRate = rate(rotor);
  const hop = rate(rows[1]!.label);
  const gap = worstGap(rotor, "maxGapMs");

  const body = rows.map((row) => {
    const mps = values(runs.get(row.label), "switchesPerSec").map((v) => v / 1e6);
    const gaps = values(runs.get(row.label), "maxGapMs");
    const gapCell = gaps.length === 0 ? "n/a" : `${fmt(Math.max(...gaps), 1)} / ${fmt(median(gaps), 1)} (${fmt(worstGap(row.label, "coldGapMs"), 1)})`;
    let goal = "";
    if (row.label === rotor) {
      goal = [
        target("≥ 10 M/s", `${fmt(rotorRate / 1e6, 2)} M switches/s`, met(rotorRate >= 10e6, rotorRate)),
        target("≥ 3× setImmediate hop", `${ratio(rotorRate, hop)} the hop's rate`, met(rotorRate >= 3 * hop, rotorRate, hop)),
        target("host gap ≤ 5 ms", `worst ${fmt(gap, 1)} ms in rotor's measured runs`, met(gap <= 5, gap)),
      ].join(", ");
    }
    return [row.label, row.workload, spread(mps, 2), ratio(rate(row.label), rotorRate), gapCell, goal];
  });
  console.log(`\n${table(["contender", "tasks × switches", "M switches/s, median (min–max)", "÷ rotor", "host gap ms: worst / median (cold)", "target"], body)}`);
  console.log("\nM switches/s: median (min–max) over the rounds. host gap: the largest interval between two ticks of a");
  console.log("setInterval(…, 1) in the same process during the measured run: worst and median over the rounds; (cold): worst");
  console.log("during each process's first, warm-up run (a tenth of the switches), which runs unoptimised code.");
}

// ---- case 2: sleepers ------------------------------------------------------------------

function sleepersCase(): void {
  console.log(`\n## 2. Sleepers: N tasks each sleep(10), joined together (${ROUNDS.sleepers} rounds)\n`);
  const node = (label: string, contender: string, n: number): Row => ({
    label,
    workload: String(n),
    command: nodeCase("sleepers.ts", [contender, `n=${n}`]),
    retained: nodeCase("sleepers.ts", [contender, `n=${n}`, "ms=1000", "retained=1"], ["--expose-gc"]),
  });
  const rows = contenders([
    node("rotor: all(sleep(10) × N)", "rotor", 100_000),
    node("native: Promise.all(setTimeout 10 × N)", "native", 100_000),
    node("Effection 4: all(sleep(10) × N)", "effection", EFFECTION_SLEEPERS),
    python ? { label: "asyncio: gather(sleep(0.01) × N)", workload: "100000", command: pythonPeer(["sleepers", "n=100000"]) } : null,
  ]);
  const runs = runRounds("sleepers", rows, ROUNDS.sleepers, (f) => `${fmt(Number(f.wallMs))} ms, peak RSS ${fmt(Number(f.maxRssKiB) / 1024)} MiB`);

  // Live heap per sleeping task: one untimed run each, with a GC forced every 50 ms.
  const retained: Rounds = new Map();
  for (const row of rows) {
    if (!row.retained) continue;
    const once = runRounds("live heap", [{ label: row.label, command: row.retained }], 1, (f) => `${fmt(Number(f.bytesPerTask))} B/task`);
    retained.set(row.label, once.get(row.label) ?? []);
  }

  const wall = (label: string): number => median(values(runs.get(label), "wallMs"));
  const rss = (label: string): number => median(values(runs.get(label), "maxRssKiB")) / 1024;
  const [rotor, native] = [rows[0]!, rows[1]!];
  const body = rows.map((row) => {
    const comparable = row.workload === rotor.workload;
    let goal = "";
    if (row === rotor) {
      const [w, nw, r, nr] = [wall(rotor.label), wall(native.label), rss(rotor.label), rss(native.label)];
      goal = [
        target("wall ≤ native", `${fmt(w)} vs ${fmt(nw)} ms`, met(w <= nw, w, nw)),
        target("peak RSS ≤ native", `${fmt(r)} vs ${fmt(nr)} MiB`, met(r <= nr, r, nr)),
      ].join(", ");
    }
    return [
      row.label,
      row.workload,
      spread(values(runs.get(row.label), "wallMs")),
      comparable ? ratio(wall(row.label), wall(rotor.label)) : "—",
      spread(values(runs.get(row.label), "maxRssKiB").map((k) => k / 1024)),
      comparable ? ratio(rss(row.label), rss(rotor.label)) : "—",
      fmt(median((runs.get(row.label) ?? []).map((f) => Number(f.maxRssKiB) / 1024 - Number(f.startRssMiB)))),
      spread(values(runs.get(row.label), "peakHeapMiB")),
      fmt(median(values(retained.get(row.label), "bytesPerTask"))),
      spread(values(runs.get(row.label), "maxGapMs")),
      goal,
    ];
  });
  const headers = ["contender", "N", "wall ms", "÷ rotor", "peak RSS MiB", "÷ rotor", "RSS growth MiB", "peak heap used MiB", "live heap B/task", "host gap ms", "target"];
  console.log(`\n${table(headers, body)}`);
  console.log("\nwall, peak RSS (the child's maxRSS) and peak heap used (sampled every 1 ms, garbage included): median (min–max).");
  console.log("RSS growth: peak RSS − RSS just before the tasks start (node and tsx's loader account for the rest), median.");
  console.log("live heap B/task: separate run with sleep(1000), GC forced every 50 ms, (largest heap used − heap before) / N.");
  console.log("host gap: largest interval between ticks of a setInterval(…, 1) in the same process, median (min–max).");
  console.log("÷ rotor is shown only where N is the same as rotor's.");
}

// ---- case 3: timers --------------------------------------------------------------------

function timersCase(): void {
  console.log(`\n## 3. Timers: 1,000,000 callbacks with seeded random delays of 0–1000 ms (${ROUNDS.timers} rounds)\n`);
  const rows: Row[] = [
    { label: "rotor: loop.callLater", workload: "real", command: nodeCase("timers.ts", ["rotor"]) },
    { label: "node: setTimeout", workload: "real", command: nodeCase("timers.ts", ["node-setTimeout"]) },
    { label: "rotor: loop.callLater, virtual", workload: "VirtualClock autojump", command: nodeCase("timers.ts", ["rotor-virtual"]) },
  ];
  const runs = runRounds("timers", rows, ROUNDS.timers, (f) => `total ${fmt(Number(f.totalMs))} ms (schedule ${fmt(Number(f.scheduleMs))} ms)`);
  const total = (i: number): number => median(values(runs.get(rows[i]!.label), "totalMs"));
  const body = rows.map((row, i) => {
    let goal = "";
    if (i === 0) goal = target("total ≤ setTimeout", `${fmt(total(0))} vs ${fmt(total(1))} ms`, met(total(0) <= total(1), total(0), total(1)));
    if (i === 2) goal = target("total < 1000 ms", `${fmt(total(2))} ms with VirtualClock autojump`, met(total(2) < 1000, total(2)));
    const late = row.workload === "real" ? spread(values(runs.get(row.label), "lateMs")) : "n/a";
    return [
      row.label,
      row.workload,
      spread(values(runs.get(row.label), "scheduleMs")),
      spread(values(runs.get(row.label), "totalMs")),
      row.workload === "real" ? ratio(total(i), total(0)) : "—",
      late,
      spread(values(runs.get(row.label), "maxRssKiB").map((k) => k / 1024)),
      goal,
    ];
  });
  const headers = ["contender", "clock", "schedule ms", "first scheduled → last fired ms", "÷ rotor", "last fired late by ≥ ms", "peak RSS MiB", "target"];
  console.log(`\n${table(headers, body)}`);
  console.log("\nmedian (min–max). The longest delay is 1000 ms, so a real-clock total is at least schedule + 1000 ms;");
  console.log("late by ≥ = total − schedule − longest delay, a lower bound of how late the last deadline fired.");
}

switchesCase();
sleepersCase();
timersCase();

console.log("\n## Targets\n");
console.log(targets.join("\n"));
console.log(`\nfinished in ${((Date.now() - started) / 1000).toFixed(0)} s, load average at end ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
