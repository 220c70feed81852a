/**
 * `npm run build && npx tsx bench/logrotate/gzip-window-cost.ts [ROUNDS]`: what gzipping 500
 * different log files of 4 KiB in one piece costs a fresh node process (cold code, as in a
 * pass) with zlib's default window (`windowBits` 15) against the smallest window that holds
 * each (compress.ts's wholeGzipOptions, from the build) — the measurement behind
 * wholeGzipOptions. Each round runs each side in a plain node process of its own, as
 * rotor-logrotate runs (a TypeScript loader in the child would have warmed its allocator
 * first), alternating which goes first, and checks that both give the same bytes.
 */
import { spawnSync } from "node:child_process";

const rounds = Number(process.argv[2] ?? "7");
if (!(rounds > 0)) throw new Error("usage: gzip-window-cost.ts [ROUNDS]");
const compressJs = new URL("../../dist/src/rotate/compress.js", import.meta.url).href;

/** One side: prints its time in ms and its output in base64. */
const child = (side: string): string => `
  import { gzipSync } from "node:zlib";
  import { wholeGzipOptions } from ${JSON.stringify(compressJs)};
  const line = "2026-11-25T00:00:00Z host app[123]: something happened, request id 0123456789abcdef\\n";
  const files = Array.from({ length: 500 }, (_, i) => Buffer.from((i + " " + line).repeat(60).slice(0, 4096)));
  const started = process.hrtime.bigint();
  // Both sides have loaded compress.js (and what it loads) before the clock starts.
  const choose = ${side === "smallest" ? "(data) => wholeGzipOptions(null, data.length)" : "() => ({})"};
  const outputs = files.map((data) => gzipSync(data, choose(data)));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(JSON.stringify({ ms, output: Buffer.concat(outputs).toString("base64") }));`;

const times: Record<string, number[]> = { default: [], smallest: [] };
console.log(`500 gzips of 4 KiB in a fresh node process, ${rounds} rounds (ms):`);
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? ["default", "smallest"] : ["smallest", "default"];
  const outputs = order.map((side) => {
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", child(side)], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(run.stderr);
    const { ms, output } = JSON.parse(run.stdout) as { ms: number; output: string };
    times[side]!.push(ms);
    return output;
  });
  if (outputs[0] !== outputs[1]) throw new Error("the two windows gave different bytes");
}
for (const [side, values] of Object.entries(times)) {
  const sorted = [...values].sort((a, b) => a - b);
  console.log(`  windowBits ${side.padEnd(9)} median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)}  (${values.map((v) => v.toFixed(1)).join(", ")})`);
}
console.log("both gave the same bytes");
