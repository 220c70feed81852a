/**
 * The floor of a forced rotation, run by floor.ts as a child process: on a tree made by
 * make-tree.ts, the least work any rotator must do, one call after another on the main
 * thread — a readdir per directory, then per log one lstat and three moves (.2 → .3,
 * .1 → .2, the log → .1; each link + unlink, as rotor's no-replace rename, or rename(2)),
 * then one write of the state. No journal, no planning, no fresh log: everything rotor-logrotate
 * adds is above this line.
 *
 * Usage: node bench/logrotate/floor-child.mjs TREE link|rename
 * (Plain JavaScript, so that it starts as fast as node does: rotor-logrotate runs built JS too.)
 */
import process from "node:process";
import { fsyncSync, linkSync, lstatSync, openSync, closeSync, readdirSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";

const [root, mode] = process.argv.slice(2);
if (root === undefined || (mode !== "link" && mode !== "rename")) throw new Error("usage: floor-child.mjs TREE link|rename");
const move = mode === "link" ? (from, to) => (linkSync(from, to), unlinkSync(from)) : (from, to) => renameSync(from, to);
const logs = [];
for (let d = 0; d < 10; d++) {
  const dir = join(root, "logs", `d${d}`);
  for (const name of readdirSync(dir)) if (name.endsWith(".log")) logs.push(join(dir, name));
}
for (const log of logs) {
  lstatSync(log);
  move(`${log}.2`, `${log}.3`);
  move(`${log}.1`, `${log}.2`);
  move(log, `${log}.1`);
}
const fd = openSync(join(root, "state.tmp"), "w", 0o600);
writeSync(fd, logs.map((log) => `"${log}" 2026-1-1-0:0:0\n`).join(""));
fsyncSync(fd);
closeSync(fd);
renameSync(join(root, "state.tmp"), join(root, "state"));
