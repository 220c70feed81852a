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
 * with it). The loop is a shell server (src/rotate/shell-server.ts), so a hold never keeps
 * rotor's process alive.
 *
 * An flock belongs to an inode, and every atomic write of the state renames a new file into
 * place; the holder of a state file therefore takes the lock again on each new file
 * (`renew`, from StateLock.renew). The same child does it: starting a process from rotor's
 * (a fork of a process of a few hundred MB) cost ~25 ms of its CPU each time, five times in
 * a pass over 10,000 logs. A logrotate starting between the write and the renewal can
 * still slip in.
 */
import { startShellServer } from "../../rotate/index.js";
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
export async function holdFlock(path: string): Promise<FlockHold | "taken" | "unsupported"> {
  const holder = startShellServer(HOLDER, []);
  const release = (): Promise<void> => holder.close(RELEASE_GRACE_MS);
  // null: the holder is gone (no bash, or it died), as "failed" says nothing is held.
  const answer = await holder.ask(`${path}\0`);
  if (answer === "held") return { release, renew: async (file: string) => (await holder.ask(`${file}\0`)) === "held" };
  await release();
  return answer === "taken" ? "taken" : "unsupported";
}
