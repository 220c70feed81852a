/**
 * Reading what a writer left on disk: every version of a log, oldest first, decompressed,
 * and the numbered lines in them, so a test can account for each line it wrote.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

const made: string[] = [];

/** A fresh temporary directory, removed by `removeTempDirs`. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `rotor-writer-${prefix}-`));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface LogFile {
  name: string;
  /** Uncompressed bytes. */
  bytes: number;
  text: string;
}

/**
 * Order of versions: numbered ones from the highest number down, dated ones by date, the
 * live log, then the writer's staging file (the file after a rotation still in progress).
 */
function age(log: string, name: string): number {
  if (name === `.${log}.rotor-next`) return Number.POSITIVE_INFINITY;
  if (name === log) return Number.MAX_VALUE;
  const numbered = /^\.(\d+)/.exec(name.slice(log.length));
  return numbered ? -Number(numbered[1]) : 0;
}

/** The log `log` in `dir`, its versions and staging file, oldest first (writer lock and journal left out). */
export function logFiles(dir: string, log: string): LogFile[] {
  const names = readdirSync(dir).filter((name) => (name.startsWith(log) && !name.endsWith(".tmp")) || name === `.${log}.rotor-next`).filter((name) => statSync(join(dir, name)).isFile());
  names.sort((a, b) => age(log, a) - age(log, b) || (a < b ? -1 : a > b ? 1 : 0));
  return names.map((name) => {
    const raw = readFileSync(join(dir, name));
    const text = (name.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8");
    return { name, bytes: Buffer.byteLength(text), text };
  });
}

/** A numbered line of about `width` bytes: `<number> x...x\n`. */
export function numberedLine(n: number, width = 40): string {
  const head = String(n).padStart(9, "0");
  return `${head} ${"x".repeat(Math.max(0, width - head.length - 2))}\n`;
}

/** The numbers of the numbered lines in `text`, in order; throws on any other line. */
export function lineNumbers(text: string): number[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines.pop() !== "") throw new Error("the file does not end with a whole line");
  return lines.map((line) => {
    const match = /^(\d{9}) x*$/.exec(line);
    if (!match) throw new Error(`not a numbered line: ${JSON.stringify(line.slice(0, 60))}`);
    return Number(match[1]);
  });
}

/** The numbers from `first` to `last`, in order. */
export function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
