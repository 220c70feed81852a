/**
 * Child-side helpers: what every case process uses to time its contender, watch the host
 * while it runs, and hand its figures back to the orchestrator.
 *
 * WHY a probe on a host `setInterval(…, 1)`: a cooperative scheduler must hand control
 * back to Node often, or Node's own timers and I/O starve. The largest gap between two
 * ticks of a 1 ms interval shows how long the host was kept waiting. The same tick samples
 * V8's used heap, which gives a peak without forcing a GC (which would distort timing).
 */
import v8 from "node:v8";

/** Prefix of the one stdout line that carries a child's result as JSON. */
export const RESULT_MARKER = "@@bench-result ";

/** A figure a case reports; the orchestrator reads these by name. */
export type Figures = Record<string, number | string | null>;

/** A high-resolution timestamp in ms. */
export function now(): number {
  return performance.now();
}

export interface HostProbe {
  /** Stops the interval; returns the largest tick gap (ms) and the largest used heap seen (bytes). */
  stop(): { maxGapMs: number; peakHeapUsed: number };
}

/** Starts a 1 ms host interval that records its largest gap and the peak used heap. */
export function startHostProbe(): HostProbe {
  let last = now();
  let maxGapMs = 0;
  let peakHeapUsed = v8.getHeapStatistics().used_heap_size;
  const sample = (): void => {
    const t = now();
    if (t - last > maxGapMs) maxGapMs = t - last;
    last = t;
    const used = v8.getHeapStatistics().used_heap_size;
    if (used > peakHeapUsed) peakHeapUsed = used;
  };
  const interval = setInterval(sample, 1);
  return {
    stop() {
      sample(); // the time since the last tick counts as a gap too
      clearInterval(interval);
      return { maxGapMs, peakHeapUsed };
    },
  };
}

/** Peak resident set size of this process so far, in KiB. */
export function peakRssKiB(): number {
  return process.resourceUsage().maxRSS;
}

/** Prints the result line that the orchestrator parses; adds the process's peak RSS. */
export function report(figures: Figures): void {
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify({ ...figures, maxRssKiB: peakRssKiB() })}\n`);
}

/** Reads `name=value` numeric arguments after the contender name, with defaults. */
export function numericArgs<K extends string>(defaults: Record<K, number>): Record<K, number> {
  const values = { ...defaults };
  for (const arg of process.argv.slice(3)) {
    const [key, raw] = arg.split("=");
    if (key !== undefined && key in values && raw !== undefined) values[key as K] = Number(raw);
  }
  return values;
}

/** Looks up the contender named by argv[2], or exits with the list of known ones. */
export function pickContender<T>(contenders: Record<string, T>): T {
  const name = process.argv[2] ?? "";
  const contender = contenders[name];
  if (contender === undefined) {
    process.stderr.write(`unknown contender "${name}"; expected one of: ${Object.keys(contenders).join(", ")}\n`);
    process.exit(2);
  }
  return contender;
}
