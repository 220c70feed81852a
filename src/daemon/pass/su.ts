/**
 * `su USER GROUP`: a log's rotation with the effective user and group switched, as logrotate
 * 3.21 does it (docs/logrotate-behaviour.md rule 29, 10j, 10k): renames, copies, creations,
 * compressions and removals happen as that user, so a directory the user may not write stops
 * the rotation with "Permission denied"; the scripts still run as root.
 *
 * HOW: seteuid/setegid on the whole process (glibc applies them to every thread, libuv's
 * pool included) around the rotation, and back in a `finally`; a script is spawned with uid
 * and gid 0, which the kernel allows because the real user is still root. Sound only while
 * nothing else runs on the loop meanwhile: the pass rotates one log at a time. Without root
 * (or on a host without seteuid) there is nothing to switch, and the rotation runs as is.
 */
import type { RotateFileOptions, RotateFs, RunCommand } from "../../rotate/index.js";
import { call, type Operation } from "../../scheduler/index.js";

type Su = NonNullable<RotateFileOptions["su"]>;

function canSwitch(): boolean {
  return typeof process.seteuid === "function" && typeof process.setegid === "function" && process.geteuid?.() === 0;
}

/**
 * Runs `op` as the su user and group (logrotate's words on `say`), then as root again.
 *
 * @example
 * const report = yield* asSuUser(options.su, nodeFs, (line) => out.debug(line), rotation(log, options));
 */
export function* asSuUser<T>(su: Su | undefined, fs: RotateFs, say: (line: string) => void, op: Operation<T>): Operation<T> {
  if (su === undefined || !canSwitch()) return yield* op;
  const { uid = 0, gid = 0 } = yield* call(fs.resolveOwner(su.user, su.group));
  say(`switching euid from 0 to ${uid} and egid from 0 to ${gid} (pid ${process.pid})`);
  process.setegid!(gid);
  process.seteuid!(uid);
  try {
    return yield* op;
  } finally {
    process.seteuid!(0);
    process.setegid!(0);
    say(`switching euid from ${uid} to 0 and egid from ${gid} to 0 (pid ${process.pid})`);
  }
}

/**
 * The file operations of a rotation under su. logrotate gives the files it makes (the new
 * log, a copy, a compressed version) an owner only when it runs as root (createOutputFile:
 * the fchown is skipped for any other effective user), so under su they stay the su
 * user's, where a chown to the old log's owner would fail with EPERM (docs 16f). A
 * directory's chown (createolddir) is still made, as logrotate's mkdir makes it.
 *
 * @example
 * const fs = suFiles(options.su, options.fs ?? nodeFs);
 */
export function suFiles(su: Su | undefined, fs: RotateFs): RotateFs {
  if (su === undefined || !canSwitch()) return fs;
  return {
    ...fs,
    chown: async (path, uid, gid) => {
      if (process.geteuid!() !== 0 && (await fs.lstat(path))?.type !== "directory") return;
      return fs.chown(path, uid, gid);
    },
  };
}

/**
 * A RunCommand that starts scripts (`/bin/sh`) as root while the effective user is switched,
 * as logrotate runs them; other programs (a compressor, shred) run as the su user.
 *
 * @example
 * const runCommand = rootScripts(options.su, runCommand);
 */
export function rootScripts(su: Su | undefined, run: RunCommand): RunCommand {
  if (su === undefined || !canSwitch()) return run;
  return (file, args, options) => run(file, args, file === "/bin/sh" ? { ...options, uid: 0, gid: 0 } : options);
}
