/**
 * syncFilesystems (one syncfs per filesystem for a barrier over many files) and
 * nodeFsDirect's fsyncFiles, which uses it from SYNCFS_FROM files on: on real directories.
 * Whether a write reached the disk cannot be seen from here; what can: which kernels it
 * trusts, that it names each filesystem once, that it says false whenever the caller must
 * sync file by file, and which of the two ways fsyncFiles took.
 */
import { existsSync, mkdirSync, readFileSync, statfsSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { nodeFsDirect } from "../../src/rotate/index.js";
import { onePerFilesystem, syncFilesystems, syncfsReportsErrors } from "../../src/rotate/sync-filesystems.js";
import { cleanupTempDirs, makeTempDir } from "./support/disk-files.js";

afterAll(cleanupTempDirs);

describe("syncfsReportsErrors", () => {
  it.each([
    ["linux", "6.18.44-fc-v1272", true],
    ["linux", "5.17.0", true],
    ["linux", "6.1.0-28-amd64", true],
    ["linux", "5.16.20", false], // syncfs missed ->sync_fs failures before 5.17
    ["linux", "5.10.0-28-amd64", false],
    ["linux", "4.19.0-26-amd64", false],
    ["linux", "not a version", false],
    ["darwin", "23.1.0", false],
  ])("%s %s: %s", (platform, kernel, expected) => {
    expect(syncfsReportsErrors(platform, kernel)).toBe(expected);
  });
});

describe("onePerFilesystem", () => {
  const EXT4 = 0xef53;
  it("keeps the first directory of each device, in order", () => {
    const devices: Record<string, number> = { "/a": 1, "/b": 2, "/a/x": 1, "/c": 2, "/d": 3 };
    expect(onePerFilesystem(["/a", "/b", "/a/x", "/c", "/d"], (dir) => ({ device: devices[dir]!, type: EXT4 }))).toEqual(["/a", "/b", "/d"]);
  });

  it("is null when a directory cannot be looked at, or is on a filesystem whose syncfs it does not trust (FUSE, NFS)", () => {
    const dir = makeTempDir("syncfs");
    expect(onePerFilesystem([dir, join(dir, "missing")])).toBeNull();
    const FUSE = 0x65735546;
    const NFS = 0x6969;
    expect(onePerFilesystem(["/a", "/b"], (path) => ({ device: path === "/a" ? 1 : 2, type: path === "/a" ? EXT4 : FUSE }))).toBeNull();
    expect(onePerFilesystem(["/a"], () => ({ device: 1, type: NFS }))).toBeNull();
  });

  it("looks at this machine's temporary directory as what it is", () => {
    const dir = makeTempDir("syncfs");
    const type = statfsSync(dir).type;
    expect(onePerFilesystem([dir, dir])).toEqual([0xef53, 0x58465342, 0x9123683e, 0x01021994].includes(type) ? [dir] : null);
  });
});

describe("syncFilesystems", () => {
  /** A stand-in for `sync` that says it is coreutils', notes its arguments, and exits with `code`. */
  function fakeSync(dir: string, code: number, version = "sync (GNU coreutils) 9.1"): { command: string; calls: () => string[] } {
    const command = join(dir, `fake-sync-${code}`);
    const notes = join(dir, `fake-sync-${code}.args`);
    writeFileSync(command, `#!/bin/sh\nif [ "$1" = --version ]; then echo "${version}"; exit 0; fi\necho "$@" >> "${notes}"\nexit ${code}\n`, { mode: 0o755 });
    return { command, calls: () => (existsSync(notes) ? readFileSync(notes, "utf8").trim().split("\n") : []) };
  }
  const trusted = syncfsReportsErrors() && onePerFilesystem([tmpdir()]) !== null;

  it("syncs real directories where the kernel and the filesystem allow", async () => {
    const dir = makeTempDir("syncfs");
    writeFileSync(join(dir, "a.gz"), "compressed");
    expect(await syncFilesystems([dir, dir])).toBe(trusted);
  });

  it.skipIf(!trusted)("runs `sync -f --` once, with one directory per filesystem", async () => {
    const dir = makeTempDir("syncfs");
    mkdirSync(join(dir, "-f"));
    const fake = fakeSync(dir, 0);
    expect(await syncFilesystems([join(dir, "-f"), dir], fake.command)).toBe(true);
    expect(fake.calls()).toEqual([`-f -- ${join(dir, "-f")}`]);
  });

  it.skipIf(!trusted)("passes a directory whose name holds a space, a newline or a leading dash as it is", async () => {
    const dir = join(makeTempDir("syncfs"), "-a b\nc");
    mkdirSync(dir);
    // Succeeds only if its third argument is that very directory.
    const command = join(makeTempDir("syncfs"), "checking-sync");
    writeFileSync(command, `#!/bin/sh\nif [ "$1" = --version ]; then echo "sync (GNU coreutils) 9.1"; exit 0; fi\n[ "$3" = '${dir}' ] && [ -d "$3" ]\n`, { mode: 0o755 });
    expect(await syncFilesystems([dir], command)).toBe(true);
  });

  it.skipIf(!trusted)("starts a new syncer after the last one died", async () => {
    const dir = makeTempDir("syncfs");
    // Kills the loop that runs it (its parent) the first time, syncs the next.
    const command = join(dir, "dying-sync");
    const died = join(dir, "died");
    writeFileSync(command, `#!/bin/sh\nif [ "$1" = --version ]; then echo "sync (GNU coreutils) 9.1"; exit 0; fi\nif [ ! -e "${died}" ]; then touch "${died}"; kill -9 $PPID; fi\nexit 0\n`, { mode: 0o755 });
    expect(await syncFilesystems([dir], command)).toBe(false);
    expect(existsSync(died)).toBe(true);
    expect(await syncFilesystems([dir], command)).toBe(true);
  });

  it.skipIf(!trusted)("starts a new syncer after the last one died before its check", async () => {
    const dir = makeTempDir("syncfs");
    // Kills the loop that runs it while asked its version, the first time (the loop asks from
    // a command substitution: its parent's parent).
    const command = join(dir, "dying-check-sync");
    const died = join(dir, "died");
    const loop = "$(cut -d' ' -f4 /proc/$PPID/stat)";
    writeFileSync(command, `#!/bin/sh\nif [ "$1" = --version ]; then [ -e "${died}" ] || { touch "${died}"; kill -9 ${loop}; }; echo "sync (GNU coreutils) 9.1"; exit 0; fi\nexit 0\n`, { mode: 0o755 });
    expect(await syncFilesystems([dir], command)).toBe(false);
    expect(existsSync(died)).toBe(true);
    expect(await syncFilesystems([dir], command)).toBe(true);
  });

  it("says false when the command is missing, fails, or is not coreutils', or a directory is missing", async () => {
    const dir = makeTempDir("syncfs");
    expect(await syncFilesystems([dir], join(dir, "no-such-command"))).toBe(false);
    expect(await syncFilesystems([dir], fakeSync(dir, 1).command)).toBe(false);
    const busybox = fakeSync(makeTempDir("syncfs"), 0, "BusyBox v1.22.1 multi-call binary.");
    expect(await syncFilesystems([dir], busybox.command)).toBe(false);
    expect(busybox.calls()).toEqual([]);
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
    expect(symlink.status).toBe(syncfsReportsErrors() && onePerFilesystem([tmpdir()]) !== null ? "fulfilled" : "rejected");
    expect(synced.slice(0, -1).every(({ status }) => status === "fulfilled")).toBe(true);
  });
});
