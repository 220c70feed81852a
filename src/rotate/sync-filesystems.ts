/**
 * syncFilesystems: makes everything written to the filesystems of some directories durable
 * at once, with syncfs(2) (coreutils' `sync -f`, one directory per filesystem), for a barrier
 * over many new files (node-fs-direct.ts's fsyncFiles).
 *
 * WHY: a compressed pass writes one new file per log and must have each whole on the disk
 * before it is renamed into place. One fdatasync per file is one open, one hop to the thread
 * pool and one cache flush of the device per file: 1,000 files of ~1 KiB took 150–190 ms
 * here with 16 threads, most of it the main thread's opens and hand-overs. One syncfs writes
 * them all back and flushes the device once: 27–66 ms for the same 1,000, the process start
 * included (`node` on this VM, Linux 6.18, coreutils 9.1).
 *
 * What it costs instead: syncfs also writes back whatever else on that filesystem is dirty,
 * so the barrier uses it only for many files (the caller decides how many), where per-file
 * flushes cost more. It answers false (the caller then syncs file by file) where it cannot
 * vouch for the result: a kernel before 5.8, whose syncfs does not report a failed
 * write-back; `sync` missing or failing; a directory it cannot look at.
 */
import { spawn } from "node:child_process";
import { lstatSync } from "node:fs";
import { release } from "node:os";

/** syncfs(2) reports write-back errors since Linux 5.8 (errseq on the superblock). */
const REPORTS_ERRORS_FROM: readonly [number, number] = [5, 8];

/** Whether this kernel's syncfs says when a write-back failed (`kernel`: os.release()'s form). */
export function syncfsReportsErrors(platform: string = process.platform, kernel: string = release()): boolean {
  if (platform !== "linux") return false;
  const match = /^(\d+)\.(\d+)/.exec(kernel);
  if (match === null) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > REPORTS_ERRORS_FROM[0] || (major === REPORTS_ERRORS_FROM[0] && minor >= REPORTS_ERRORS_FROM[1]);
}

/** One of `dirs` per filesystem (by st_dev), or null when one of them cannot be looked at. */
export function onePerFilesystem(dirs: Iterable<string>, deviceOf: (dir: string) => number = (dir) => lstatSync(dir).dev): string[] | null {
  const chosen = new Map<number, string>();
  try {
    for (const dir of dirs) {
      const device = deviceOf(dir);
      if (!chosen.has(device)) chosen.set(device, dir);
    }
  } catch {
    return null;
  }
  return [...chosen.values()];
}

/**
 * Runs syncfs on the filesystem of each of `dirs`; resolves true once everything written
 * to them before the call is on the disk, false when that could not be done or vouched for
 * (see the header), never rejects.
 *
 * @example
 * if (!(await syncFilesystems(["/var/log/app"]))) await fsyncEachFile();
 */
export function syncFilesystems(dirs: Iterable<string>, command = "sync"): Promise<boolean> {
  if (!syncfsReportsErrors()) return Promise.resolve(false);
  const chosen = onePerFilesystem(dirs);
  if (chosen === null) return Promise.resolve(false);
  if (chosen.length === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    // `--` : a directory named like an option is still a directory.
    const child = spawn(command, ["-f", "--", ...chosen], { stdio: "ignore" });
    child.once("error", () => resolve(false));
    child.once("close", (code) => resolve(code === 0));
  });
}
