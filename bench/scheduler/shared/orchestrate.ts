/**
 * Orchestrator-side helpers: run one contender in its own child process, collect repeated
 * runs, reduce them to medians, and print Markdown tables.
 *
 * WHY one process per contender and run: peak RSS is per process, and a contender that
 * ran earlier in the same process would leave its heap, JIT state and GC debt to the next
 * one. The machine is shared and noisy, so every contender runs several times, alternating
 * with the others (A B C, A B C, ...), and the tables show medians with the min–max spread.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { RESULT_MARKER, type Figures } from "./measure.js";

/** The repository root, so that children resolve `tsx` and the sources from there. */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

export interface Command {
  file: string;
  args: string[];
}

/** A TypeScript case file run by node with tsx's loader, plus any extra node flags. */
export function nodeCase(caseFile: string, args: string[], nodeFlags: string[] = []): Command {
  const path = fileURLToPath(new URL(`../cases/${caseFile}`, import.meta.url));
  return { file: process.execPath, args: ["--import", "tsx", ...nodeFlags, path, ...args] };
}

/** The Python peer script run by python3. */
export function pythonPeer(args: string[]): Command {
  const path = fileURLToPath(new URL("../peers/asyncio_bench.py", import.meta.url));
  return { file: "python3", args: [path, ...args] };
}

/** True when `python3` can be started. */
export function hasPython(): boolean {
  const probe = spawnSync("python3", ["--version"], { encoding: "utf8" });
  return probe.status === 0;
}

/** The commit measured, and whether the scheduler's sources had uncommitted changes then. */
export function sourceVersion(): string {
  const git = (...args: string[]): string => spawnSync("git", args, { cwd: repoRoot, encoding: "utf8" }).stdout?.trim() ?? "";
  const head = git("rev-parse", "--short", "HEAD") || "unknown commit";
  const dirty = git("status", "--porcelain", "--", "src/scheduler");
  return dirty ? `${head} + uncommitted changes in src/scheduler (${dirty.split("\n").length} files)` : `${head}, src/scheduler clean`;
}

/** Runs one child to its end and returns the figures from its result line, or an error. */
export function runChild(command: Command, timeoutMs = 120_000): Figures | { error: string } {
  const child = spawnSync(command.file, command.args, { cwd: repoRoot, encoding: "utf8", timeout: timeoutMs, maxBuffer: 16 << 20 });
  const line = child.stdout?.split("\n").reverse().find((l) => l.startsWith(RESULT_MARKER));
  if (child.status !== 0 || line === undefined) {
    const why = child.error?.message ?? `exit ${child.status ?? child.signal}`;
    return { error: `${why}: ${(child.stderr ?? "").trim().split("\n").slice(-3).join(" | ")}` };
  }
  return JSON.parse(line.slice(RESULT_MARKER.length)) as Figures;
}

/** A contender of one case: its row label and the command that measures it once. */
export interface Contender {
  label: string;
  command: Command;
}

/** Per contender label, the figures of each successful round. */
export type Rounds = Map<string, Figures[]>;

/**
 * Runs every contender `rounds` times, alternating between them, and prints one progress
 * line per run. `pick` names the figure shown in the progress line.
 */
export function runRounds(caseName: string, contenders: Contender[], rounds: number, pick: (f: Figures) => string): Rounds {
  const results: Rounds = new Map(contenders.map((c) => [c.label, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const contender of contenders) {
      const figures = runChild(contender.command);
      const shown = "error" in figures ? `FAILED (${String(figures.error)})` : pick(figures);
      console.log(`  [${caseName} ${round}/${rounds}] ${contender.label.padEnd(42)} ${shown}`);
      if (!("error" in figures)) results.get(contender.label)!.push(figures);
    }
  }
  return results;
}

/** The numeric values of one figure across rounds (skipping missing ones). */
export function values(runs: Figures[] | undefined, key: string): number[] {
  return (runs ?? []).map((f) => f[key]).filter((v): v is number => typeof v === "number");
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Formats a number with a fixed number of decimals, or "—" when it is missing. */
export function fmt(x: number, decimals = 0): string {
  if (!Number.isFinite(x)) return "—";
  const text = x.toFixed(decimals);
  return Number(text) === 0 ? text.replace("-", "") : text;
}

/** "median (min–max)" of a figure across rounds. */
export function spread(xs: number[], decimals = 0): string {
  if (xs.length === 0) return "—";
  if (xs.length === 1) return fmt(xs[0]!, decimals);
  return `${fmt(median(xs), decimals)} (${fmt(Math.min(...xs), decimals)}–${fmt(Math.max(...xs), decimals)})`;
}

/** A ratio like "4.20×", or "—" when either side is missing. */
export function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? `${(a / b).toFixed(2)}×` : "—";
}

/** "PASS", "FAIL", or "n/a" when the figure is missing. */
export function verdict(pass: boolean | null): string {
  return pass === null ? "n/a" : pass ? "PASS" : "FAIL";
}

/** A Markdown table with aligned columns, so that the output can be pasted as is. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}
