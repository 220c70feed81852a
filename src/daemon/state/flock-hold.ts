/**
 * holdFlock: an flock(2) on a file, held for as long as rotor wants it, so that a real
 * logrotate started meanwhile sees the state file locked and stops (its exit code 3).
 *
 * WHY a child process: logrotate locks its state file with flock(2), and Node has no
 * flock. util-linux's flock(1) takes the lock without waiting (`-n`), then runs `cat`,
 * which reads rotor's end of a pipe: the lock lasts until rotor closes that pipe, or dies
 * (the kernel closes the pipe then, cat sees its end, and the lock goes with it). The
 * child and its pipes are unref'ed, so a hold never keeps rotor's process alive.
 *
 * An flock belongs to an inode, and every atomic write of the state renames a new file into
 * place; the holder of a state file therefore takes the lock again on each new file (see
 * StateLock.renew). A logrotate starting in between those two moments can still slip in.
 */
import { spawn } from "node:child_process";
import type { FlockHold } from "./state-fs.js";

/** Exit code asked of flock(1) when the lock is taken (-E): 75 is EX_TEMPFAIL, unused by flock itself. */
export const FLOCK_CONFLICT = 75;

/**
 * Takes an flock on `path` (which flock(1) creates if it is missing) and holds it:
 * "taken" when another program holds one, "unsupported" when flock(1) cannot run here.
 *
 * @example
 * const hold = await holdFlock("/var/lib/logrotate/status");
 * if (typeof hold === "object") await hold.release();
 */
export function holdFlock(path: string): Promise<FlockHold | "taken" | "unsupported"> {
  return new Promise((resolve) => {
    const child = spawn("flock", ["-n", "-E", String(FLOCK_CONFLICT), path, "-c", "echo held; exec cat >/dev/null"], { stdio: ["pipe", "pipe", "ignore"] });
    let answered = false;
    const answer = (result: FlockHold | "taken" | "unsupported") => {
      if (answered) return;
      answered = true;
      resolve(result);
    };
    const exited = new Promise<void>((done) => child.once("close", () => done()));
    child.once("error", () => answer("unsupported")); // no flock(1) on this host (ENOENT)
    child.once("exit", (code) => answer(code === FLOCK_CONFLICT ? "taken" : "unsupported"));
    child.stdout.once("data", () => {
      // stdin and stdout are sockets (pipes) at run time, though typed as plain streams.
      child.unref();
      for (const pipe of [child.stdin, child.stdout]) (pipe as unknown as { unref?: () => void }).unref?.();
      answer({
        release: async () => {
          child.stdin.end();
          await exited;
        },
      });
    });
  });
}
