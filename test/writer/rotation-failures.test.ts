/**
 * When a rotation cannot happen, or was cut short by a crash, the lines written after it
 * (in the staging file) go back after the log's own: none lost, none out of order.
 */
import { once } from "node:events";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRotatingWriter } from "rotor";
import { lineNumbers, logFiles, numberedLine, range, removeTempDirs, tempDir } from "./support/log-files.js";
import { finish, writeLines } from "./support/write-lines.js";

afterAll(removeTempDirs);

describe("rotation failures", () => {
  it("keeps writing, in order, in the log when the engine cannot rotate it, and says why", async () => {
    const dir = tempDir("in-the-way");
    mkdirSync(join(dir, "app.log.1")); // a directory where the first version must go
    const writer = createRotatingWriter(join(dir, "app.log"), { size: 4096, keep: 3, batchBytes: 4096 });
    const warnings: string[] = [];
    writer.on("warning", (error: Error & { code?: string }) => warnings.push(error.code ?? error.message));
    await writeLines(writer, 1, 1000);
    await finish(writer);
    expect(warnings.length).toBeGreaterThan(0);
    expect(new Set(warnings)).toEqual(new Set(["ERR_VERSION_IN_THE_WAY"]));
    const files = logFiles(dir, "app.log");
    expect(files.map((file) => file.name)).toEqual(["app.log"]);
    expect(lineNumbers(files[0]!.text)).toEqual(range(1, 1000));
  });

  it("finishes a rotation a crash cut short: the log becomes a version, the staging file the log", async () => {
    const dir = tempDir("staging");
    writeFileSync(join(dir, "app.log"), numberedLine(1) + numberedLine(2));
    writeFileSync(join(dir, ".app.log.rotor-next"), numberedLine(3));
    const writer = createRotatingWriter(join(dir, "app.log"));
    await once(writer, "ready");
    writer.write(numberedLine(4));
    await finish(writer);
    expect(logFiles(dir, "app.log").map((file) => [file.name, lineNumbers(file.text)])).toEqual([
      ["app.log.1", [1, 2]],
      ["app.log", [3, 4]],
    ]);
  });

  it("appends a staging file left by a crash to the log when the engine cannot rotate it", async () => {
    const dir = tempDir("staging-stuck");
    mkdirSync(join(dir, "app.log.1"));
    writeFileSync(join(dir, "app.log"), numberedLine(1) + numberedLine(2));
    writeFileSync(join(dir, ".app.log.rotor-next"), numberedLine(3));
    const writer = createRotatingWriter(join(dir, "app.log"));
    const warnings: Error[] = [];
    writer.on("warning", (error: Error) => warnings.push(error));
    writer.write(numberedLine(4));
    await finish(writer);
    expect(warnings).toHaveLength(1);
    expect(existsSync(join(dir, ".app.log.rotor-next"))).toBe(false);
    expect(lineNumbers(logFiles(dir, "app.log")[0]!.text)).toEqual([1, 2, 3, 4]);
  });

  it("removes an empty staging file left by a crash (the spare) and writes on in the log, rotating it only when its size says so", async () => {
    const dir = tempDir("staging-empty");
    writeFileSync(join(dir, "app.log"), numberedLine(1) + numberedLine(2));
    writeFileSync(join(dir, ".app.log.rotor-next"), "");
    const writer = createRotatingWriter(join(dir, "app.log"), { size: 4 * 40 });
    await once(writer, "ready");
    expect(existsSync(join(dir, ".app.log.rotor-next"))).toBe(false);
    await writeLines(writer, 3, 5);
    await finish(writer);
    expect(logFiles(dir, "app.log").map((file) => [file.name, lineNumbers(file.text)])).toEqual([
      ["app.log.1", [1, 2, 3, 4]],
      ["app.log", [5]],
    ]);
  });

  it("names a staging file left by a crash after the engine had moved the log", async () => {
    const dir = tempDir("staging-moved");
    writeFileSync(join(dir, "app.log.1"), numberedLine(1));
    writeFileSync(join(dir, ".app.log.rotor-next"), numberedLine(2));
    const writer = createRotatingWriter(join(dir, "app.log"));
    writer.write(numberedLine(3));
    await finish(writer);
    expect(logFiles(dir, "app.log").map((file) => [file.name, lineNumbers(file.text)])).toEqual([
      ["app.log.1", [1]],
      ["app.log", [2, 3]],
    ]);
  });
});
