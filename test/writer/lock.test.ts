/** One writer per file: a second writer is refused with an error that names the holder. */
import { once } from "node:events";
import { existsSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRotatingWriter, writerLockPath, WriterLockedError, WriterLockLostError } from "rotor";
import { logFiles, removeTempDirs, tempDir } from "./support/log-files.js";
import { finish, writeLines } from "./support/write-lines.js";

afterAll(removeTempDirs);

describe("the writer lock", () => {
  it("refuses a second writer on the same file with WriterLockedError, and the first goes on", async () => {
    const log = join(tempDir("lock"), "app.log");
    const first = createRotatingWriter(log);
    await once(first, "ready");
    const second = createRotatingWriter(log);
    const [error] = (await once(second, "error")) as [WriterLockedError];
    expect(error).toBeInstanceOf(WriterLockedError);
    expect(error.code).toBe("ERR_WRITER_LOCKED");
    expect(error.pid).toBe(process.pid);
    expect(error.message).toContain(writerLockPath(log));
    first.write("still mine\n");
    await finish(first);
    expect(logFiles(log.replace(/\/app\.log$/, ""), "app.log").map((file) => file.text)).toEqual(["still mine\n"]);
  });

  it("removes its lock when closed, so a later writer may open the file", async () => {
    const log = join(tempDir("release"), "app.log");
    const first = createRotatingWriter(log);
    first.write("one\n");
    await finish(first);
    expect(existsSync(writerLockPath(log))).toBe(false);
    const second = createRotatingWriter(log);
    second.write("two\n");
    await finish(second);
    expect(logFiles(log.replace(/\/app\.log$/, ""), "app.log").map((file) => file.text)).toEqual(["one\ntwo\n"]);
  });

  it("takes over a lock left by a process that no longer exists", async () => {
    const log = join(tempDir("stale"), "app.log");
    // Pids are below 2^22 on Linux: this one cannot be running.
    writeFileSync(writerLockPath(log), "999999999 1\n");
    const writer = createRotatingWriter(log);
    writer.write("after a crash\n");
    await finish(writer);
    expect(existsSync(writerLockPath(log))).toBe(false);
  });

  it.each([
    ["removed", (path: string) => rmSync(path)],
    ["replaced by a copy of itself", (path: string) => {
      const text = readFileSync(path, "utf8");
      rmSync(path);
      writeFileSync(path, text);
    }],
  ])("stops with WriterLockLostError at the next rotation once its lock file is %s, and removes its spare file", async (_how, loseLock) => {
    const dir = tempDir("lost");
    const log = join(dir, "app.log");
    const spare = join(dir, ".app.log.rotor-next");
    const writer = createRotatingWriter(log, { size: 4096, batchBytes: 4096 });
    const errors: Error[] = [];
    writer.on("error", (error: Error) => errors.push(error));
    const closed = new Promise((resolve) => writer.once("close", resolve));
    const rotated = once(writer, "rotation");
    await writeLines(writer, 1, 150);
    await rotated;
    // Once the rotation has named its file, the next one is opened ahead, empty.
    const spareReady = (): boolean => statSync(spare, { throwIfNoEntry: false })?.size === 0 && (statSync(log, { throwIfNoEntry: false })?.size ?? 0) > 0;
    for (let turn = 0; turn < 10_000 && !spareReady(); turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(spareReady()).toBe(true);
    loseLock(writerLockPath(log));
    await writeLines(writer, 151, 400).catch(() => undefined);
    await closed;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(WriterLockLostError);
    expect(existsSync(spare)).toBe(false);
  });

  it("keeps a symlink pointing at the live file", async () => {
    const dir = tempDir("symlink");
    const link = join(dir, "current.log");
    const writer = createRotatingWriter(join(dir, "app.log"), { symlink: link });
    await once(writer, "ready");
    expect(readlinkSync(link)).toBe(join(dir, "app.log"));
    await finish(writer);
  });
});
