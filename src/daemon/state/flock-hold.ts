/**
 * holdFlock: an flock(2) on a file, held for as long as rotor wants it, so that a real
 * logrotate started meanwhile sees the state file locked and stops (its exit code 3).
 *
 * WHY a child process: logrotate locks its state file with flock(2), and Node has no
 * flock. A small bash loop holds it: for each path rotor writes on its stdin, it opens the
 * file and has util-linux's flock(1) lock that descriptor without waiting (`flock -n FD`:
 * the lock belongs to the open file, which bash keeps open after flock exits), then says
 * `held` or `taken`. The lock lasts until rotor asks for another path, closes the pipe, or
 * dies (the kernel closes the pipe then, bash sees its end and exits, and the lock goes
 * with it). The child and its pipes are unref'ed, so a hold never keeps rotor's process
 * alive.
 *
 * An flock belongs to an inode, and every atomic write of the state renames a new file into
 * place; the holder of a state file therefore takes the lock again on each new file
 * (`renew`, from StateLock.renew). The same child does it: starting a process from rotor's
 * (a fork of a process of a few hundred MB) cost ~25 ms of its CPU each time, five times in
 * a pass over 10,000 logs. A logrotate starting between the write and the renewal can
 * still slip in.
 */
import { spawn } from "node:child_process";
import type { FlockHold } from "./state-fs.js";

/** Exit code asked of flock(1) when the lock is taken (-E): 75 is EX_TEMPFAIL, unused by flock itself. */
const FLOCK_CONFLICT = 75;

/**
 * The holder's loop. One NUL-terminated path per request; one answer line each: `held` (fd 9
 * now holds the new file's lock, the old one let go), `taken` (someone else holds it;
 * nothing is held now), `failed` (it could not be opened or locked, e.g. a filesystem that
 * refuses flock; nothing is held). `unsupported` first, and it exits, where flock(1) is
 * missing.
 */
const HOLDER = `command -v flock >/dev/null 2>&1 || { echo unsupported; exit 0; }
while IFS= read -r -d '' path; do
  if ! { exec 7<"$path"; } 2>/dev/null; then exec 9<&-; echo failed; continue; fi
  # The file already held (asked again): a second lock on it would conflict with our own.
  if [ /dev/fd/7 -ef /dev/fd/9 ]; then exec 7<&-; echo held; continue; fi
  flock -n -E ${FLOCK_CONFLICT} 7
  case $? in
    0) exec 9<&7 7<&-; echo held ;;
    ${FLOCK_CONFLICT}) exec 7<&- 9<&-; echo taken ;;
    *) exec 7<&- 9<&-; echo failed ;;
  esac
done`;

type Answer = "held" | "taken" | "failed" | "unsupported";

/** How long a released holder may take to exit before it is killed (it exits within ms when well). */
const RELEASE_GRACE_MS = 2000;

/**
 * Takes an flock on the existing file `path` and holds it: "taken" when another program
 * holds one, "unsupported" when it cannot be done here (no bash, no flock(1), or the file
 * cannot be opened).
 *
 * @example
 * const hold = await holdFlock("/var/lib/logrotate/status");
 * if (typeof hold === "object") await hold.release();
 */
export function holdFlock(path: string): Promise<FlockHold | "taken" | "unsupported"> {
  // No start-up file of the user's: --norc, as its stdin is a socket (node's pipes are
  // socketpairs), which bash takes for a connection from sshd, and a top-level bash (no SHLVL,
  // as under cron) then runs ~/.bashrc first: root's, with whatever it starts (here it cost a
  // pass ~150 ms); and no BASH_ENV (or ENV), which a crontab may set for its jobs.
  const { BASH_ENV: _bashEnv, ENV: _env, ...env } = process.env;
  const child = spawn("bash", ["--norc", "-c", HOLDER], { stdio: ["pipe", "pipe", "ignore"], env });
  // stdin and stdout are sockets (pipes) at run time, though typed as plain streams.
  const pipes = [child.stdin, child.stdout] as unknown as Array<{ ref?: () => void; unref?: () => void }>;
  const waiting: Array<(answer: Answer) => void> = [];
  // 'close' once it has exited and its pipes are shut; 'error' alone when it never started.
  const exited = new Promise<void>((done) => {
    child.once("close", () => done());
    child.once("error", () => done());
  });
  const settleAll = (answer: Answer): void => {
    for (const resolve of waiting.splice(0)) resolve(answer);
  };
  child.once("error", () => settleAll("unsupported")); // no bash on this host (ENOENT)
  child.once("exit", () => settleAll("failed"));
  let pending = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    pending += chunk;
    for (let end = pending.indexOf("\n"); end >= 0; end = pending.indexOf("\n")) {
      const answer = pending.slice(0, end) as Answer;
      pending = pending.slice(end + 1);
      waiting.shift()?.(answer);
      // Idle between requests: nothing of the holder keeps rotor alive.
      if (waiting.length === 0) {
        child.unref();
        for (const pipe of pipes) pipe.unref?.();
      }
    }
  });
  child.stdin.on("error", () => settleAll("failed")); // the holder is gone (EPIPE)
  const ask = (file: string): Promise<Answer> =>
    new Promise<Answer>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve("failed");
      waiting.push(resolve);
      child.ref();
      for (const pipe of pipes) pipe.ref?.();
      child.stdin.write(`${file}\0`);
    });
  const release = async (): Promise<void> => {
    // Kept alive until the holder is gone, so that the lock is let go before rotor exits;
    // one stuck opening a file (a hung NFS mount) is killed rather than waited for.
    child.ref();
    for (const pipe of pipes) pipe.ref?.();
    child.stdin.end();
    const stuck = setTimeout(() => child.kill("SIGKILL"), RELEASE_GRACE_MS);
    await exited;
    clearTimeout(stuck);
  };
  return ask(path).then(async (answer) => {
    if (answer === "held") return { release, renew: async (file: string) => (await ask(file)) === "held" };
    await release();
    return answer === "taken" ? "taken" : "unsupported";
  });
}
