/**
 * Every line accounted for: numbered lines written across many rotations; the retained
 * files must hold exactly the newest lines, each once, in order, and none may be larger
 * than the size limit.
 */
import { once } from "node:events";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRotatingWriter, type RotatingWriterOptions } from "rotor";
import { lineNumbers, logFiles, numberedLine, range, removeTempDirs, tempDir } from "./support/log-files.js";
import { finish, writeLines } from "./support/write-lines.js";

afterAll(removeTempDirs);

const LINES = 30_000;
const WIDTH = 40;
const SIZE = 64 * 1024;

const cases: Array<{ name: string; options: RotatingWriterOptions; versions: number }> = [
  { name: "numbered versions", options: { keep: 5 }, versions: 5 },
  { name: "gzip-compressed versions", options: { keep: 4, compress: "gzip" }, versions: 4 },
  { name: "delayed compression", options: { keep: 3, compress: "gzip", delaycompress: true }, versions: 3 },
  { name: "a total-size budget under the count", options: { keep: 10, maxTotalSize: 3 * SIZE }, versions: 3 },
];

describe("line accounting", () => {
  it.each(cases)("keeps exactly the newest lines, each once, in order, no file over the limit: $name", async ({ options, versions }) => {
    const dir = tempDir("accounting");
    const writer = createRotatingWriter(join(dir, "app.log"), { ...options, size: SIZE, batchBytes: 4096 });
    const warnings: Error[] = [];
    writer.on("warning", (error: Error) => warnings.push(error));
    await writeLines(writer, 1, LINES, WIDTH);
    await finish(writer);

    const files = logFiles(dir, "app.log");
    expect(files.length).toBe(versions + 1);
    for (const file of files) expect(file.bytes, file.name).toBeLessThanOrEqual(SIZE);
    // Every full file is as full as whole lines allow: rotation happened before the line that crossed.
    for (const file of files.slice(0, -1)) expect(file.bytes, file.name).toBeGreaterThan(SIZE - WIDTH);
    const kept = files.flatMap((file) => lineNumbers(file.text));
    expect(kept).toEqual(range(LINES - kept.length + 1, LINES));
    expect(warnings).toEqual([]);
  });

  it("switches to the file opened ahead at each rotation, every line once and in order", async () => {
    const dir = tempDir("ahead");
    const log = join(dir, "app.log");
    const spare = join(dir, ".app.log.rotor-next");
    // Lines of 1,000 bytes, 60 to a file: the 61st crosses the limit. Large writes, so that
    // the lock check started at the mark is done before the writes ahead of the mark are.
    const [width, perFile, after] = [1000, 60, 30];
    const writer = createRotatingWriter(log, { keep: 20, size: perFile * width + 500, batchBytes: 16 * 1024 });
    // The file a round started is named (the log starts with the line that crossed and
    // holds the round's lines since) and the next one is open ahead, empty.
    const settled = (crossing: number): boolean => {
      const text = statSync(spare, { throwIfNoEntry: false })?.size === 0 && existsSync(log) ? readFileSync(log, "latin1") : "";
      // A write may be under way: only whole lines are looked at.
      const numbers = lineNumbers(text.slice(0, text.lastIndexOf("\n") + 1));
      return numbers[0] === crossing && numbers.at(-1) === crossing + after - 1;
    };
    await writeLines(writer, 1, after, width);
    // Each round fills the file (its mark then waits behind writes under way) and goes on in the next.
    for (let round = 1; round <= 8; round++) {
      const crossing = round * perFile + 1;
      await writeLines(writer, crossing - perFile + after, crossing + after - 1, width);
      for (let turn = 0; turn < 20_000 && !settled(crossing); turn++) await new Promise((resolve) => setImmediate(resolve));
      expect(settled(crossing), `round ${round}`).toBe(true);
    }
    await finish(writer);
    const files = logFiles(dir, "app.log");
    expect(files.map((file) => file.bytes)).toEqual([...Array.from({ length: 8 }, () => perFile * width), after * width]);
    expect(files.flatMap((file) => lineNumbers(file.text))).toEqual(range(1, 8 * perFile + after));
    expect(existsSync(spare)).toBe(false);
  });

  it("gives a record larger than the limit a file of its own, and splits no record", async () => {
    const dir = tempDir("large");
    const writer = createRotatingWriter(join(dir, "app.log"), { size: 100, keep: 5, batchBytes: 4096 });
    const big = `${"b".repeat(250)}\n`;
    for (const record of ["one\n", "two\n", big, "three\n"]) writer.write(record);
    await finish(writer);
    expect(logFiles(dir, "app.log").map((file) => file.text)).toEqual(["one\ntwo\n", big, "three\n"]);
  });

  it("writes strings and bytes as they are and any other value as one JSON line", async () => {
    const dir = tempDir("records");
    const writer = createRotatingWriter(join(dir, "app.log"));
    writer.write("text\n");
    writer.write(Buffer.from("bytes\n"));
    writer.write(new TextEncoder().encode("uint8array\n"));
    writer.write({ level: "info", msg: "an object" });
    await finish(writer);
    expect(logFiles(dir, "app.log").map((file) => file.text)).toEqual(['text\nbytes\nuint8array\n{"level":"info","msg":"an object"}\n']);
  });

  it("returns false from write() once the accepted bytes reach highWaterBytes, then emits drain", async () => {
    const dir = tempDir("backpressure");
    const writer = createRotatingWriter(join(dir, "app.log"), { batchBytes: 4096, highWaterBytes: 8192 });
    const answers: boolean[] = [];
    for (let n = 1; n <= 400; n++) answers.push(writer.write(numberedLine(n, WIDTH)));
    // 8192 / 40 bytes: the 205th line reaches the mark, and its write says no, as does every later one.
    expect(answers.indexOf(false)).toBe(204);
    expect(answers.slice(204).every((answer) => !answer)).toBe(true);
    await once(writer, "drain");
    await finish(writer);
    expect(lineNumbers(logFiles(dir, "app.log")[0]!.text)).toEqual(range(1, 400));
  });

  it("writes everything already accepted when destroyed", async () => {
    const dir = tempDir("destroy");
    const writer = createRotatingWriter(join(dir, "app.log"));
    for (let n = 1; n <= 100; n++) writer.write(numberedLine(n, WIDTH));
    writer.destroy();
    await once(writer, "close");
    expect(lineNumbers(logFiles(dir, "app.log")[0]!.text)).toEqual(range(1, 100));
  });
});
