/**
 * Real temporary directories for the on-disk tests: made under os.tmpdir(), filled from the
 * same file specs as the in-memory tests (plan-harness.ts), removed afterwards.
 */
import { chmodSync, chownSync, linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import type { FileSpec, Files } from "./plan-harness.js";

const DAY = 86_400_000;

/** True when the tests may give files to other users (daemon:adm), as logrotate's experiments did. */
export const IS_ROOT = process.getuid?.() === 0;

/** A fresh directory under os.tmpdir(); `cleanup` removes every one made so far. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `rotor-${prefix}-`));
  made.push(dir);
  return dir;
}
const made: string[] = [];
export function cleanupTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Writes `files` under `dir` (names relative to it; directories first, links last), with
 * explicit modes (never the umask's) and, with `ageDays`, an mtime that many days before `now`.
 */
export function putDiskFiles(dir: string, files: Files, now = Date.now()): void {
  const order = (spec: FileSpec): number => (typeof spec === "object" && "dir" in spec ? 0 : typeof spec === "object" && ("symlink" in spec || "hardlinkOf" in spec) ? 2 : 1);
  for (const [name, spec] of Object.entries(files).sort((a, b) => order(a[1]) - order(b[1]))) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    if (typeof spec === "string") {
      writeFileSync(path, spec);
      chmodSync(path, 0o644);
    } else if ("dir" in spec) {
      mkdirSync(path, { recursive: true });
      chmodSync(path, spec.mode ?? 0o755);
      if (spec.uid !== undefined || spec.gid !== undefined) chownSync(path, spec.uid ?? 0, spec.gid ?? 0);
    } else if ("symlink" in spec) {
      symlinkSync(spec.symlink, path);
    } else if ("hardlinkOf" in spec) {
      linkSync(join(dir, spec.hardlinkOf), path);
    } else {
      writeFileSync(path, spec.gz !== undefined ? gzipSync(spec.gz) : (spec.text ?? ""));
      chmodSync(path, spec.mode ?? 0o644);
      if (spec.uid !== undefined || spec.gid !== undefined) chownSync(path, spec.uid ?? 0, spec.gid ?? 0);
      if (spec.ageDays !== undefined) {
        const when = new Date(now - spec.ageDays * DAY);
        utimesSync(path, when, when);
      }
    }
  }
}
