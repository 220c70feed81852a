/**
 * `npm run bench:logrotate-floor`: how close a rotator, one call after another or on two threads, can get to the forced
 * case's target of `npm run bench:logrotate` (rotor ≤ ½ logrotate). On identical fresh trees
 * (make-tree.ts: 10,000 logs in 10 directories, .1 and .2 there), side by side and
 * alternating, it times Debian's logrotate `-f`, the floor (floor-child.mjs: only the
 * readdirs, lstats, moves and state write, one after another) with link + unlink and with
 * rename(2), the same with rename(2) on two threads (the directories split between them), and
 * rotor-logrotate `-f`. Each is a child process timed from spawn to exit,
 * Node's start-up included for the floor as for rotor. Medians over BENCH_ROUNDS (default 3).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CRON_ENV, CRON_ENV_LINE } from "./cron-env.js";

const LOGS = Number(process.env.BENCH_LOGS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
/** The executable as installed: package.json's bin. */
const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { bin: Record<string, string> };
const rotor = fileURLToPath(new URL(`../../${pkg.bin["rotor-logrotate"]}`, import.meta.url));

const sides: Record<string, (tree: string) => string[]> = {
  logrotate: (tree) => ["/usr/sbin/logrotate", "-f", "-s", join(tree, "state"), join(tree, "bench.conf")],
  "floor (link + unlink)": (tree) => [process.execPath, here("./floor-child.mjs"), tree, "link"],
  "floor (rename)": (tree) => [process.execPath, here("./floor-child.mjs"), tree, "rename"],
  "floor (rename, 2 threads)": (tree) => [process.execPath, here("./floor-child.mjs"), tree, "rename", "2"],
  "rotor-logrotate": (tree) => [process.execPath, rotor, "-f", "-s", join(tree, "state"), join(tree, "bench.conf")],
};

const times: Record<string, number[]> = Object.fromEntries(Object.keys(sides).map((name) => [name, []]));
console.log(`logrotate floor: ${LOGS.toLocaleString("en")} logs, ${ROUNDS} rounds; node ${process.version}; load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
console.log(CRON_ENV_LINE);
for (let round = 0; round < ROUNDS; round++) {
  const names = Object.keys(sides);
  if (round % 2 === 1) names.reverse();
  for (const name of names) {
    const tree = mkdtempSync(join(tmpdir(), "bench-floor-"));
    execFileSync(process.execPath, ["--import", "tsx", here("./make-tree.ts"), tree, String(LOGS)]);
    const [command, ...args] = sides[name]!(tree);
    const started = process.hrtime.bigint();
    spawnSync("sync");
    const result = spawnSync(command!, args, { stdio: ["ignore", "ignore", "pipe"], env: CRON_ENV });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    rmSync(tree, { recursive: true, force: true });
    if (result.status !== 0) throw new Error(`${name} exited with ${result.status}: ${result.stderr}`);
    times[name]!.push(ms);
    console.log(`  [${round + 1}/${ROUNDS}] ${name.padEnd(26)} ${ms.toFixed(0).padStart(6)} ms`);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const base = median(times.logrotate!);
console.log("\n| side | median ms | ÷ logrotate |\n|---|---|---|");
for (const [name, values] of Object.entries(times)) console.log(`| ${name} | ${median(values).toFixed(0)} | ${(median(values) / base).toFixed(2)}× |`);
console.log(`load average at end ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
