/**
 * The scratch copy `rotor simulate` works on: every file a config's jobs name (globs
 * expanded on the real disk), copied under a scratch root at the same absolute path, and
 * the config's paths rewritten to point there. The real files are only read.
 *
 * The root is under /dev/shm when it exists: a month of 30-second rotations is tens of
 * thousands of journaled rotations, and on tmpfs their fsyncs cost nothing.
 */
import { copyFile, mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { hasGlob, type ConfigModel, type LogEntry } from "../../config/index.js";
import { filesOf } from "../../daemon/index.js";
import { nodeFs } from "../../rotate/index.js";
import { run } from "../../scheduler/index.js";

export interface Scratch {
  root: string;
  /** The config with every path moved under `root`. */
  model: ConfigModel;
  /** Files copied (real path → scratch path). */
  copied: Map<string, string>;
  remove(): Promise<void>;
}

/** Where a real absolute path lives in the scratch copy. */
export function inScratch(root: string, path: string): string {
  return join(root, path);
}

/**
 * Copies the files of `model`'s jobs under a new scratch directory.
 *
 * @example
 * const scratch = await createScratch(model);
 * try { ... } finally { await scratch.remove(); }
 */
export async function createScratch(model: ConfigModel): Promise<Scratch> {
  const base = await stat("/dev/shm").then((info) => (info.isDirectory() ? "/dev/shm" : tmpdir()), () => tmpdir());
  const root = await mkdtemp(join(base, "rotor-simulate-"));
  const copied = new Map<string, string>();
  const logs: LogEntry[] = [];
  for (const entry of model.logs) {
    const files = await run(filesOf(entry, nodeFs));
    for (const file of files) {
      if (hasGlob(file) || copied.has(file)) continue;
      const target = inScratch(root, file);
      await mkdir(dirname(target), { recursive: true });
      const info = await stat(file).catch(() => null);
      if (info?.isFile()) await copyFile(file, target);
      copied.set(file, target);
    }
    for (const pattern of entry.patterns) await mkdir(dirname(inScratch(root, absolute(pattern.path))), { recursive: true });
    logs.push(moved(entry, root));
  }
  // An olddir given relative to the log's directory needs that directory too, which exists.
  return { root, model: { ...model, logs }, copied, remove: () => rm(root, { recursive: true, force: true }) };
}

function absolute(path: string): string {
  return isAbsolute(path) ? path : join(process.cwd(), path);
}

function moved(entry: LogEntry, root: string): LogEntry {
  const settings = structuredClone(entry.settings);
  if (settings.olddir !== null && isAbsolute(settings.olddir)) settings.olddir = inScratch(root, settings.olddir);
  return {
    ...entry,
    settings,
    patterns: entry.patterns.map((pattern) => ({ ...pattern, path: inScratch(root, absolute(pattern.path)) })),
  };
}

/**
 * The files under the scratch root, as real paths (for the summary).
 *
 * @example
 * await listScratch(root); // ["/var/log/app.log", "/var/log/app.log.1.gz"]
 */
export async function listScratch(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name).slice(root.length))
    .sort();
}
