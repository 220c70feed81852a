/**
 * `npx tsx bench/logrotate/unlink-cost.ts DIR [FILES]`: what removing files that hold data
 * costs here, one after another on one thread against all at once through libuv's pool of
 * 16 threads (as rotor-logrotate's launcher sizes it) — the measurement behind
 * node-fs-direct.ts's `unlink`. Each side removes FILES (default 1,000) files of 4 KiB,
 * written and then `sync`ed (so their blocks are allocated, as a rotated log's are), in a
 * directory of its own under the new directory DIR (left in place, emptied).
 *
 * On a filesystem mounted with `discard`, freeing blocks waits for the device, and the
 * waits of many removals overlap only when many threads make them. One sample of each, the
 * sequential one first: run it a few times. (rotor's unlink also lstats each name first, on
 * its own thread, to decide: not counted here.)
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, promises as fsp, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const [dir, count = "1000", side] = process.argv.slice(2);
if (dir === undefined || !/^\d+$/.test(count)) throw new Error("usage: unlink-cost.ts DIR [FILES]");
const files = Number(count);

function prepare(at: string): string[] {
  mkdirSync(at, { recursive: true });
  const data = Buffer.alloc(4096, 0x61);
  const paths = Array.from({ length: files }, (_, i) => join(at, `app${i}.log.1`));
  for (const path of paths) writeFileSync(path, data);
  spawnSync("sync");
  return paths;
}

if (side === "pool") {
  // A child of its own, so that its pool is made with the size its environment says.
  const paths = prepare(join(dir, "pool"));
  const started = process.hrtime.bigint();
  await Promise.all(paths.map((path) => fsp.unlink(path)));
  console.log(`  through the pool (UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE}): ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0)} ms`);
} else {
  console.log(`removing ${files.toLocaleString("en")} files of 4 KiB, each holding its blocks:`);
  const paths = prepare(join(dir, "one-by-one"));
  const started = process.hrtime.bigint();
  for (const path of paths) unlinkSync(path);
  console.log(`  one after another: ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0)} ms`);
  const self = fileURLToPath(import.meta.url);
  spawnSync(process.execPath, ["--import", "tsx", self, dir, count, "pool"], { stdio: "inherit", env: { ...process.env, UV_THREADPOOL_SIZE: "16" } });
}
