/**
 * DirectorySnapshot: each directory of a pass read once, at one moment, and shared by all
 * who read it before anything changes there: the pattern's glob, the look for unfinished
 * journals, and the listings of every batch of a block (batch-listing.ts).
 *
 * WHY: a forced pass over 10,000 logs in 10 directories read each directory five times (the
 * glob, the journal look, then once for each of three batches): 200,000 names made into
 * strings, sorted and dropped, for the same 40,000 names.
 *
 * WHEN it may be trusted (the holder's duty): only while nothing that the readers care about
 * can have changed. The pass makes a new one as soon as a block has rotated anything or run
 * a script, or a crash's leftovers were finished (pass.ts). Within one block, a batch reads
 * from it only the names that start with its own logs' stems, and an earlier batch of the
 * same block changed only names starting with other stems, none of which is a prefix of
 * another (overlap.ts checks it), so what a batch reads is still as the disk has it.
 */
import type { FileType, RotateFs } from "./fs.js";

/** A directory's names, sorted by code unit (as `<`), with their types where the directory records them. */
export interface DirectoryEntries {
  names: string[];
  types: ReadonlyMap<string, FileType | null> | null;
}

/**
 * @example
 * const snapshot = new DirectorySnapshot(nodeFsDirect);
 * const entries = await snapshot.entries("/var/log/app"); // null: no such directory
 */
export class DirectorySnapshot {
  readonly #read = new Map<string, Promise<DirectoryEntries | null>>();

  constructor(readonly fs: Pick<RotateFs, "readdir" | "readdirTypes">) {}

  /** The entries of `dir` as first read (a failed read fails each caller alike); null when it does not exist. */
  entries(dir: string): Promise<DirectoryEntries | null> {
    let read = this.#read.get(dir);
    if (read === undefined) this.#read.set(dir, (read = this.#readNow(dir)));
    return read;
  }

  /** The names in `dir`, sorted; null when it does not exist. The array is shared: do not change it. */
  async names(dir: string): Promise<string[] | null> {
    return (await this.entries(dir))?.names ?? null;
  }

  async #readNow(dir: string): Promise<DirectoryEntries | null> {
    if (this.fs.readdirTypes === undefined) {
      const names = await this.fs.readdir(dir);
      // Sorted without a comparator (code unit order, as `<`): no call back into JS per comparison.
      return names === null ? null : { names: names.sort(), types: null };
    }
    const entries = await this.fs.readdirTypes(dir);
    if (entries === null) return null;
    const names = new Array<string>(entries.length);
    for (let i = 0; i < entries.length; i++) names[i] = entries[i]![0];
    return { names: names.sort(), types: new Map(entries) };
  }
}
