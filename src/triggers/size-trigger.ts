/**
 * The size trigger: fire as soon as a log grows past a threshold, instead of when a timer
 * happens to look. Watches (inotify) say when to look; a poll every `checkMs` covers what
 * watches miss (a network filesystem, the watch limit reached, an event lost).
 *
 * HOW: it checks everything at its start and every SWEEP_EVERY × checkMs (a sweep), and
 * every checkMs what no watch covers, if anything; between polls it waits until a watch
 * reports a path, then checks only the reported paths. Checks are level-triggered: each
 * one that sees a file over the threshold fires (the job coalesces firings that come
 * while it rotates). Checks are paced per path: a reported path is checked at once unless
 * it was checked less than DEBOUNCE_MS ago, so a busy log costs one stat per few ms, not
 * one per write, and does not delay the crossing of another log (nor do the events of a
 * rotation just done). The steps are size-group.ts's: this operation is a group of one; a
 * daemon runs one group for all its jobs.
 */
import { getLoop, type Operation } from "../scheduler/index.js";
import { SizeTriggers } from "./size-group.js";
import { checkSizeSpec, type SizeSpec, type SizeTriggerOptions } from "./size-spec.js";

export { DEBOUNCE_MS, SWEEP_EVERY, describeSize, type SizeSpec, type SizeTriggerOptions } from "./size-spec.js";

/**
 * Fires whenever a check sees one of the files over `threshold` bytes, with the files
 * that are. Runs until cancelled; its watches are closed when it ends. A check's error
 * (other than a missing file) is thrown.
 *
 * @example
 * yield* spawn(sizeTrigger({ patterns: ["/var/log/nginx/*.log"], threshold: 100 * 1024 * 1024, checkMs: 10_000 }, {
 *   fire: (firing) => due.put(firing),
 *   onWarning: (message) => log.warn(message),
 * }));
 */
export function* sizeTrigger(spec: SizeSpec, options: SizeTriggerOptions): Operation<never> {
  checkSizeSpec(spec);
  const { watcher, ...rest } = options;
  const group = new SizeTriggers(yield* getLoop(), { watcher });
  group.add(spec, rest);
  return yield* group.run();
}
