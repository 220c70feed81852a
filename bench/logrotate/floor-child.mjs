/**
 * The floor of a forced rotation, run by floor.ts as a child process: on a tree made by
 * make-tree.ts, the least work any rotator must do — a readdir per directory, then per log one
 * lstat and three moves (.2 → .3, .1 → .2, the log → .1; each link + unlink, as rotor's
 * no-replace rename, or rename(2)), then one write of the state. No journal, no planning, no
 * fresh log: everything rotor-logrotate adds is above this line.
 *
 * Usage: node bench/logrotate/floor-child.mjs TREE link|rename [THREADS]
 *
 * With THREADS > 1 the directories are split between the main thread and THREADS - 1 worker
 * threads, each making its share's calls one after another: the floor of a rotator that moves
 * on several threads (rotor-logrotate uses two). The worker threads' start-up is included.
 * (Plain JavaScript, so that it starts as fast as node does: rotor-logrotate runs built JS too.)
 */
import process from "node:process";
import { fsyncSync, linkSync, lstatSync, openSync, closeSync, readdirSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { Worker, isMainThread, workerData } from "node:worker_threads";

const DIRECTORIES = 10;

/** Rotates every log of the directories `first, first + step, …` and returns their paths. */
function rotateShare(root, mode, first, step) {
  const move = mode === "link" ? (from, to) => (linkSync(from, to), unlinkSync(from)) : (from, to) => renameSync(from, to);
  const logs = [];
  for (let d = first; d < DIRECTORIES; d += step) {
    const dir = join(root, "logs", `d${d}`);
    for (const name of readdirSync(dir)) if (name.endsWith(".log")) logs.push(join(dir, name));
  }
  for (const log of logs) {
    lstatSync(log);
    move(`${log}.2`, `${log}.3`);
    move(`${log}.1`, `${log}.2`);
    move(log, `${log}.1`);
  }
  return logs;
}

if (!isMainThread) {
  const { root, mode, first, step } = workerData;
  rotateShare(root, mode, first, step);
} else {
  const [root, mode, threadsText = "1"] = process.argv.slice(2);
  const threads = Number(threadsText);
  if (root === undefined || (mode !== "link" && mode !== "rename") || !(threads >= 1)) throw new Error("usage: floor-child.mjs TREE link|rename [THREADS]");
  const workers = Array.from({ length: threads - 1 }, (_, k) => new Worker(new globalThis.URL(import.meta.url), { workerData: { root, mode, first: k + 1, step: threads } }));
  const exited = workers.map((worker) => new Promise((resolve, reject) => worker.on("error", reject).on("exit", resolve)));
  const logs = rotateShare(root, mode, 0, threads);
  await Promise.all(exited);
  // The workers' logs are named again here (the state lists them all, as a rotator's would).
  for (let d = 0; d < DIRECTORIES; d++) if (d % threads !== 0) for (const name of readdirSync(join(root, "logs", `d${d}`))) if (name.endsWith(".log")) logs.push(join(root, "logs", `d${d}`, name));
  const fd = openSync(join(root, "state.tmp"), "w", 0o600);
  writeSync(fd, logs.map((log) => `"${log}" 2026-1-1-0:0:0\n`).join(""));
  fsyncSync(fd);
  closeSync(fd);
  renameSync(join(root, "state.tmp"), join(root, "state"));
}
