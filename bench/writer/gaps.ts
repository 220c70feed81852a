/**
 * What the longest event-loop gaps of `npm run bench:writer` are made of, for one
 * contender in a process of its own (Linux):
 *   tsx bench/writer/gaps.ts [contender=rotor] [lines=2000000]
 * The same producer as child.ts and the same 1 ms probe; for each gap of 3 ms or more
 * between two ticks it records what the main thread did meanwhile: CPU time it ran and
 * time it was ready but waiting for a CPU (/proc/self/task/<pid>/schedstat), garbage
 * collections that overlapped (PerformanceObserver "gc"), and the producer's turns (from
 * one write() that said yes to the one that said no) that overlapped. Reading schedstat
 * at each tick costs a system call per ms, so the figures are not those of the benchmark
 * itself: this says why a gap was long, not how long the benchmark's gaps are.
 */
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
import { openSink, type ContenderName } from "./contenders.js";

const name = (process.argv[2] ?? "rotor") as ContenderName;
const lines = Number(process.argv[3] ?? 2_000_000);
const PAD = "x".repeat(109);
const GC_KINDS: Record<number, string> = { 1: "scavenge", 2: "mark-compact", 4: "incremental marking", 8: "weak callbacks", 16: "minor mark-compact" };

interface Gap { start: number; end: number; cpu: number; wait: number }
interface Span { start: number; end: number; label: string }

/** CPU time the main thread ran and waited to run, in ms. */
function schedstat(): [cpu: number, wait: number] {
  const [cpu, wait] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, "latin1").split(" ").map(Number);
  return [cpu! / 1e6, wait! / 1e6];
}

const dir = mkdtempSync(join(tmpdir(), `rotor-bench-gaps-${name}-`));
const gcs: Span[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcs.push({ start: entry.startTime, end: entry.startTime + entry.duration, label: `${GC_KINDS[(entry as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0] ?? "gc"} ${entry.duration.toFixed(1)}` });
}).observe({ entryTypes: ["gc"] });
const sink = await openSink(name, dir);
const turns: Span[] = [];
const gaps: Gap[] = [];
let last = performance.now();
let [lastCpu, lastWait] = schedstat();
const probe = setInterval(() => {
  const now = performance.now();
  const [cpu, wait] = schedstat();
  if (now - last >= 3) gaps.push({ start: last, end: now, cpu: cpu - lastCpu, wait: wait - lastWait });
  [last, lastCpu, lastWait] = [now, cpu, wait];
}, 1);
const started = performance.now();
let turnStart = started;
let turnFirst = 1;
for (let n = 1; n <= lines; n++) {
  if (!sink.write(`${String(n).padStart(9, "0")} ${PAD}\n`)) {
    turns.push({ start: turnStart, end: performance.now(), label: `${n - turnFirst + 1} lines ${(performance.now() - turnStart).toFixed(1)}` });
    await once(sink as unknown as NodeJS.EventEmitter, "drain");
    [turnStart, turnFirst] = [performance.now(), n + 1];
  }
}
await sink.close();
await new Promise((resolve) => setTimeout(resolve, 2));
clearInterval(probe);
rmSync(dir, { recursive: true, force: true });

const length = (gap: Gap): number => gap.end - gap.start;
const overlapping = (spans: Span[], gap: Gap): string => spans.filter((span) => span.start < gap.end && span.end > gap.start).map((span) => span.label).join(", ") || "-";
console.log(`${name}: ${lines.toLocaleString("en")} lines in ${(performance.now() - started).toFixed(0)} ms; ${turns.length} producer turns; ${gcs.length} GCs, ${gcs.reduce((sum, gc) => sum + gc.end - gc.start, 0).toFixed(0)} ms`);
for (const min of [3, 5]) {
  const over = gaps.filter((gap) => length(gap) >= min);
  const sum = (of: (gap: Gap) => number): string => over.reduce((total, gap) => total + of(gap), 0).toFixed(0);
  console.log(`gaps >= ${min} ms: ${over.length}, ${sum(length)} ms in all: main thread running ${sum((gap) => gap.cpu)} ms, ready but waiting for a CPU ${sum((gap) => gap.wait)} ms, the rest blocked or idle`);
}
console.log("the 10 longest (ms; running / waiting for a CPU; GCs in it; producer turns in it: lines and ms):");
for (const gap of [...gaps].sort((a, b) => length(b) - length(a)).slice(0, 10)) {
  console.log(`  ${length(gap).toFixed(1).padStart(6)} at ${(gap.start - started).toFixed(0).padStart(5)}: ${gap.cpu.toFixed(1)} / ${gap.wait.toFixed(1)}; gc ${overlapping(gcs, gap)}; turns ${overlapping(turns, gap)}`);
}
