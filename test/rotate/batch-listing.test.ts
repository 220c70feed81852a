/**
 * readListings on an in-memory filesystem: each log gets what readListing (listing.ts) would
 * give it, the directories are read once, and a log whose listing fails fails alone.
 */
import { describe, expect, it } from "vitest";
import { readListings } from "../../src/rotate/batch-listing.js";
import type { FileType, RotateFs } from "../../src/rotate/fs.js";
import { readListing } from "../../src/rotate/listing.js";
import { resolvePolicy } from "../../src/rotate/policy.js";
import { MemoryFs } from "./support/memory-fs.js";

/** A tree of two directories, one log each with versions, one log without, and strays. */
function disk(): MemoryFs {
  const fs = new MemoryFs({ now: () => 0 });
  fs.mkdirs("/a");
  fs.mkdirs("/b");
  for (const path of ["/a/x.log", "/a/x.log.1", "/a/x.log.2.gz", "/a/xy.txt", "/a/y.log", "/b/z.log", "/b/z.log.1"]) fs.write(path, "content\n");
  fs.mkdirs("/b/z.log.2");
  return fs;
}

/** `fs` with readdirTypes, which records no type (DT_UNKNOWN) for the names in `untyped`; counts the reads. */
function typed(fs: MemoryFs, untyped: ReadonlySet<string> = new Set()): RotateFs & { reads: string[] } {
  const reads: string[] = [];
  // Only what listings read: lstat, readdir, readdirTypes.
  const view = { lstat: (path: string) => fs.lstat(path), reads } as RotateFs & { reads: string[] };
  view.readdir = (dir) => (reads.push(dir), fs.readdir(dir));
  view.readdirTypes = async (dir) => {
    reads.push(dir);
    const names = await fs.readdir(dir);
    if (names === null) return null;
    const types = await Promise.all(names.map(async (name) => (untyped.has(`${dir}/${name}`) ? null : (await fs.lstat(`${dir}/${name}`))!.type)));
    return names.map((name, i): [string, FileType | null] => [name, types[i]!]);
  };
  return view;
}

const LOGS = ["/a/x.log", "/a/y.log", "/b/z.log"];

describe("readListings", () => {
  it("gives each log the names readListing gives it, reading each directory once", async () => {
    const fs = typed(disk(), new Set(["/a/x.log.2.gz"]));
    // maxage: every version's lstat is wanted, as readListing makes them.
    const policy = resolvePolicy({ keep: 3, maxage: 30 });
    const listings = await readListings(fs, LOGS, policy);
    expect(fs.reads.sort()).toEqual(["/a", "/b"]);
    for (const [k, log] of LOGS.entries()) expect(listings[k]).toEqual(await readListing(fs, log, policy));
  });

  it("takes the types the directory records, and lstats only a name it records none for, keeping the sorted order", async () => {
    const memory = disk();
    const fs = typed(memory, new Set(["/a/x.log.1"]));
    const [x] = await readListings(fs, ["/a/x.log"], resolvePolicy({ keep: 3 }));
    if (x === undefined || "error" in x) throw new Error("no listing");
    expect([...x.entries.keys()]).toEqual(["x.log", "x.log.1", "x.log.2.gz"]);
    expect(x.entries.get("x.log.1")).toEqual(await memory.lstat("/a/x.log.1")); // looked at
    expect(x.entries.get("x.log.2.gz")!.type).toBe("file"); // as the directory says
    expect(x.entries.get("x.log.2.gz")!.size).toBeNaN(); // and nothing more
  });

  it("fails alone the log whose directory cannot be read", async () => {
    const memory = disk();
    const fs = typed(memory);
    const broken: RotateFs = { ...fs, readdirTypes: (dir) => (dir === "/b" ? Promise.reject(Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" })) : fs.readdirTypes!(dir)) };
    const listings = await readListings(broken, LOGS, resolvePolicy({ keep: 3 }));
    expect(listings.map((listing) => ("error" in listing ? (listing.error as { code?: string }).code : [...listing.entries.keys()]))).toEqual([
      ["x.log", "x.log.1", "x.log.2.gz"],
      ["y.log"],
      "EACCES",
    ]);
  });
});
