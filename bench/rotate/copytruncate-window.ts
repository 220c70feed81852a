/**
 * copytruncate's window: how long, on this machine, between the moment the copy has read
 * the log and the moment the log is truncated. A writer that appends in that window loses
 * those lines (test/rotate/disk.test.ts shows exactly which). Measured as the time from the
 * start of the copy step to the start of the truncate step, an upper bound of the window:
 * the copy's fsync, its rename into place, the directory fsync and the journal record.
 *
 * Usage: npm run bench:copytruncate [-- runs=30 kib=64]
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rotateFile } from "../../src/index.js";

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.split("=") as [string, string]));
const runs = Number(args.runs ?? 30);
const kib = Number(args.kib ?? 64);
const windows: number[] = [];

for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), "rotor-window-"));
  const log = join(dir, "app.log");
  writeFileSync(log, "x".repeat(kib * 1024));
  let copyStarted = 0;
  await rotateFile(log, {
    keep: 1,
    mode: "copytruncate",
    onStep: (step) => {
      if (step.kind === "copy") copyStarted = performance.now();
      if (step.kind === "truncate") {
        windows.push(performance.now() - copyStarted);
        appendFileSync(log, "a line in the window\n");
      }
    },
  });
  rmSync(dir, { recursive: true, force: true });
}

windows.sort((a, b) => a - b);
const at = (q: number): string => windows[Math.min(windows.length - 1, Math.floor(q * windows.length))]!.toFixed(2);
console.log(`copytruncate window (copy start -> truncate start), ${kib} KiB log, ${runs} runs: median ${at(0.5)} ms, min ${at(0)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`);
