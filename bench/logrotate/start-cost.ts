/**
 * `npx tsx bench/logrotate/start-cost.ts [RUNS]`: what starting node costs here with the
 * benchmark runner's environment against cron's (cron-env.ts) — the measurement behind the
 * logrotate benchmarks running both sides in cron's environment. Each line is the median of
 * RUNS (default 9) starts of `node -e 0`, the two environments alternating; it also names
 * the variables of the runner's environment that cron's lacks, one of which (on the VM these
 * benchmarks were first run on: NODE_EXTRA_CA_CERTS, a CA bundle node reads at every start)
 * may explain a difference.
 */
import { spawnSync } from "node:child_process";
import { CRON_ENV } from "./cron-env.js";

const runs = Number(process.argv[2] ?? 9);
if (!(runs > 0)) throw new Error("usage: start-cost.ts [RUNS]");
const environments: Array<[string, NodeJS.ProcessEnv]> = [
  ["this shell's environment", process.env],
  ["cron's environment", { ...CRON_ENV }],
];
const times = new Map<string, number[]>(environments.map(([name]) => [name, []]));
for (let run = 0; run < runs; run++) {
  for (const [name, env] of run % 2 === 0 ? environments : [...environments].reverse()) {
    const started = process.hrtime.bigint();
    spawnSync(process.execPath, ["-e", "0"], { env, stdio: "ignore" });
    times.get(name)!.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
}
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`node -e 0, median of ${runs} starts:`);
for (const [name, values] of times) console.log(`  ${name.padEnd(26)} ${median(values).toFixed(0).padStart(5)} ms`);
const extra = Object.keys(process.env).filter((key) => !(key in CRON_ENV) && /^(NODE_|UV_)/.test(key));
console.log(`node's own variables in this shell's environment and not in cron's: ${extra.join(", ") || "none"}`);
