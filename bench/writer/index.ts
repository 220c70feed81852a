/**
 * npm run bench:writer — rotor's rotating writer beside the bound (batched fs.writeSync),
 * plain fs.createWriteStream and the rotating writers Node programs use, in one run:
 * 2,000,000 lines of 120 bytes, rotating every 10 MiB, keeping 5. Each contender runs in
 * a process of its own (child.ts) with the same producer, which waits for `drain` when
 * write() says no. Printed per contender: lines/s and its ratio to the bound, lines lost
 * or doubled (counted in the files left), the largest file, peak RSS and its growth over
 * the RSS before writing, and the longest event-loop delay (1 ms probe) while writing.
 * The `discard` floor writes nothing: the loop delay of the producer alone on this machine.
 * Then the crash figures: each contender is SIGKILLed right after handing over line
 * 1,000,000, and the lines missing from its files are counted (rotor once per fsync mode).
 *
 * Usage: npm run bench:writer [-- lines=2000000 rounds=3 only=rotor,writeSync-batched crash=yes]
 * (ROTOR_OPTS='{"highWaterBytes":262144}' passes extra writer options to rotor's contender)
 * `rounds` applies to rotor, the bound and createWriteStream; the two slow peers
 * (rotating-file-stream, file-stream-rotator) and pino-roll run once.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CONTENDERS, FLOORS, type ContenderName } from "./contenders.js";
import { countLines } from "./count-lines.js";

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.split("=") as [string, string]));
const lines = Number(args.lines ?? 2_000_000);
const rounds = Number(args.rounds ?? 3);
const only = args.only ? new Set(args.only.split(",")) : null;
const crash = (args.crash ?? "yes") === "yes";
const CHILD = fileURLToPath(new URL("./child.ts", import.meta.url));
const REPEATED = new Set<ContenderName>(["rotor", "writeSync-batched", "createWriteStream", "discard"]);

interface Run {
  elapsed: number;
  peakRss: number;
  rssBefore: number;
  maxDelayMs: number;
  p99DelayMs: number;
}

function runChild(name: ContenderName, dir: string, count: number, fsync: string, crashAt?: number): Run | null {
  try {
    const out = execFileSync(process.execPath, ["--import", "tsx", CHILD, name, dir, String(count), fsync, ...(crashAt ? [String(crashAt)] : [])], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 20 });
    return JSON.parse(out.trim().split("\n").pop()!) as Run;
  } catch (error) {
    if ((error as { signal?: string }).signal === "SIGKILL") return null;
    throw error;
  }
}

const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

console.log(`rotor bench:writer — ${lines.toLocaleString("en")} lines of 120 bytes, rotate at 10 MiB, keep 5; node ${process.version}; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
const results = new Map<ContenderName, { runs: Run[]; lost: number; doubled: number; largest: number; files: number }>();
const selected = CONTENDERS.filter((name) => only === null || only.has(name));
for (let round = 0; round < rounds; round++) {
  for (const name of selected) {
    if (round > 0 && !REPEATED.has(name)) continue;
    const dir = mkdtempSync(join(tmpdir(), `rotor-bench-writer-${name}-`));
    const run = runChild(name, dir, lines, "never")!;
    const count = FLOORS.has(name) ? { lost: 0, doubled: 0, largest: 0, files: 0 } : countLines(dir, lines);
    rmSync(dir, { recursive: true, force: true });
    const entry = results.get(name) ?? { runs: [], lost: 0, doubled: 0, largest: 0, files: count.files };
    entry.runs.push(run);
    entry.lost = Math.max(entry.lost, count.lost);
    entry.doubled = Math.max(entry.doubled, count.doubled);
    entry.largest = Math.max(entry.largest, count.largest);
    results.set(name, entry);
  }
}

const bound = results.get("writeSync-batched");
const boundRate = bound ? lines / (median(bound.runs.map((run) => run.elapsed)) / 1000) : null;
const rows = [["contender", "runs", "lines/s (median)", "vs bound", "lost", "doubled", "files", "largest MiB", "peak RSS MiB", "growth MiB", "max loop delay ms", "p99 ms"]];
for (const [name, entry] of results) {
  const elapsed = median(entry.runs.map((run) => run.elapsed));
  const rate = lines / (elapsed / 1000);
  const peak = Math.max(...entry.runs.map((run) => run.peakRss));
  const growth = Math.max(...entry.runs.map((run) => run.peakRss - run.rssBefore));
  // A floor writes nothing: its file columns and its rate say nothing about writing.
  const floor = FLOORS.has(name);
  rows.push([
    floor ? `${name} (floor)` : name,
    String(entry.runs.length),
    floor ? "-" : Math.round(rate).toLocaleString("en"),
    boundRate && !floor ? `${((rate / boundRate) * 100).toFixed(0)} %` : "-",
    floor ? "-" : entry.lost.toLocaleString("en"),
    floor ? "-" : entry.doubled.toLocaleString("en"),
    floor ? "-" : String(entry.files),
    floor ? "-" : mib(entry.largest),
    mib(peak),
    mib(growth),
    Math.max(...entry.runs.map((run) => run.maxDelayMs)).toFixed(1),
    median(entry.runs.map((run) => run.p99DelayMs)).toFixed(1),
  ]);
}
printTable(rows);
if (results.has("discard")) console.log("discard (floor): drops every line and writes nothing, answering write() as rotor does (false at 256 KiB, drain on the next turn); its loop delay is the producer's, the GC's and the machine's, with no writer.");

if (crash) {
  const crashAt = Math.floor(lines / 2);
  console.log(`\nSIGKILL right after handing over line ${crashAt.toLocaleString("en")}: lines lost (missing from the files at the kill)`);
  const crashRows = [["contender", "fsync", "lines lost", "doubled"]];
  const cases: Array<[ContenderName, string]> = [
    ["rotor", "never"],
    ["rotor", "interval"],
    ["rotor", "always"],
    ...selected.filter((name) => name !== "rotor" && name !== "writeSync-batched" && !FLOORS.has(name)).map((name): [ContenderName, string] => [name, "-"]),
  ];
  for (const [name, fsync] of cases) {
    if (only !== null && !only.has(name)) continue;
    const dir = mkdtempSync(join(tmpdir(), `rotor-bench-crash-${name}-`));
    runChild(name, dir, lines, fsync === "-" ? "never" : fsync, crashAt);
    const count = countLines(dir, crashAt);
    rmSync(dir, { recursive: true, force: true });
    crashRows.push([name, fsync, count.lost.toLocaleString("en"), count.doubled.toLocaleString("en")]);
  }
  printTable(crashRows);
}
console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);

function printTable(table: string[][]): void {
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  for (const row of table) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  "));
}
