/**
 * Accounting for a contender's run: every file it left (any naming), the numbered lines in
 * them, and how many of the lines that should be there are missing or doubled.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export interface LineCount {
  files: number;
  /** The largest file, in bytes. */
  largest: number;
  /** Lines in the retained window (from the oldest line kept to `last`) that are missing. */
  lost: number;
  /** Lines found more than once. */
  doubled: number;
  /** The oldest line kept. */
  oldest: number;
}

/** Counts the numbered lines in `dir`, where lines 1..`last` were written. */
export function countLines(dir: string, last: number): LineCount {
  const seen = new Uint8Array(last + 1);
  let files = 0;
  let largest = 0;
  let doubled = 0;
  let oldest = Number.POSITIVE_INFINITY;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stats = statSync(path);
    if (!stats.isFile() || name.endsWith(".json") || name.endsWith(".txt") || name.endsWith(".lock") || name.includes("journal")) continue;
    files++;
    largest = Math.max(largest, stats.size);
    const text = readFileSync(path, "latin1");
    for (let start = 0; start < text.length; ) {
      const end = text.indexOf("\n", start);
      if (end === -1) break;
      const n = Number(text.slice(start, start + 9));
      if (Number.isInteger(n) && n >= 1 && n <= last) {
        if (seen[n]) doubled++;
        seen[n] = 1;
        if (n < oldest) oldest = n;
      }
      start = end + 1;
    }
  }
  let lost = 0;
  for (let n = Number.isFinite(oldest) ? oldest : 1; n <= last; n++) if (!seen[n]) lost++;
  return { files, largest, lost, doubled, oldest: Number.isFinite(oldest) ? oldest : 0 };
}
