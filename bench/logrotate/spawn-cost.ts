/**
 * `npx tsx bench/logrotate/spawn-cost.ts [ROUNDS]`: what one `sync -f DIR` costs a node
 * process whose heap is the size of a pass's (~300 MB resident), started directly with
 * child_process.spawn against asked of a bash loop started once (startShellServer, as
 * sync-filesystems.ts's syncer) — the measurement behind shell-server.ts. Each round times
 * one of each, from the call to the answer, alternating which goes first; DIR is a new
 * directory under the system's temporary one, so the syncfs finds little to write.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startShellServer } from "../../src/rotate/shell-server.js";

const rounds = Number(process.argv[2] ?? "7");
if (!(rounds > 0)) throw new Error("usage: spawn-cost.ts [ROUNDS]");
// A heap like a pass's: a fork copies the page tables of all of it.
const ballast: Array<{ i: number; s: string }> = [];
for (let i = 0; i < 2e6; i++) ballast.push({ i, s: `x${i}` });
const dir = mkdtempSync(join(tmpdir(), "rotor-spawn-cost-"));

const direct = (): Promise<number> =>
  new Promise((resolve) => {
    const started = performance.now();
    spawn("sync", ["-f", "--", dir], { stdio: "ignore" }).once("close", () => resolve(performance.now() - started));
  });
const server = startShellServer(`while IFS= read -r -d '' d; do sync -f -- "$d"; echo $?; done`, []);
const viaLoop = async (): Promise<number> => {
  const started = performance.now();
  await server.ask(`${dir}\0`);
  return performance.now() - started;
};

console.log(`one \`sync -f\` from a node process of ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB resident, ${rounds} rounds (ms):`);
const times: Record<string, number[]> = { spawned: [], "bash loop": [] };
await viaLoop(); // the loop's own start, made once per process, is not counted
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? (["spawned", "bash loop"] as const) : (["bash loop", "spawned"] as const);
  for (const side of order) times[side]!.push(await (side === "spawned" ? direct() : viaLoop()));
}
for (const [side, values] of Object.entries(times)) {
  const sorted = [...values].sort((a, b) => a - b);
  console.log(`  ${side.padEnd(10)} median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)}  (${values.map((v) => v.toFixed(1)).join(", ")})`);
}
await server.close(5000);
rmSync(dir, { recursive: true, force: true });
console.log(`(${ballast.length.toLocaleString("en")} objects kept alive)`);
