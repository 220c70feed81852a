/**
 * The daemon's metrics, per job, in Prometheus' text exposition format (version 0.0.4):
 * rotations and failures (counters), bytes written by compression (a counter), and the last
 * and next rotation times (gauges, Unix seconds). Plain data updated by the jobs; the HTTP
 * endpoint (metrics-server.ts) only renders it, so tests read it without a socket.
 */

const FAMILIES = {
  rotor_rotations_total: { help: "Rotations completed, per job.", type: "counter" },
  rotor_rotation_failures_total: { help: "Rotations that failed (and will be retried), per job.", type: "counter" },
  rotor_compressed_bytes_total: { help: "Bytes of compressed versions written, per job.", type: "counter" },
  rotor_last_rotation_timestamp_seconds: { help: "When the job last rotated a file (Unix time).", type: "gauge" },
  rotor_next_rotation_timestamp_seconds: { help: "When the job's schedule is next due (Unix time); absent for size-only jobs.", type: "gauge" },
} as const;

export type MetricName = keyof typeof FAMILIES;

const NAMES = Object.keys(FAMILIES) as MetricName[];
const INDEX = Object.fromEntries(NAMES.map((name, i) => [name, i])) as Record<MetricName, number>;

/** One job's values, one slot per family in the order of NAMES; undefined = absent. */
type JobValues = (number | undefined)[];

/**
 * Metrics of all jobs of one daemon.
 *
 * @example
 * const metrics = new Metrics();
 * metrics.add("rotor_rotations_total", "app");
 * metrics.render(); // "# HELP rotor_rotations_total ...\nrotor_rotations_total{job=\"app\"} 1\n..."
 */
export class Metrics {
  /**
   * Invariant: keyed by job name; a job removed by a reload is deleted. One entry per job
   * holding every family's value, not one map per family: a daemon of 10,000 jobs held
   * four maps of 10,000 entries, about 1.8 MB of hash tables.
   */
  readonly #jobs = new Map<string, JobValues>();

  /** Adds `by` (default 1) to a counter. */
  add(name: MetricName, job: string, by = 1): void {
    const values = this.#valuesOf(job);
    values[INDEX[name]] = (values[INDEX[name]] ?? 0) + by;
  }

  /** Sets a gauge; null removes it (no next time for a size-only job). */
  set(name: MetricName, job: string, value: number | null): void {
    if (value === null) {
      const values = this.#jobs.get(job);
      if (values !== undefined) values[INDEX[name]] = undefined;
    } else {
      this.#valuesOf(job)[INDEX[name]] = value;
    }
  }

  get(name: MetricName, job: string): number | undefined {
    return this.#jobs.get(job)?.[INDEX[name]];
  }

  /** Declares a job so that its counters show as 0 before anything happens. */
  declare(job: string): void {
    const values = this.#valuesOf(job);
    NAMES.forEach((name, i) => {
      if (FAMILIES[name].type === "counter") values[i] ??= 0;
    });
  }

  /** Forgets a job (removed by a reload). */
  forget(job: string): void {
    this.#jobs.delete(job);
  }

  /** The exposition text. */
  render(): string {
    const lines: string[] = [];
    const jobs = [...this.#jobs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    NAMES.forEach((name, i) => {
      lines.push(`# HELP ${name} ${FAMILIES[name].help}`, `# TYPE ${name} ${FAMILIES[name].type}`);
      for (const [job, values] of jobs) {
        const value = values[i];
        if (value !== undefined) lines.push(`${name}{job="${escapeLabel(job)}"} ${formatValue(value)}`);
      }
    });
    return lines.join("\n") + "\n";
  }

  #valuesOf(job: string): JobValues {
    let values = this.#jobs.get(job);
    if (values === undefined) {
      values = [undefined, undefined, undefined, undefined, undefined];
      this.#jobs.set(job, values);
    }
    return values;
  }
}

/** Label values escape backslash, double quote and newline (the exposition format's rule). */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  return String(value);
}
