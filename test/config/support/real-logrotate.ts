/**
 * Runs Debian's logrotate 3.21 in debug mode (`-d`: it reads the config and prints what it
 * would do, changing nothing) on a config in a scratch directory, and describes a parsed
 * log the way logrotate's debug output does, so that the two can be compared.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { LogEntry } from "../../../src/config/index.js";

export const LOGROTATE = "/usr/sbin/logrotate";

/** Whether the real logrotate can be run here: installed, and we are root (its config checks assume it). */
export const haveLogrotate = existsSync(LOGROTATE) && process.getuid?.() === 0;

export interface Scratch {
  dir: string;
  conf: string;
  remove(): void;
}

/**
 * A scratch directory with logs/a.log … logs/d.log, the config (mode 0644) and other files,
 * `@D` in any text standing for the directory.
 */
export function scratch(config: string, files: Record<string, string> = {}): Scratch {
  const dir = mkdtempSync(join(tmpdir(), "rotor-lr-"));
  const fill = (text: string) => text.replaceAll("@D", dir);
  mkdirSync(join(dir, "logs"));
  for (const name of ["a", "b", "c", "d"]) writeFileSync(join(dir, "logs", `${name}.log`), "x\n");
  const conf = join(dir, "conf");
  writeFileSync(conf, fill(config));
  chmodSync(conf, 0o644);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), fill(text));
    chmodSync(join(dir, name), 0o644);
  }
  return { dir, conf, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `logrotate -d -s STATE CONF` (not forced, so that it prints each log's criterion). */
export function runLogrotate(s: Scratch): { status: number; output: string } {
  const run = spawnSync(LOGROTATE, ["-d", "-s", join(s.dir, "state"), s.conf], { encoding: "utf8", timeout: 10_000 });
  return { status: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
}

function criterion(log: LogEntry): string {
  const { frequency, size } = log.settings;
  if (frequency.unit === "none") return `${size} bytes`;
  return frequency.unit === "daily" ? "after 1 days" : frequency.unit;
}

/**
 * What logrotate's debug output says about a log block: its pattern, criterion, count, and
 * olddir/ifempty/minsize/maxsize/mail summary line.
 *
 * @example
 * describeLog(log); // "rotating pattern: /x/a.log  after 1 days (3 rotations)\nempty log files are rotated, old logs are removed"
 */
export function describeLog(log: LogEntry): string {
  const s = log.settings;
  const count = s.keep === -1 ? " " : s.keep === 0 ? " (no old logs will be kept)\n" : ` (${s.keep} rotations)\n`;
  const olddir = s.olddir !== null ? `olddir is ${s.olddir}, ` : "";
  const minsize = s.minsize > 0 ? `only log files >= ${s.minsize} bytes are rotated, ` : "";
  const maxsize = s.maxsize > 0 ? `log files >= ${s.maxsize} are rotated earlier, ` : "";
  const old = s.mail !== null ? `mailed to ${s.mail}` : "are removed";
  return `rotating pattern: ${log.patternText} ${criterion(log)}${count}${olddir}empty log files are ${s.ifempty ? "" : "not "}rotated, ${minsize}${maxsize}old logs ${old}`;
}
