/**
 * moveMany: many no-replace renames made at once, by the calling thread and the helper
 * thread together (helper-thread.ts), for the direct fs (node-fs-direct.ts).
 *
 * WHY: a forced pass over 10,000 logs makes 30,000 moves (link + unlink each), about 0.9 s
 * of system calls one after another: more than half of logrotate's whole time on its own,
 * so no sequential rotor can reach half of logrotate's time. The moves of one round are
 * independent, so two threads on two cores make them in about half the time.
 */
import type * as fsSync from "node:fs";
import { shareWithHelper, type JobCalls, type ShareOptions } from "./helper-thread.js";

/** What the sync move needs of node:fs. */
type SyncCalls = Pick<typeof fsSync, "linkSync" | "unlinkSync" | "renameSync" | "lstatSync">;

/**
 * rename(2) that never replaces: link(2) then unlink(2) (see node-fs.ts); where links are not
 * allowed, a checked rename.
 *
 * @example
 * moveNoReplaceSync(fs, "/var/log/app.log", "/var/log/app.log.1");
 */
export function moveNoReplaceSync(calls: SyncCalls, from: string, to: string): void {
  moveJob({ fs: calls } as JobCalls, [from, to]);
}

/** moveNoReplaceSync as a helper's job (self-contained: its source is also the helper's). */
function moveJob({ fs }: JobCalls, [from, to]: readonly string[]): number {
  try {
    fs.linkSync(from!, to!);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code !== "EPERM" && code !== "EXDEV" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw error;
    if (fs.lstatSync(to!, { throwIfNoEntry: false }) !== undefined) {
      throw Object.assign(new Error(`EEXIST: file already exists, rename '${from}' -> '${to}'`), { code: "EEXIST" });
    }
    fs.renameSync(from!, to!);
    return 0;
  }
  fs.unlinkSync(from!);
  return 0;
}

/**
 * Makes each move of `moves` (from, to) as moveNoReplaceSync; resolves with each one's error,
 * or null where it was made. The moves must be independent of each other (no name in two).
 *
 * @example
 * const errors = await moveMany([["/var/log/a.log", "/var/log/a.log.1"], ["/var/log/b.log", "/var/log/b.log.1"]]);
 */
export async function moveMany(moves: ReadonlyArray<readonly [string, string]>, options: ShareOptions = {}): Promise<Array<Error | null>> {
  const outcomes = await shareWithHelper("move", moveJob, moves, options);
  return outcomes.map((outcome) => ("error" in outcome ? outcome.error : null));
}
