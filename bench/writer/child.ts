/**
 * One contender in a process of its own (fresh heap, its own peak RSS), for index.ts:
 *   tsx bench/writer/child.ts <contender> <dir> <lines> <fsync> [crashAt]
 * Prints one JSON line: elapsed ms, peak RSS, RSS before writing, the longest event-loop
 * block (the longest gap between the ticks of a 1 ms interval) while writing. With crashAt, SIGKILLs itself right after handing over that
 * line (the lines it loses are what it had accepted and not yet written).
 */
import { once } from "node:events";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { FsyncMode } from "../../src/index.js";
import { openSink, type ContenderName } from "./contenders.js";

const [name, dir, linesArg, fsync, crashAt] = process.argv.slice(2) as [ContenderName, string, string, FsyncMode, string | undefined];
const lines = Number(linesArg);
const crash = crashAt === undefined ? 0 : Number(crashAt);
const PAD = "x".repeat(109); // 9 digits + space + 109 + newline: 120 bytes

const sink = await openSink(name, dir, fsync);
const rssBefore = process.memoryUsage.rss();
// A 1 ms probe: the longest gap between its ticks is the longest time the loop was blocked.
let lastTick = performance.now();
let maxGap = 0;
const probe = setInterval(() => {
  const now = performance.now();
  maxGap = Math.max(maxGap, now - lastTick);
  lastTick = now;
}, 1);
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
const started = performance.now();
for (let n = 1; n <= lines; n++) {
  if (!sink.write(`${String(n).padStart(9, "0")} ${PAD}\n`)) await once(sink as unknown as NodeJS.EventEmitter, "drain");
  if (n === crash) process.kill(process.pid, "SIGKILL");
}
await sink.close();
const elapsed = performance.now() - started;
// One more turn of the loop, so that a run that never yielded (the writeSync bound) is recorded as one long block.
await new Promise((resolve) => setTimeout(resolve, 2));
delay.disable();
clearInterval(probe);
const ms = (ns: number): number => ns / 1e6;
process.stdout.write(
  `${JSON.stringify({ elapsed, peakRss: process.resourceUsage().maxRSS * 1024, rssBefore, maxDelayMs: maxGap, p99DelayMs: ms(delay.percentile(99)) })}\n`,
);
