/**
 * The daemon's metrics, per job, in Prometheus' text exposition format (version 0.0.4):
 * rotations and failures (counters), bytes written by compression (a counter), and the last
 * and next rotation times (gauges, Unix seconds). Plain data updated by the jobs; the HTTP
 * endpoint (metrics-server.ts) only renders it, so tests read it without a socket.
 */

interface Family {
  help: string;
  type: "counter" | "gauge";
  /** Invariant: keyed by job name; a job removed by a reload is deleted from every family. */
  values: Map<string, number>;
}

const FAMILIES = {
  rotor_rotations_total: { help: "Rotations completed, per job.", type: "counter" },
  rotor_rotation_failures_total: { help: "Rotations that failed (and will be retried), per job.", type: "counter" },
  rotor_compressed_bytes_total: { help: "Bytes of compressed versions written, per job.", type: "counter" },
  rotor_last_rotation_timestamp_seconds: { help: "When the job last rotated a file (Unix time).", type: "gauge" },
  rotor_next_rotation_timestamp_seconds: { help: "When the job's schedule is next due (Unix time); absent for size-only jobs.", type: "gauge" },
} as const;

export type MetricName = keyof typeof FAMILIES;

/**
 * Metrics of all jobs of one daemon.
 *
 * @example
 * const metrics = new Metrics();
 * metrics.add("rotor_rotations_total", "app");
 * metrics.render(); // "# HELP rotor_rotations_total ...\nrotor_rotations_total{job=\"app\"} 1\n..."
 */
export class Metrics {
  readonly #families = new Map<MetricName, Family>(
    (Object.keys(FAMILIES) as MetricName[]).map((name) => [name, { ...FAMILIES[name], values: new Map<string, number>() }]),
  );

  /** Adds `by` (default 1) to a counter. */
  add(name: MetricName, job: string, by = 1): void {
    const values = this.#families.get(name)!.values;
    values.set(job, (values.get(job) ?? 0) + by);
  }

  /** Sets a gauge; null removes it (no next time for a size-only job). */
  set(name: MetricName, job: string, value: number | null): void {
    const values = this.#families.get(name)!.values;
    if (value === null) values.delete(job);
    else values.set(job, value);
  }

  get(name: MetricName, job: string): number | undefined {
    return this.#families.get(name)!.values.get(job);
  }

  /** Declares a job so that its counters show as 0 before anything happens. */
  declare(job: string): void {
    for (const [name, family] of this.#families) if (family.type === "counter" && !family.values.has(job)) this.add(name, job, 0);
  }

  /** Forgets a job (removed by a reload). */
  forget(job: string): void {
    for (const family of this.#families.values()) family.values.delete(job);
  }

  /** The exposition text. */
  render(): string {
    const lines: string[] = [];
    for (const [name, family] of this.#families) {
      lines.push(`# HELP ${name} ${family.help}`, `# TYPE ${name} ${family.type}`);
      for (const [job, value] of [...family.values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        lines.push(`${name}{job="${escapeLabel(job)}"} ${formatValue(value)}`);
      }
    }
    return lines.join("\n") + "\n";
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
