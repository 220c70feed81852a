/**
 * DirectorySnapshot: a directory read once however many ask, sorted, with the types the
 * directory records; a missing directory is null, and a failed read fails every asker.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DirectorySnapshot, nodeFsDirect, type RotateFs } from "../../src/rotate/index.js";

const dir = mkdtempSync(join(tmpdir(), "rotor-snapshot-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function counted(fs: Pick<RotateFs, "readdir" | "readdirTypes">): { fs: Pick<RotateFs, "readdir" | "readdirTypes">; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    fs: {
      readdir: (path) => (reads.push(path), fs.readdir(path)),
      ...(fs.readdirTypes === undefined ? {} : { readdirTypes: (path: string) => (reads.push(path), fs.readdirTypes!(path)) }),
    },
  };
}

describe("DirectorySnapshot", () => {
  it("reads a directory once for every asker, names sorted by code unit, with their types", async () => {
    const at = join(dir, "typed");
    mkdirSync(join(at, "sub"), { recursive: true });
    for (const name of ["b.log", "B.log", "a.log.1"]) writeFileSync(join(at, name), "x");
    const { fs, reads } = counted(nodeFsDirect);
    const snapshot = new DirectorySnapshot(fs);
    const [first, second] = await Promise.all([snapshot.entries(at), snapshot.entries(at)]);
    expect(await snapshot.names(at)).toEqual(["B.log", "a.log.1", "b.log", "sub"]);
    expect(first).toBe(second);
    expect(first!.types!.get("sub")).toBe("directory");
    expect(first!.types!.get("b.log")).toBe("file");
    expect(reads).toEqual([at]);
  });

  it("says null for a missing directory, and keeps the names alone where the fs records no types", async () => {
    const at = join(dir, "plain");
    mkdirSync(at);
    writeFileSync(join(at, "z"), "");
    writeFileSync(join(at, "a"), "");
    const snapshot = new DirectorySnapshot({ readdir: nodeFsDirect.readdir });
    expect(await snapshot.entries(join(dir, "missing"))).toBeNull();
    expect(await snapshot.entries(at)).toEqual({ names: ["a", "z"], types: null });
  });

  it("fails each asker alike when the read fails, without reading again", async () => {
    let reads = 0;
    const failing = { readdir: () => (reads++, Promise.reject(Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" }))) };
    const snapshot = new DirectorySnapshot(failing);
    await expect(snapshot.names("/x")).rejects.toThrow("EACCES");
    await expect(snapshot.entries("/x")).rejects.toThrow("EACCES");
    expect(reads).toBe(1);
  });
});
