/**
 * readState and writeState, on real temporary directories (the node StateFs) and on the
 * in-memory one with injected faults: an atomic write leaves no temporary file, gives mode
 * 0600, and a failed one leaves the old state file whole.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nodeStateFs, readState, StateReadError, StateWriteError, writeState } from "../../../src/daemon/state/index.js";
import { MemoryStateFs } from "./support/memory-state-fs.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "rotor-state-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const entries = new Map([["/var/log/a.log", Date.UTC(2026, 2, 5, 7, 8, 9)]]);
const text = 'logrotate state -- version 2\n"/var/log/a.log" 2026-3-5-7:8:9\n';

describe("writeState on a real directory", () => {
  it("replaces the state file atomically, leaves no temporary file, and gives mode 0600", async () => {
    const dir = tempDir();
    const path = join(dir, "status");
    writeFileSync(path, "logrotate state -- version 2\n");
    chmodSync(path, 0o644);
    const umask = process.umask(0o022);
    try {
      await writeState(path, entries, { fs: nodeStateFs, timeZone: "UTC" });
    } finally {
      process.umask(umask);
    }
    expect(readFileSync(path, "utf8")).toBe(text);
    expect(statSync(path).mode & 0o7777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["status"]);
  });

  it("replaces a temporary file left by a crash", async () => {
    const dir = tempDir();
    const path = join(dir, "status");
    writeFileSync(`${path}.tmp`, "half a state fi");
    await writeState(path, entries, { fs: nodeStateFs, timeZone: "UTC" });
    expect(readFileSync(path, "utf8")).toBe(text);
    expect(readdirSync(dir)).toEqual(["status"]);
  });

  it("fails with a clear error, changing nothing, when the directory is missing", async () => {
    const path = join(tempDir(), "missing", "status");
    const error = await writeState(path, entries, { fs: nodeStateFs }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateWriteError);
    expect((error as StateWriteError).message).toMatch(new RegExp(`^error writing state file ${path}: ENOENT.*; the previous state file was kept\\.$`));
  });
});

describe("writeState's steps and failures", () => {
  it("writes a temporary file, renames it over the state file, then fsyncs the directory", async () => {
    const fs = new MemoryStateFs();
    await writeState("/s/status", entries, { fs, timeZone: "UTC" });
    expect(fs.ops).toEqual(["writeNew /s/status.tmp", "rename /s/status.tmp /s/status", "fsyncDir /s"]);
    expect(fs.files.get("/s/status")).toEqual({ data: text, mode: 0o600 });
  });

  it.each([
    ["writeNew", "ENOSPC", "error writing state file /s/status: ENOSPC: /s/status.tmp; the previous state file was kept. The disk is full: free space; the next rotation writes the state again."],
    ["rename", "EIO", "error writing state file /s/status: EIO: /s/status.tmp; the previous state file was kept."],
  ])("keeps the old state whole when %s fails with %s", async (op, code, message) => {
    const fs = new MemoryStateFs();
    fs.files.set("/s/status", { data: "old\n", mode: 0o600 });
    fs.faults.set(op, code);
    await expect(writeState("/s/status", entries, { fs })).rejects.toThrow(message);
    expect([...fs.files.keys()]).toEqual(["/s/status"]);
    expect(fs.files.get("/s/status")!.data).toBe("old\n");
  });
});

describe("readState", () => {
  it("reads a missing state file as an empty state", async () => {
    const read = await readState(join(tempDir(), "status"), { fs: nodeStateFs });
    expect(read).toEqual({ entries: new Map(), problems: [], version: null, bytes: 0, existed: false });
  });

  it("reads entries, problems and the size in bytes", async () => {
    const path = join(tempDir(), "status");
    writeFileSync(path, `${text}"/var/log/é.log" 2026-13-1\n`);
    const read = await readState(path, { fs: nodeStateFs, timeZone: "UTC" });
    expect([...read.entries]).toEqual([...entries]);
    expect(read.problems.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual(["3:18 ERR_STATE_DATE_RANGE"]);
    expect(read.bytes).toBe(Buffer.byteLength(readFileSync(path, "utf8")));
  });

  it("says what to do when the state file is a directory", async () => {
    const path = join(tempDir(), "status");
    mkdirSync(path);
    const error = await readState(path, { fs: nodeStateFs }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateReadError);
    expect((error as Error).message).toBe(`error reading state file ${path}: it is a directory; point --state at a file`);
  });
});
