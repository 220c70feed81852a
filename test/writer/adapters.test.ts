/** The pino and winston adapters: the loggers' own lines, every one, through the rotating writer. */
import { execFile } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import winston from "winston";
import { RotorTransport } from "../../src/writer/winston.js";
import { logFiles, range, removeTempDirs, tempDir } from "./support/log-files.js";

const PINO_CHILD = fileURLToPath(new URL("./support/pino-child.ts", import.meta.url));
const SIZE = 64 * 1024;

afterAll(removeTempDirs);

/** The numbers of the messages in JSON lines, in order. */
function messageNumbers(text: string): number[] {
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => Number((JSON.parse(line) as { msg?: string; message?: string }).msg ?? (JSON.parse(line) as { message: string }).message));
}

describe("adapters", () => {
  it("rotor/pino writes every pino line, in order, from pino's worker thread, no file over the limit", async () => {
    const dir = tempDir("pino");
    const output = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ["--import", "tsx", PINO_CHILD, join(dir, "app.log"), "20000", JSON.stringify({ size: SIZE, keep: 50 })], (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    expect(output).toBe("done\n");
    const files = logFiles(dir, "app.log");
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(file.bytes).toBeLessThanOrEqual(SIZE);
    expect(files.flatMap((file) => messageNumbers(file.text))).toEqual(range(1, 20_000));
    expect(JSON.parse(files[0]!.text.split("\n")[0]!)).toEqual({ level: 30, msg: "000000001" });
  }, 60_000);

  it("rotor/winston writes every winston message as one line, in order, no file over the limit", async () => {
    const dir = tempDir("winston");
    const transport = new RotorTransport({ filename: join(dir, "app.log"), size: SIZE, keep: 50 });
    const logger = winston.createLogger({ format: winston.format.json(), transports: [transport] });
    for (let n = 1; n <= 20_000; n++) logger.info(String(n).padStart(9, "0"));
    logger.end();
    await once(transport, "finish");
    const files = logFiles(dir, "app.log");
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(file.bytes).toBeLessThanOrEqual(SIZE);
    expect(files.flatMap((file) => messageNumbers(file.text))).toEqual(range(1, 20_000));
  }, 60_000);
});
