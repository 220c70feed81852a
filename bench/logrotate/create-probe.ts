/**
 * What creating a file costs on this filesystem right now, for the benchmarks that time
 * runs which create files (compression writes one `.gz` per log).
 *
 * WHY: on an ext4 without a journal (this VM's root filesystem), allocating an inode skips
 * every inode of its group deleted in the last 60–300 seconds, reading each one's block to
 * see when (the kernel's recently_deleted(), seen with `perf record -g`). Right after a
 * benchmark deleted a tree of tens of thousands of files, each creation cost ~0.7–1 ms
 * instead of ~0.03 ms (1,000 creations in a fresh directory: 567–778 ms, then 28–45 ms once
 * the deletions were ten minutes old). Both sides of a run pay it equally, so it hides
 * their difference, and a run's deletions slow the runs after it. So the benchmarks give
 * each run's tree an inode group of its own (`spreadingParent`), wait until a probe says
 * creating is cheap before runs that create files, and print the probe so that a reader can
 * see the state the runs met. A run still pays for its own deletions, as it would in place.
 * The probe measures the group its own new directory lands in: a stand-in for the trees',
 * which are in groups of their own too. `chattr +T` means something only on ext2/3/4;
 * elsewhere (a tmpfs /tmp) the trees simply share what the filesystem gives them.
 *
 * Alone, `npx tsx bench/logrotate/create-probe.ts DIR` prints the probe for a new directory
 * DIR (left in place); run it before and after deleting a tree made by make-tree.ts to see
 * the effect.
 */
import { spawnSync } from "node:child_process";
import { closeSync, constants, mkdirSync, openSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const PROBE_FILES = 200;
/** Above this a creation is paying for recent deletions (~0.03–0.05 ms when none are near). */
const SLOW_MS = 0.15;

/**
 * Creates PROBE_FILES empty files in the new directory `dir` (left in place: removing them
 * would be one more recent deletion) and returns the mean cost of one creation, in ms.
 */
export function createCostMs(dir: string): number {
  mkdirSync(dir, { recursive: true });
  const started = process.hrtime.bigint();
  for (let i = 0; i < PROBE_FILES; i++) closeSync(openSync(join(dir, `probe${i}`), constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644));
  return Number(process.hrtime.bigint() - started) / 1e6 / PROBE_FILES;
}

/** The probe's line for a benchmark's output. */
export function describeCreateCost(ms: number): string {
  const state = ms > SLOW_MS ? " (slow: many files were deleted here in the last minutes; creations in the runs will cost as much)" : "";
  return `creating a file here costs ${ms.toFixed(3)} ms now${state}`;
}

/**
 * Probes (in new directories under `dir`) until creating a file is cheap again, for at most
 * `maxSeconds` (the kernel forgets a deletion after 300 s at most), saying each probe's
 * result; returns the last cost. A benchmark whose timed runs create files calls it first.
 */
export function waitForCheapCreation(dir: string, say: (line: string) => void, maxSeconds = 330): number {
  const started = Date.now();
  for (let probe = 1; ; probe++) {
    const ms = createCostMs(join(dir, `probe${probe}`));
    say(describeCreateCost(ms));
    if (ms <= SLOW_MS || Date.now() - started > maxSeconds * 1000) return ms;
    say("waiting 20 s for the deletions to age");
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20_000);
  }
}

/**
 * Makes `dir` a directory whose subdirectories ext4 spreads over its inode groups as it does
 * top-level ones (`chattr +T`, the Orlov allocator's "top of a hierarchy" flag): each tree
 * made directly under it gets a group of its own, away from the other runs' deletions.
 * Best effort: where chattr or the flag is missing, the trees simply share groups.
 */
export function spreadingParent(dir: string): string {
  mkdirSync(dir, { recursive: true });
  spawnSync("chattr", ["+T", dir], { stdio: "ignore" });
  return dir;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = process.argv[2];
  if (dir === undefined) throw new Error("usage: create-probe.ts DIR (a new directory)");
  console.log(describeCreateCost(createCostMs(dir)));
}
