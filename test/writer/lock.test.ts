/** One writer per file: a second writer is refused with an error that names the holder. */
import { once } from "node:events";
import { existsSync, readlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRotatingWriter, writerLockPath, WriterLockedError } from "rotor";
import { logFiles, removeTempDirs, tempDir } from "./support/log-files.js";
import { finish } from "./support/write-lines.js";

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

  it("keeps a symlink pointing at the live file", async () => {
    const dir = tempDir("symlink");
    const link = join(dir, "current.log");
    const writer = createRotatingWriter(join(dir, "app.log"), { symlink: link });
    await once(writer, "ready");
    expect(readlinkSync(link)).toBe(join(dir, "app.log"));
    await finish(writer);
  });
});
