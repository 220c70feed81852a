/**
 * Real processes: a second writer process on one log is refused with a clear error while
 * the first goes on, and writers that take turns keep every line; a writer SIGKILLed
 * mid-stream loses only what it had accepted and not yet written, and never leaves a
 * line split, doubled or out of order.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { RotatingWriterOptions } from "rotor";
import { lineNumbers, logFiles, range, removeTempDirs, tempDir } from "./support/log-files.js";

const CHILD = fileURLToPath(new URL("./support/writer-child.ts", import.meta.url));

afterAll(removeTempDirs);

interface Child {
  /** Resolves with the exit code (null when killed) and the signal. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once the child printed a line starting with `prefix`. */
  printed(prefix: string): Promise<string>;
  /** Lets a paused child go on. */
  resume(): void;
}

function startChild(log: string, first: number, last: number, options: RotatingWriterOptions, mode?: "crash" | "pause"): Child {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, log, String(first), String(last), JSON.stringify(options), ...(mode ? [mode] : [])], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let output = "";
  const listeners: Array<() => void> = [];
  child.stdout.on("data", (data: Buffer) => {
    output += data.toString();
    for (const listener of listeners) listener();
  });
  return {
    resume: () => child.stdin.end("go\n"),
    exit: new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal }))),
    printed: (prefix) =>
      new Promise((resolve, reject) => {
        const look = (): void => {
          const line = output.split("\n").find((text) => text.startsWith(prefix));
          if (line !== undefined) resolve(line);
        };
        listeners.push(look);
        child.on("exit", () => {
          look();
          reject(new Error(`the child exited without printing "${prefix}"; it printed: ${output}`));
        });
        look();
      }),
  };
}

const OPTIONS: RotatingWriterOptions = { size: 256 * 1024, keep: 100, batchBytes: 16 * 1024, highWaterBytes: 64 * 1024 };

describe("writer processes", () => {
  it("refuses a second process on the same log with ERR_WRITER_LOCKED; the first loses nothing", async () => {
    const dir = tempDir("two");
    const log = join(dir, "app.log");
    const first = startChild(log, 1, 100_000, OPTIONS, "pause");
    await first.printed("paused");
    const second = startChild(log, 100_001, 200_000, OPTIONS);
    const refusal = await second.printed("error");
    expect(refusal).toMatch(/^error ERR_WRITER_LOCKED .*another rotating writer \(pid \d+\) is writing this log/);
    expect((await second.exit).code).toBe(3);
    first.resume();
    await first.printed("done");
    const files = logFiles(dir, "app.log");
    for (const file of files) expect(file.bytes).toBeLessThanOrEqual(256 * 1024);
    expect(files.flatMap((file) => lineNumbers(file.text))).toEqual(range(1, 100_000));
  }, 60_000);

  it("keeps every line, in order, when processes take turns on one log across rotations", async () => {
    const dir = tempDir("turns");
    const log = join(dir, "app.log");
    for (const [first, last] of [
      [1, 30_000],
      [30_001, 60_000],
      [60_001, 90_000],
    ] as const) {
      const child = startChild(log, first, last, OPTIONS);
      await child.printed("done");
    }
    const files = logFiles(dir, "app.log");
    for (const file of files) expect(file.bytes).toBeLessThanOrEqual(256 * 1024);
    expect(files.flatMap((file) => lineNumbers(file.text))).toEqual(range(1, 90_000));
  }, 60_000);

  // The bound: what the writer had accepted and not written, at most highWaterBytes (40-byte
  // lines here), since the child waits for `drain` whenever write() says no. The files are
  // checked once the next writer has opened the log: a SIGKILL between a link and an unlink
  // leaves one file under two names, which that open (and the engine's recovery) repairs.
  it.each(["never", "interval", "always"] as const)("loses at most highWaterBytes of accepted lines to a SIGKILL with fsync %s, and no line is split or doubled", async (fsync) => {
    const dir = tempDir(`crash-${fsync}`);
    const log = join(dir, "app.log");
    const lines = 100_000;
    const child = startChild(log, 1, lines, { ...OPTIONS, fsync, fsyncIntervalMs: 50 }, "crash");
    expect(await child.exit).toEqual({ code: null, signal: "SIGKILL" });
    // The next writer takes over the dead one's lock and goes on after the last whole line.
    const next = startChild(log, 200_001, 201_000, OPTIONS);
    await next.printed("done");
    const files = logFiles(dir, "app.log");
    for (const file of files) expect(file.bytes).toBeLessThanOrEqual(256 * 1024);
    const kept = files.flatMap((file) => lineNumbers(file.text));
    const survivors = kept.length - 1000;
    expect(kept).toEqual([...range(1, survivors), ...range(200_001, 201_000)]);
    expect(lines - survivors).toBeLessThanOrEqual(OPTIONS.highWaterBytes! / 40);
  }, 60_000);
});
