/**
 * Runs Debian's logrotate 3.21 and rotor-logrotate on the same fixture, one after the
 * other in the same scratch directory (so that paths, `$1`, and the state's table order
 * are equal), and snapshots what each left: files with modes and contents (gzip inflated),
 * the scripts' output file, the state file and the exit code.
 */
import { spawnSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { expect } from "vitest";
import { logrotateMain } from "../../../src/cli/logrotate/main.js";

export const LOGROTATE = "/usr/sbin/logrotate";
export const HAS_FAKETIME = spawnSync("faketime", ["2026-03-15 10:00:00", "true"]).status === 0;
const ROOT = new URL("../../../", import.meta.url).pathname;

export interface Snapshot {
  code: number;
  files: Record<string, string>;
  state: string;
  stderr: string;
  /** `uid:gid` of each file and directory, by the same relative paths as `files`. */
  owners: Record<string, string>;
}

/** Files under `dir`, by relative path: `mode content` (a .gz inflated), directories as `dir mode`. */
export function listing(dir: string, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const info = lstatSync(path);
    const mode = (info.mode & 0o7777).toString(8);
    if (info.isDirectory()) {
      out[prefix + name] = `dir ${mode}`;
      Object.assign(out, listing(path, `${prefix}${name}/`));
    } else {
      const data = readFileSync(path);
      out[prefix + name] = `${mode} ${name.endsWith(".gz") ? "gz:" + gunzipSync(data).toString() : data.toString()}`;
    }
  }
  return out;
}

/** `uid:gid` of everything under `dir`, by relative path. */
export function owners(dir: string, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const info = lstatSync(join(dir, name));
    out[prefix + name] = `${info.uid}:${info.gid}`;
    if (info.isDirectory()) Object.assign(out, owners(join(dir, name), `${prefix}${name}/`));
  }
  return out;
}

/** A fresh scratch directory; `setup` fills it (it must create `conf`). */
export function scratch(): string {
  return mkdtempSync(join(tmpdir(), "rotor-lr-"));
}

/** Directories outside the work directory to snapshot too (an olddir on another device), keyed `@DIR/...`. */
export interface BothOptions {
  extra?: string[];
}

function snapshot(dir: string, code: number, stderr: string, options: BothOptions = {}): Snapshot {
  let state = "";
  try {
    state = readFileSync(join(dir, "state"), "utf8");
  } catch {
    // no state written
  }
  const files = listing(join(dir, "work"));
  for (const other of options.extra ?? []) Object.assign(files, listing(other, `@${other}/`));
  return { code, files, state, stderr, owners: owners(join(dir, "work")) };
}

function reset(dir: string, setup: (work: string) => void): void {
  rmSync(join(dir, "work"), { recursive: true, force: true });
  rmSync(join(dir, "state"), { force: true });
  mkdirSync(join(dir, "work"));
  setup(join(dir, "work"));
}

/** The arguments both get: `-s DIR/state`, then `flags`, then DIR/work/conf. */
function argsFor(dir: string, flags: string[]): string[] {
  return [...flags, "-s", join(dir, "state"), join(dir, "work", "conf")];
}

/** Runs logrotate, then rotor-logrotate in-process, on the same fixture in `dir`. */
export async function runBoth(dir: string, setup: (work: string) => void, flags: string[], options: BothOptions = {}): Promise<{ logrotate: Snapshot; rotor: Snapshot }> {
  reset(dir, setup);
  const real = spawnSync(LOGROTATE, argsFor(dir, flags), { encoding: "utf8", cwd: dir });
  const logrotate = snapshot(dir, real.status ?? -1, real.stderr, options);
  reset(dir, setup);
  const lines: string[] = [];
  const code = await logrotateMain(argsFor(dir, flags), { out: (line) => lines.push(line), err: (line) => lines.push(line) });
  return { logrotate, rotor: snapshot(dir, code, lines.join("\n"), options) };
}

/** Both under faketime at `at`: rotor from its sources through tsx, so no build is needed. */
export function runBothAt(dir: string, at: string, setup: (work: string) => void, flags: string[], options: BothOptions = {}): { logrotate: Snapshot; rotor: Snapshot } {
  reset(dir, setup);
  const real = spawnSync("faketime", [at, LOGROTATE, ...argsFor(dir, flags)], { encoding: "utf8", cwd: dir });
  const logrotate = snapshot(dir, real.status ?? -1, real.stderr, options);
  reset(dir, setup);
  const rotor = spawnSync("faketime", [at, process.execPath, "--import", "tsx", join(ROOT, "src/cli/rotor-logrotate.ts"), ...argsFor(dir, flags)], { encoding: "utf8", cwd: ROOT });
  return { logrotate, rotor: snapshot(dir, rotor.status ?? -1, rotor.stderr, options) };
}

/**
 * Checks that two state files have the same lines in the same order, each date within
 * `slackMs` of the other's: the two runs happen a moment apart, so a rotation's second may
 * differ; the paths, their order and the first-sight hours may not. Returns the problems.
 */
export function stateDifferences(a: string, b: string, slackMs = 30_000): string[] {
  const parse = (line: string) => {
    const m = /^(.*) (\d+)-(\d+)-(\d+)-(\d+):(\d+):(\d+)$/.exec(line);
    return m ? { path: m[1]!, ms: new Date(+m[2]!, +m[3]! - 1, +m[4]!, +m[5]!, +m[6]!, +m[7]!).getTime() } : { path: line, ms: 0 };
  };
  const left = a.split("\n");
  const right = b.split("\n");
  const problems: string[] = [];
  if (left.length !== right.length) problems.push(`${left.length} lines vs ${right.length}`);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = parse(left[i]!);
    const y = parse(right[i]!);
    if (x.path !== y.path || Math.abs(x.ms - y.ms) > slackMs) problems.push(`line ${i + 1}: ${left[i]} vs ${right[i]}`);
  }
  return problems;
}

/** Both sides left the same files, contents, modes and owners, exit code and state (dates within the slack). */
export function expectSame(result: { logrotate: Snapshot; rotor: Snapshot }): void {
  expect(result.rotor.files).toEqual(result.logrotate.files);
  expect(result.rotor.owners).toEqual(result.logrotate.owners);
  expect(result.rotor.code, result.rotor.stderr).toBe(result.logrotate.code);
  expect(stateDifferences(result.logrotate.state, result.rotor.state)).toEqual([]);
}
