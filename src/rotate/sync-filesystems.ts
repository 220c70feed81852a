/**
 * syncFilesystems: makes everything written to the filesystems of some directories durable
 * at once, with syncfs(2) (coreutils' `sync -f`, one directory per filesystem), for a barrier
 * over many new files (node-fs-direct.ts's fsyncFiles).
 *
 * WHY: a compressed pass writes one new file per log and must have each whole on the disk
 * before it is renamed into place. One fdatasync per file is one open, one hop to the thread
 * pool and one cache flush of the device per file: 1,000 files of ~1 KiB took 149–198 ms
 * here with 16 threads. One syncfs writes them all back and flushes the device once: 28–39
 * ms for the same 1,000, the process start included (`npx tsx bench/logrotate/sync-cost.ts
 * DIR` on this VM, Linux 6.18, coreutils 9.1). `sync` is run by a loop started once per
 * process (SYNCER), so that a barrier forks bash rather than rotor's own process.
 *
 * What it costs instead: syncfs also writes back whatever else on that filesystem is dirty,
 * so the barrier uses it only for many files (the caller decides how many), where per-file
 * flushes cost more. It answers false (the caller then syncs file by file) wherever it cannot
 * vouch for the result:
 * - a kernel before 5.17: syncfs reports a failed write-back since 5.8, a failed flush of the
 *   filesystem itself (->sync_fs: a journal commit, the device's cache) only since 5.17;
 * - a filesystem other than ext2/3/4, XFS, Btrfs and tmpfs: a FUSE or network filesystem may
 *   have no ->sync_fs at all, and syncfs would then succeed without its server syncing;
 * - a `sync` that is not coreutils' (an old busybox's ignores its arguments and reports
 *   nothing), or that fails; no bash to run it from; a directory it cannot look at.
 * One case it cannot see: a write-back error on these files that another process's syncfs of
 * the same filesystem has already collected (the error is counted per filesystem, not per
 * file as an fdatasync's is).
 */
import { statfsSync, statSync } from "node:fs";
import { release } from "node:os";
import { startShellServer, type ShellServer } from "./shell-server.js";

/** syncfs(2) reports failed write-backs since Linux 5.8, and failures of ->sync_fs since 5.17. */
const REPORTS_ERRORS_FROM: readonly [number, number] = [5, 17];

/** statfs(2) f_type of the filesystems whose syncfs is known to sync their data and report failures. */
const SYNCFS_TRUSTED = new Set([
  0xef53, // ext2, ext3, ext4
  0x58465342, // XFS
  0x9123683e, // Btrfs
  0x01021994, // tmpfs (nothing to make durable)
]);

/** Whether this kernel's syncfs says when a write-back or the filesystem's own sync failed (`kernel`: os.release()'s form). */
export function syncfsReportsErrors(platform: string = process.platform, kernel: string = release()): boolean {
  if (platform !== "linux") return false;
  const match = /^(\d+)\.(\d+)/.exec(kernel);
  if (match === null) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > REPORTS_ERRORS_FROM[0] || (major === REPORTS_ERRORS_FROM[0] && minor >= REPORTS_ERRORS_FROM[1]);
}

/** What onePerFilesystem needs to know of a directory (stat(2), following a symlink as `sync`'s open does). */
export interface DirFilesystem {
  device: number;
  type: number;
}

const filesystemOf = (dir: string): DirFilesystem => ({ device: statSync(dir).dev, type: statfsSync(dir).type });

/**
 * One of `dirs` per filesystem (by st_dev), or null when one of them cannot be looked at or
 * lives on a filesystem whose syncfs is not trusted (SYNCFS_TRUSTED).
 */
export function onePerFilesystem(dirs: Iterable<string>, lookAt: (dir: string) => DirFilesystem = filesystemOf): string[] | null {
  const chosen = new Map<number, string>();
  try {
    for (const dir of dirs) {
      const { device, type } = lookAt(dir);
      if (!SYNCFS_TRUSTED.has(type)) return null;
      if (!chosen.has(device)) chosen.set(device, dir);
    }
  } catch {
    return null;
  }
  return [...chosen.values()];
}

/**
 * The loop that runs `sync` for a process (a shell server, shell-server.ts: each barrier
 * forks bash, not rotor's process). A request is a verb, a count and that many arguments,
 * each ended by a NUL: `check 0` answers `fit` when $0 is coreutils' sync, else `unfit`;
 * `sync N DIR...` runs `$0 -f -- DIR...` and answers its exit code.
 */
const SYNCER = `while IFS= read -r -d '' verb && IFS= read -r -d '' count; do
  args=()
  for ((i = 0; i < count; i++)); do IFS= read -r -d '' arg || exit 0; args+=("$arg"); done
  case $verb in
    check) case $("$0" --version 2>/dev/null) in *"(GNU coreutils)"*) echo fit ;; *) echo unfit ;; esac ;;
    sync) "$0" -f -- "\${args[@]}" >/dev/null 2>&1; echo $? ;;
    *) echo unknown ;;
  esac
done`;

/** A request to the syncer (see SYNCER). */
const request = (verb: string, args: readonly string[]): string => `${verb}\0${args.length}\0${args.map((arg) => `${arg}\0`).join("")}`;

/** One syncer per command, and its answer to `check` (asked once per syncer; null if it died first). */
const syncers = new Map<string, { server: ShellServer; check: Promise<string | null> }>();

function syncerFor(command: string): { server: ShellServer; check: Promise<string | null> } {
  let syncer = syncers.get(command);
  if (syncer === undefined) {
    const server = startShellServer(SYNCER, [command]);
    syncers.set(command, (syncer = { server, check: server.ask(request("check", [])) }));
  }
  return syncer;
}

/**
 * Starts the syncer for `command` and its check now, where a barrier over `dirs` would use
 * it, so that the barrier soon after does not wait for them: a batch calls it as its
 * compressions begin (node-fs-direct.ts).
 *
 * @example
 * prepareSyncFilesystems(["/var/log/app"]);
 */
export function prepareSyncFilesystems(dirs: Iterable<string>, command = "sync"): void {
  if (syncfsReportsErrors() && onePerFilesystem(dirs) !== null) syncerFor(command);
}

/**
 * Runs syncfs on the filesystem of each of `dirs`; resolves true once everything written
 * to them before the call is on the disk, false when that could not be done or vouched for
 * (see the header), never rejects.
 *
 * @example
 * if (!(await syncFilesystems(["/var/log/app"]))) await fsyncEachFile();
 */
export async function syncFilesystems(dirs: Iterable<string>, command = "sync"): Promise<boolean> {
  if (!syncfsReportsErrors()) return false;
  const chosen = onePerFilesystem(dirs);
  if (chosen === null) return false;
  if (chosen.length === 0) return true;
  const syncer = syncerFor(command);
  const check = await syncer.check;
  // `--` (in the loop): a directory named like an option is still a directory.
  const answer = check === "fit" ? await syncer.server.ask(request("sync", chosen)) : check;
  // A syncer that died (killed with rotor's process group, out of memory) is replaced next
  // time; one whose command is not coreutils' sync stays, and keeps saying so.
  if (answer === null && syncers.get(command) === syncer) syncers.delete(command);
  return answer === "0";
}
