/**
 * nodeFsDirect's calls that differ from nodeFs's in how they are made (on the calling thread,
 * or with only the disk's wait on the thread pool), on a real temporary directory: they must
 * keep nodeFs's contract (fs.ts) — the same results, the same errors, no symlink followed.
 */
import { existsSync, linkSync, lstatSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { nodeFs, nodeFsDirect } from "../../src/rotate/index.js";
import { cleanupTempDirs, makeTempDir } from "./support/disk-files.js";

afterAll(cleanupTempDirs);

describe.each([
  ["nodeFs", nodeFs],
  ["nodeFsDirect", nodeFsDirect],
])("%s", (_name, fs) => {
  it("fsyncFile syncs a regular file and leaves it as it was", async () => {
    const dir = makeTempDir("direct");
    writeFileSync(join(dir, "a.gz"), "compressed");
    await fs.fsyncFile!(join(dir, "a.gz"));
    expect(readFileSync(join(dir, "a.gz"), "utf8")).toBe("compressed");
  });

  it("fsyncFile rejects with ENOENT for a missing file and ELOOP for a symlink, which it never follows", async () => {
    const dir = makeTempDir("direct");
    writeFileSync(join(dir, "target"), "x");
    symlinkSync(join(dir, "target"), join(dir, "link"));
    await expect(fs.fsyncFile!(join(dir, "missing"))).rejects.toMatchObject({ code: "ENOENT" });
    await expect(fs.fsyncFile!(join(dir, "link"))).rejects.toMatchObject({ code: "ELOOP" });
  });

  it("unlink says whether there was a file to remove, and rejects what it cannot remove", async () => {
    const dir = makeTempDir("direct");
    writeFileSync(join(dir, "old.log.3"), "old");
    expect(await fs.unlink(join(dir, "old.log.3"))).toBe(true);
    expect(existsSync(join(dir, "old.log.3"))).toBe(false);
    expect(await fs.unlink(join(dir, "old.log.3"))).toBe(false);
    await expect(fs.unlink(dir)).rejects.toMatchObject({ code: expect.stringMatching(/^(EISDIR|EPERM)$/) });
    await expect(fs.unlink(join(dir, "missing", "x"))).resolves.toBe(false);
    writeFileSync(join(dir, "file"), "x");
    await expect(fs.unlink(join(dir, "file", "x"))).rejects.toMatchObject({ code: "ENOTDIR" });
  });

  it("unlink of one name of a hard-linked file, or of an empty file, removes just that name", async () => {
    const dir = makeTempDir("direct");
    writeFileSync(join(dir, "app.log.1"), "content");
    linkSync(join(dir, "app.log.1"), join(dir, "app.log.2"));
    writeFileSync(join(dir, "empty"), "");
    expect(await fs.unlink(join(dir, "app.log.1"))).toBe(true);
    expect(await fs.unlink(join(dir, "empty"))).toBe(true);
    expect(readdirSync(dir)).toEqual(["app.log.2"]);
    expect(readFileSync(join(dir, "app.log.2"), "utf8")).toBe("content");
  });

});

describe("nodeFsDirect only", () => {
  it("writeNewBytes with durable true writes the bytes with the exact mode (not the umask's), and never replaces a file", async () => {
    const dir = makeTempDir("direct");
    await nodeFsDirect.writeNewBytes!(join(dir, "new.gz"), Buffer.from("bytes"), 0o666, true);
    expect(readFileSync(join(dir, "new.gz"), "utf8")).toBe("bytes");
    expect(lstatSync(join(dir, "new.gz")).mode & 0o777).toBe(0o666);
    await expect(nodeFsDirect.writeNewBytes!(join(dir, "new.gz"), Buffer.from("other"), 0o640, true)).rejects.toMatchObject({ code: "EEXIST" });
    expect(readFileSync(join(dir, "new.gz"), "utf8")).toBe("bytes");
  });
});
