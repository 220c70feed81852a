/**
 * What a size trigger follows and how it is told: the spec (paths or globs, threshold,
 * polling interval), the options of one trigger, its pacing constants, and how a threshold
 * reads in messages. Shared by the one-task trigger (size-trigger.ts) and the group that
 * drives many (size-group.ts).
 */
import { TriggerError, expected } from "./errors.js";
import type { Fire } from "./firing.js";
import { hasWildcard } from "./name-pattern.js";
import type { WatchHost } from "./watch-host.js";

/** The least time between two checks of one path while watch events keep coming. */
export const DEBOUNCE_MS = 5;

/**
 * Every this many polls, every path is checked, watched or not (a sweep); in between, only
 * the paths that no watch covers. Watches do the work; the sweep catches what a watch can
 * miss (a filesystem that does not report changes made by other hosts, such as NFS).
 */
export const SWEEP_EVERY = 10;

export interface SizeSpec {
  /** Paths, or globs whose last part has wildcards (`/var/log/nginx/*.log`). */
  patterns: string[];
  /** Fire when a file's size is greater than this many bytes. */
  threshold: number;
  /** Poll every this many ms as a fallback for the watches; Infinity: never. */
  checkMs: number;
}

export interface SizeTriggerOptions {
  fire: Fire;
  /** The filesystem seam (watch, stat, readdir); default: the real one. */
  watcher?: WatchHost;
  /** Told once, when the first check (of every file, with its watches made) is done. */
  onReady?: () => void;
  /** Told once when the system's watch limit makes the trigger poll some path instead. */
  onWarning?: (message: string) => void;
}

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];

/**
 * A byte count as people read it: 1024 → "1 KiB", 1536 → "1.5 KiB".
 *
 * @example
 * describeSize({ patterns: ["/var/log/app.log"], threshold: 1_048_576, checkMs: 5_000 }); // "size > 1 MiB"
 */
export function describeSize(spec: Pick<SizeSpec, "threshold">): string {
  let value = spec.threshold;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `size > ${Number(value.toFixed(1))} ${UNITS[unit]}`;
}

/**
 * Throws TriggerError unless `spec` is a valid size spec.
 *
 * @example
 * checkSizeSpec({ patterns: ["/var/log/*.log"], threshold: 1024, checkMs: 60_000 });
 */
export function checkSizeSpec(spec: SizeSpec): void {
  const action = "fix the size trigger";
  if (!Array.isArray(spec?.patterns) || spec.patterns.length === 0) throw expected("ERR_TRIGGER_BAD_SIZE", "patterns", "a non-empty array of paths", spec?.patterns, action);
  spec.patterns.forEach((pattern, index) => {
    if (typeof pattern !== "string" || pattern === "") throw expected("ERR_TRIGGER_BAD_SIZE", `patterns[${index}]`, "a path", pattern, action);
    const dir = pattern.split("/").slice(0, -1);
    if (dir.some(hasWildcard)) {
      throw new TriggerError(
        "ERR_TRIGGER_BAD_SIZE",
        `Expected \`patterns[${index}]\` to have wildcards in its last part only, got \`${pattern}\` (string); list each directory, such as \`/var/log/app/*.log\``,
      );
    }
  });
  if (!Number.isSafeInteger(spec.threshold) || spec.threshold < 0) throw expected("ERR_TRIGGER_BAD_SIZE", "threshold", "an integer number of bytes >= 0", spec.threshold, action);
  if (typeof spec.checkMs !== "number" || !(spec.checkMs > 0)) throw expected("ERR_TRIGGER_BAD_SIZE", "checkMs", "a number of ms > 0 (Infinity: no polling)", spec.checkMs, action);
}
