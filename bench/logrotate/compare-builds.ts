/**
 * `npx tsx bench/logrotate/compare-builds.ts ROUNDS LOGS [compress|noop] SIDE...`: the forced case
 * of `npm run bench:logrotate` for several builds of rotor and logrotate side by side, each
 * run on a fresh tree (make-tree.ts), the sides alternating round by round, so that a change
 * can be judged against the build before it under the same conditions. A SIDE is `logrotate`
 * or a built `dist` directory (to build another commit: `git worktree add /tmp/old COMMIT &&
 * cd /tmp/old && npm ci && npm run build`, then pass /tmp/old/dist).
 *
 * Prints each run's wall time and the child's user and system CPU time (from the kernel's
 * count of waited-for children, 10 ms resolution), then the median wall time of each side
 * and its ratio to logrotate's. A run whose tree does not hold LOGS rotated logs is flagged.
 *
 * Each run has a tree (and an inode group) of its own under TREE, and none is deleted until
 * every run is done: deleted files make the next creations nearby slow on this machine
 * (create-probe.ts says why); with `compress`, whose runs create a file per log, it first
 * waits until creating is cheap. With KEEP_TREES=1 the trees are not deleted at all but
 * moved aside (their path is printed), so that comparisons made one after another do not
 * slow each other: delete them once done.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CRON_ENV, CRON_ENV_LINE } from "./cron-env.js";
import { createCostMs, describeCreateCost, spreadingParent, waitForCheapCreation } from "./create-probe.js";

const LOGROTATE = "/usr/sbin/logrotate";
const MAKE_TREE = fileURLToPath(new URL("./make-tree.ts", import.meta.url));
const TREE = "/tmp/rotor-compare-builds";
const KEEP_TREES = process.env.KEEP_TREES === "1";

const args = process.argv.slice(2);
const rounds = Number(args.shift());
const logs = Number(args.shift());
const compress = args[0] === "compress";
// noop: the same tree, run without -f: its state says every log was rotated now, so nothing is due.
const noop = args[0] === "noop";
if (compress || noop) args.shift();
if (!(rounds > 0) || !(logs >= 10) || args.length === 0) throw new Error("usage: compare-builds.ts ROUNDS LOGS [compress|noop] SIDE... (SIDE: logrotate or a dist directory)");

/** This process's waited-for children's user and system time so far, in ms (/proc/self/stat). */
function childrenCpu(): [user: number, system: number] {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  // After the command's name: cutime and cstime are fields 16 and 17 of stat(5), in ticks of 10 ms.
  return [Number(fields[13]) * 10, Number(fields[14]) * 10];
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`compare-builds: ${logs.toLocaleString("en")} logs${compress ? " (compress)" : noop ? " (no-op)" : ""}, ${rounds} rounds; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(CRON_ENV_LINE);
rmSync(TREE, { recursive: true, force: true });
spreadingParent(TREE);
if (compress) waitForCheapCreation(join(TREE, "probe"), (line) => console.log(line));
else console.log(describeCreateCost(createCostMs(join(TREE, "probe"))));
const walls = new Map<string, number[]>(args.map((side) => [side, []]));
for (let round = 1; round <= rounds; round++) {
  // The sides take turns at going first, as in bench:logrotate.
  const order = round % 2 === 1 ? [...args.entries()] : [...args.entries()].reverse();
  for (const [k, side] of order) {
    const tree = join(TREE, `round${round}-side${k}`);
    spawnSync(process.execPath, ["--import", "tsx", MAKE_TREE, tree, String(logs), ...(compress ? ["compress"] : [])], { stdio: "inherit" });
    spawnSync("sync");
    const command = [...(noop ? [] : ["-f"]), "-s", join(tree, "state"), join(tree, "bench.conf")];
    const [file, argv] = side === "logrotate" ? [LOGROTATE, command] : [process.execPath, [join(side, "src/cli/rotor-logrotate-launcher.cjs"), ...command]];
    const [user, system] = childrenCpu();
    const started = process.hrtime.bigint();
    const child = spawnSync(file, argv, { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", env: CRON_ENV });
    const wall = Number(process.hrtime.bigint() - started) / 1e6;
    const [userAfter, systemAfter] = childrenCpu();
    const files = readdirSync(join(tree, "logs", "d0")).length;
    const expected = (logs / 10) * 3;
    walls.get(side)!.push(wall);
    const flag = child.status !== 0 ? `  exit ${child.status}: ${child.stderr.trim()}` : files !== expected ? `  ${files} files in d0, ${expected} expected` : "";
    console.log(`  [${round}/${rounds}] ${side.padEnd(24)} wall ${wall.toFixed(0).padStart(5)} ms  user ${userAfter - user} ms  sys ${systemAfter - system} ms${flag}`);
  }
}
const reference = walls.has("logrotate") ? median(walls.get("logrotate")!) : null;
console.log("\n| side | median wall ms | ÷ logrotate |\n|---|---|---|");
for (const [side, values] of walls) console.log(`| ${side} | ${median(values).toFixed(0)} | ${reference === null ? "-" : `${(median(values) / reference).toFixed(2)}×`} |`);
if (KEEP_TREES) {
  const kept = `${TREE}.kept-${Date.now()}`;
  renameSync(TREE, kept);
  console.log(`trees kept in ${kept}`);
} else rmSync(TREE, { recursive: true, force: true });
console.log(`load average at end ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
