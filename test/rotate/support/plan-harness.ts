/**
 * The harness of the table-driven planner tests: a disk described as data, rotations run
 * end to end on the in-memory filesystem and the virtual clock, and one sequence of events
 * (filesystem changes and script runs, in order) to compare with logrotate's syscall order.
 */
import { posix } from "node:path";
import { gzipSync } from "node:zlib";
import { rotation, type CommandResult, type RotateFileOptions, type RotationReport, type RunCommand } from "../../../src/rotate/index.js";
import { VirtualClock, run } from "../../../src/scheduler/index.js";
import { MemoryFs } from "./memory-fs.js";

/** 2026-03-15 10:00 UTC: the "now" of every experiment in docs/logrotate-behaviour.md. */
export const START = Date.UTC(2026, 2, 15, 10, 0, 0);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A file to put on the disk: its text, or details. Names are relative to /logs unless absolute. */
export type FileSpec =
  | string
  | { text?: string; gz?: string; mode?: number; uid?: number; gid?: number; ageDays?: number }
  | { dir: true; mode?: number; uid?: number; gid?: number }
  | { symlink: string }
  | { hardlinkOf: string };

export type Files = Record<string, FileSpec>;

const pathOf = (name: string): string => (name.startsWith("/") ? name : posix.join("/logs", name));

/** Writes `files` onto `disk` (directories first, links last); mtimes are START - 1 h unless aged. */
export function putFiles(disk: MemoryFs, files: Files, now = START): void {
  const entries = Object.entries(files);
  const order = (spec: FileSpec): number => (typeof spec === "object" && "dir" in spec ? 0 : typeof spec === "object" && ("symlink" in spec || "hardlinkOf" in spec) ? 2 : 1);
  entries.sort((a, b) => order(a[1]) - order(b[1]));
  for (const [name, spec] of entries) {
    const path = pathOf(name);
    if (typeof spec === "string") {
      disk.write(path, spec, { mtimeMs: now - HOUR });
    } else if ("dir" in spec) {
      disk.mkdirs(path, spec.mode ?? 0o755);
      void disk.chmod(path, spec.mode ?? 0o755);
      void disk.chown(path, spec.uid ?? 0, spec.gid ?? 0);
    } else if ("symlink" in spec) {
      disk.symlink(spec.symlink, path);
    } else if ("hardlinkOf" in spec) {
      disk.hardlink(pathOf(spec.hardlinkOf), path);
    } else {
      const content = spec.gz !== undefined ? gzipSync(spec.gz) : (spec.text ?? "");
      disk.write(path, content, { mode: spec.mode, uid: spec.uid, gid: spec.gid, mtimeMs: now - (spec.ageDays === undefined ? HOUR : spec.ageDays * DAY) });
    }
  }
}

export function createDisk(files: Files): MemoryFs {
  const disk = new MemoryFs({ now: () => START });
  disk.mkdirs("/logs");
  putFiles(disk, files);
  return disk;
}

const ok: CommandResult = { code: 0, signal: null, stderr: "" };

/**
 * Scripts without processes: a script is recorded as `sh <script text> <args>` and fails
 * (exit 1) when its text contains "fail". (Shred goes through the fs: MemoryFs records it.)
 */
export function fakeRun(disk: MemoryFs): RunCommand {
  return async (file, args) => {
    if (file === "/bin/sh") {
      const [, script, , ...rest] = args;
      disk.calls.push(["sh", script, ...rest].join(" "));
      return script!.includes("fail") ? { code: 1, signal: null, stderr: `${script} failed on purpose\n` } : ok;
    }
    throw new Error(`unexpected command in an in-memory test: ${file} ${args.join(" ")}`);
  };
}

/** The recorded events, without the journal's own files, with `/logs/` left out of paths. */
export function events(disk: MemoryFs): string[] {
  return disk.calls.filter((call) => !call.includes("rotor-journal")).map((call) => call.replaceAll("/logs/", ""));
}

export type Options = Omit<RotateFileOptions, "fs" | "runCommand">;

/** One rotation of `log` at wall time `at`, on the virtual clock, with scripts faked. */
export async function rotateAt(disk: MemoryFs, log: string, options: Options, at = START): Promise<RotationReport> {
  const clock = new VirtualClock({ autojump: true, start: at });
  disk.now = () => clock.wallNow();
  return run(rotation(log, { timezone: "UTC", ...options, fs: disk, runCommand: fakeRun(disk) }), { clock });
}
