/** The writer's operation face, for code running on rotor's scheduler. */
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openRotatingWriter, run, WriterLockedError, type RotationReport } from "rotor";
import { lineNumbers, logFiles, numberedLine, range, removeTempDirs, tempDir } from "./support/log-files.js";

afterAll(removeTempDirs);

describe("openRotatingWriter", () => {
  it("suspends write() while the buffer is full and keeps every line across rotations", async () => {
    const dir = tempDir("operation");
    const reports: RotationReport[] = [];
    await run(function* () {
      const log = yield* openRotatingWriter(join(dir, "app.log"), { size: 32 * 1024, keep: 20, batchBytes: 4096, highWaterBytes: 8192, onRotation: (report) => reports.push(report) });
      for (let n = 1; n <= 10_000; n++) yield* log.write(numberedLine(n));
      yield* log.end();
    });
    const files = logFiles(dir, "app.log");
    for (const file of files) expect(file.bytes).toBeLessThanOrEqual(32 * 1024);
    expect(files.flatMap((file) => lineNumbers(file.text))).toEqual(range(1, 10_000));
    expect(reports.length).toBe(files.length - 1);
  });

  it("throws WriterLockedError where it can be caught when the log has a writer", async () => {
    const path = join(tempDir("operation-lock"), "app.log");
    const outcome = await run(function* () {
      const first = yield* openRotatingWriter(path);
      try {
        yield* openRotatingWriter(path);
        return "opened twice";
      } catch (error) {
        return error instanceof WriterLockedError ? error.code : String(error);
      } finally {
        yield* first.end();
      }
    });
    expect(outcome).toBe("ERR_WRITER_LOCKED");
  });
});
