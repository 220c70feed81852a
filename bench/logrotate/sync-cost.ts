/**
 * `npx tsx bench/logrotate/sync-cost.ts DIR [FILES]`: what making FILES (default 1,000) new
 * files of ~1 KiB (a compressed log's size) durable costs here, an fdatasync each against one
 * syncfs of their filesystem — the measurement behind node-fs-direct.ts's `fsyncFiles` and
 * sync-filesystems.ts. Each side writes its files into a directory of its own under the new
 * directory DIR (left in place, emptied), then times only the barrier:
 * - an fdatasync each, as node-fs-direct's fsyncFile makes it (open and close on this thread,
 *   the fdatasync through libuv's pool of 16 threads, 64 files at a time);
 * - one `sync -f` of the directory (coreutils, syncfs(2)), its process start included.
 * It runs three rounds, alternating which goes first; the tree is not `sync`ed before a side,
 * so each finds only its own files dirty (and whatever else the machine wrote meanwhile).
 */
import { spawnSync } from "node:child_process";
import { closeSync, constants, fdatasync, mkdirSync, openSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const [dir, count = "1000", side] = process.argv.slice(2);
if (dir === undefined || !/^\d+$/.test(count)) throw new Error("usage: sync-cost.ts DIR [FILES]");
const files = Number(count);
const AT_ONCE = 64;

function write(at: string): string[] {
  rmSync(at, { recursive: true, force: true });
  mkdirSync(at, { recursive: true });
  const data = Buffer.alloc(1200, 0x61);
  const paths = Array.from({ length: files }, (_, i) => join(at, `app${i}.log.1.gz`));
  for (const path of paths) writeFileSync(path, data);
  return paths;
}

function fdatasyncOne(path: string): Promise<void> {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  return new Promise((resolve, reject) => fdatasync(fd, (error) => (closeSync(fd), error ? reject(error) : resolve())));
}

async function fdatasyncEach(paths: string[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) await fdatasyncOne(paths[next++]!);
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
}

if (side !== undefined) {
  // A child of its own, so that its pool is made with 16 threads.
  const paths = write(join(dir, side));
  const started = process.hrtime.bigint();
  if (side === "each") await fdatasyncEach(paths);
  else if (spawnSync("sync", ["-f", "--", join(dir, side)]).status !== 0) throw new Error("sync -f failed");
  const label = side === "each" ? "an fdatasync each (pool of 16)" : "one sync -f (syncfs)";
  console.log(`  ${label.padEnd(32)} ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0).padStart(5)} ms`);
} else {
  console.log(`making ${files.toLocaleString("en")} new files of 1,200 bytes durable:`);
  const self = fileURLToPath(import.meta.url);
  for (let round = 0; round < 3; round++) {
    const sides = round % 2 === 0 ? ["each", "syncfs"] : ["syncfs", "each"];
    for (const name of sides) spawnSync(process.execPath, ["--import", "tsx", self, dir, count, name], { stdio: "inherit", env: { ...process.env, UV_THREADPOOL_SIZE: "16" } });
  }
}
