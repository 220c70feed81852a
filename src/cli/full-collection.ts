/**
 * One full garbage collection, asked for by the daemon at a moment it knows most of its
 * heap just became garbage: right after reading its config. WHY: reading a YAML config of
 * 10,000 jobs allocates tens of KB of short-lived objects per job, and V8 lets them pile up
 * in the old generation until its next full collection; the jobs built next then grow the
 * heap further instead of reusing that space. Collected in between, a 10,000-job daemon's
 * peak resident size is about 11 MB lower (measured with `npm run bench:daemon-idle`'s
 * config; see BENCHMARKS.md), for one pause of some tens of milliseconds at start.
 *
 * HOW: V8 offers a `gc()` function only to contexts made after `--expose-gc` is set; the
 * flag is set here (it changes nothing else) and `gc` taken from a fresh context, as
 * Jest's leak detector does. Where that is not possible, nothing is done: this only saves
 * memory, and the daemon is correct without it.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let collect: (() => void) | null | undefined;

/**
 * Runs one full garbage collection, if the runtime allows it.
 *
 * @example
 * const model = loadConfig(path);
 * collectGarbage(); // the YAML's garbage goes before the jobs are built
 */
export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString("--expose-gc");
      const gc: unknown = runInNewContext("gc");
      collect = typeof gc === "function" ? (gc as () => void) : null;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
