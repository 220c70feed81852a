/**
 * The size trigger: fire as soon as a log grows past a threshold, instead of when a timer
 * happens to look. Watches (inotify) say when to look; a poll every `checkMs` covers what
 * watches miss (a network filesystem, the watch limit reached, an event lost).
 *
 * HOW: one task. It checks everything at its start and every SWEEP_EVERY × checkMs (a
 * sweep), and every checkMs what no watch covers, if anything; between polls it
 * sleeps until a watch reports a path, then checks only the reported paths. Checks are
 * level-triggered: each one that sees a file over the threshold fires (the job coalesces
 * firings that come while it rotates). Checks are paced per path: a reported path is
 * checked at once unless it was checked less than DEBOUNCE_MS ago, so a busy log costs one
 * stat per few ms, not one per write, and does not delay the crossing of another log (nor
 * do the events of a rotation just done).
 */
import { Event, getLoop, type Operation } from "../scheduler/index.js";
import { TriggerError, expected } from "./errors.js";
import type { Fire } from "./firing.js";
import { hasWildcard } from "./name-pattern.js";
import { nodeWatchHost } from "./node-watch-host.js";
import { WatchSet } from "./size-watch-set.js";
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

function checkSpec(spec: SizeSpec): void {
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

/**
 * Fires whenever a check sees one of the files over `threshold` bytes, with the files
 * that are. Runs until cancelled; its watches are closed when it ends.
 *
 * @example
 * yield* spawn(sizeTrigger({ patterns: ["/var/log/nginx/*.log"], threshold: 100 * 1024 * 1024, checkMs: 10_000 }, {
 *   fire: (firing) => due.put(firing),
 *   onWarning: (message) => log.warn(message),
 * }));
 */
export function* sizeTrigger(spec: SizeSpec, options: SizeTriggerOptions): Operation<never> {
  checkSpec(spec);
  const { fire, watcher = nodeWatchHost, onWarning = () => {} } = options;
  const trigger = describeSize(spec);
  const loop = yield* getLoop();
  const wake = new Event();
  const files = new WatchSet(spec.patterns, spec.threshold, watcher, () => wake.set(), onWarning, spec.checkMs, DEBOUNCE_MS);
  const report = (paths: string[]): void => {
    if (paths.length > 0) fire({ trigger, at: loop.clock.wallNow(), paths });
  };
  try {
    let nextSweep = -Infinity;
    for (;;) {
      wake.clear();
      const sweep = loop.time() >= nextSweep;
      report(yield* (sweep ? files.checkAll() : files.checkUnwatched()));
      if (sweep && nextSweep === -Infinity) options.onReady?.();
      if (sweep) nextSweep = loop.time() + spec.checkMs * SWEEP_EVERY;
      // With every path watched there is nothing to poll before the next sweep: an idle
      // daemon of 10,000 watched logs wakes each trigger once per sweep, not once per check.
      const nextPoll = files.hasUnwatched() ? Math.min(loop.time() + spec.checkMs, nextSweep) : nextSweep;
      while (loop.time() < nextPoll) {
        const wait = files.dueIn(loop.time());
        if (wait > 0) {
          // Woken early by a newly reported path; a path already waiting does not wake it.
          wake.clear();
          const limit = Math.min(wait, nextPoll - loop.time());
          // A timer that sets the same event, rather than race([wait, sleep]): no child
          // tasks per wait, which matters to a daemon holding 10,000 of these triggers.
          const alarm = limit === Infinity ? null : loop.callLater(limit, () => wake.set());
          try {
            yield* wake.wait();
          } finally {
            alarm?.cancel();
          }
          continue;
        }
        report(yield* files.checkReported(loop.time()));
      }
    }
  } finally {
    files.close();
  }
}
