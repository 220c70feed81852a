/**
 * syncFilesystems (one syncfs per filesystem for a barrier over many files) and
 * nodeFsDirect's fsyncFiles, which uses it from SYNCFS_FROM files on: on real directories.
 * Whether a write reached the disk cannot be seen from here; what can: which kernels it
 * trusts, that it names each filesystem once, that it says false whenever the caller must
 * sync file by file, and which of the two ways fsyncFiles took.
 */
import { symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { nodeFsDirect } from "../../src/rotate/index.js";
import { onePerFilesystem, syncFilesystems, syncfsReportsErrors } from "../../src/rotate/sync-filesystems.js";
import { cleanupTempDirs, makeTempDir } from "./support/disk-files.js";

afterAll(cleanupTempDirs);

describe("syncfsReportsErrors", () => {
  it.each([
    ["linux", "6.18.44-fc-v1272", true],
    ["linux", "5.8.0", true],
    ["linux", "5.10.0-28-amd64", true],
    ["linux", "5.7.19", false],
    ["linux", "4.19.0-26-amd64", false],
    ["linux", "not a version", false],
    ["darwin", "23.1.0", false],
  ])("%s %s: %s", (platform, kernel, expected) => {
    expect(syncfsReportsErrors(platform, kernel)).toBe(expected);
  });
});

describe("onePerFilesystem", () => {
  it("keeps the first directory of each device, in order", () => {
    const devices: Record<string, number> = { "/a": 1, "/b": 2, "/a/x": 1, "/c": 2, "/d": 3 };
    expect(onePerFilesystem(["/a", "/b", "/a/x", "/c", "/d"], (dir) => devices[dir]!)).toEqual(["/a", "/b", "/d"]);
  });

  it("is null when a directory cannot be looked at", () => {
    const dir = makeTempDir("syncfs");
    expect(onePerFilesystem([dir, join(dir, "missing")])).toBeNull();
  });
});

describe("syncFilesystems", () => {
  it("syncs real directories where the kernel reports write-back errors", async () => {
    const dir = makeTempDir("syncfs");
    writeFileSync(join(dir, "a.gz"), "compressed");
    expect(await syncFilesystems([dir, dir])).toBe(syncfsReportsErrors());
  });

  it("says false when the command is missing or fails, or a directory is missing", async () => {
    const dir = makeTempDir("syncfs");
    expect(await syncFilesystems([dir], join(dir, "no-such-command"))).toBe(false);
    expect(await syncFilesystems([dir], "false")).toBe(false);
    expect(await syncFilesystems([join(dir, "missing")])).toBe(false);
  });

  it("has nothing to do for no directories", async () => {
    expect(await syncFilesystems([])).toBe(syncfsReportsErrors());
  });
});

describe("nodeFsDirect.fsyncFiles", () => {
  /** `count` files in a new directory, the last a symlink (which an fdatasync never follows). */
  function files(count: number): string[] {
    const dir = makeTempDir("syncfs");
    const paths = Array.from({ length: count }, (_, k) => join(dir, `app${k}.log.1.gz`));
    for (const path of paths.slice(0, -1)) writeFileSync(path, "compressed");
    symlinkSync(paths[0]!, paths.at(-1)!);
    return paths;
  }

  it("below 256 files fdatasyncs each: the symlink is refused (ELOOP), the rest synced", async () => {
    const synced = await nodeFsDirect.fsyncFiles!(files(255));
    expect(synced.slice(0, -1).every(({ status }) => status === "fulfilled")).toBe(true);
    expect(synced.at(-1)).toMatchObject({ status: "rejected", reason: { code: "ELOOP" } });
  });

  it("from 256 files is one syncfs where the kernel allows: nothing is opened, so the symlink is not refused", async () => {
    const synced = await nodeFsDirect.fsyncFiles!(files(256));
    expect(synced).toHaveLength(256);
    const symlink = synced.at(-1)!;
    expect(symlink.status).toBe(syncfsReportsErrors() ? "fulfilled" : "rejected");
    expect(synced.slice(0, -1).every(({ status }) => status === "fulfilled")).toBe(true);
  });
});
