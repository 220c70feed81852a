/**
 * buildJobs: a loaded config (rotor's YAML or logrotate's syntax, one model) as the daemon's
 * jobs — for each config entry, what wakes it (a schedule, a size threshold, or both) and
 * what it rotates. Cron expressions are checked here, where the triggers layer is known,
 * and a bad one is reported at its place in the config.
 *
 * How a logrotate block becomes a job (logrotate has no schedule of its own; cron runs it):
 * its frequency becomes a calendar boundary in the host's zone (hourly at :00, daily at
 * 00:00, weekly on its weekday, monthly on the 1st, yearly on 1 January), and its `size`
 * (no frequency) or `maxsize` becomes a size trigger. When a trigger fires, logrotate's own
 * rules still decide (src/daemon/pass/due.ts), so the daemon rotates what `logrotate` run
 * at that instant would — only without waiting for cron.
 */
import { createHash } from "node:crypto";
import type { ConfigModel, LogEntry, LogSettings } from "../../config/index.js";
import { scheduleOf, type JobSchedule } from "../schedule/job-schedule.js";

export type { JobSchedule };

export interface JobSpec {
  /** Unique within a daemon: the YAML key, or a logrotate block's pattern text. */
  name: string;
  /** The config entry: its patterns and settings drive the rotation (src/daemon/pass/block.ts). */
  entry: LogEntry;
  /** True for logrotate blocks: logrotate's due rules decide at each firing. */
  logrotateRules: boolean;
  schedule: JobSchedule | null;
  /** A size trigger fires when a file grows past this many bytes; null = none. */
  sizeThreshold: number | null;
  /** The size trigger's polling interval (the fallback of file watching). */
  checkMs: number;
  /** Equal fingerprints = the same job: a reload leaves it running. */
  fingerprint: string;
}

/** The size trigger's polling interval when the config gives none (the seed checks every 60 s). */
export const DEFAULT_CHECK_MS = 60_000;

/**
 * The jobs of a config, in config order. Throws DaemonError for a bad cron expression.
 *
 * @example
 * const jobs = buildJobs(await loadConfigFile("/etc/rotor.yaml"));
 */
export function buildJobs(model: ConfigModel): JobSpec[] {
  const used = new Map<string, number>();
  // Jobs whose settings hold one schedule object (the YAML loader shares equal ones) in one
  // zone share one JobSchedule: a daemon holds one per job, 10,000 of them equal.
  const schedules = new Map<object, Map<string | null, JobSchedule | null>>();
  const scheduleFor = (entry: LogEntry): JobSchedule | null => {
    const s = entry.settings;
    const byZone = schedules.get(s.schedule ?? s.frequency) ?? new Map<string | null, JobSchedule | null>();
    schedules.set(s.schedule ?? s.frequency, byZone);
    if (!byZone.has(s.timezone)) byZone.set(s.timezone, scheduleOf(s, entry.location));
    return byZone.get(s.timezone)!;
  };
  return model.logs.map((entry) => {
    const base = entry.name ?? entry.patternText.trim().replace(/\s+/g, " ");
    const count = (used.get(base) ?? 0) + 1;
    used.set(base, count);
    const name = count === 1 ? base : `${base} (${count})`;
    const s = entry.settings;
    const logrotateRules = entry.name === undefined;
    return {
      name,
      entry,
      logrotateRules,
      schedule: scheduleFor(entry),
      sizeThreshold: sizeThresholdOf(s, logrotateRules),
      checkMs: s.check ?? DEFAULT_CHECK_MS,
      fingerprint: fingerprintOf(entry),
    };
  });
}

/**
 * logrotate rotates a size-only log once it has at least `size` bytes, and any log over
 * `maxsize`; rotor's YAML `size: N` means "when it passes N bytes" (the seed's wording).
 */
function sizeThresholdOf(s: LogSettings, logrotateRules: boolean): number | null {
  const sizeOnly = s.schedule === null && s.frequency.unit === "none";
  if (sizeOnly) return logrotateRules ? Math.max(0, s.size - 1) : s.size;
  return s.maxsize > 0 ? s.maxsize : null;
}

/**
 * What makes two entries the same job: paths and settings, not where they were written.
 * Kept as a digest: the JSON is about 1 KB a job, and a daemon may hold 10,000 jobs.
 */
function fingerprintOf(entry: LogEntry): string {
  const { origins: _origins, ...settings } = entry.settings;
  const text = JSON.stringify({ name: entry.name ?? null, patterns: entry.patterns.map((p) => p.path), patternText: entry.patternText, settings });
  return createHash("sha256").update(text).digest("base64");
}
