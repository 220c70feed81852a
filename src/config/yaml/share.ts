/**
 * The parts that a config's jobs have in common, made one value that they all hold. WHY: a
 * config of 10,000 jobs made 10,000 equal copies of each job's schedule, its time of day,
 * its frequency, its (empty) scripts and its time zone: about 200 bytes a job, held for as
 * long as the daemon runs. Shared values are frozen: the model is plain data, read once
 * loaded and never changed, and a change would throw rather than reach the other jobs.
 */
import type { LogEntry } from "../model.js";

/**
 * Replaces, in `logs`, each of those parts by the first equal one seen.
 *
 * @example
 * shareCommonParts(model.logs);
 * model.logs[0].settings.schedule === model.logs[1].settings.schedule; // true when they are equal
 */
export function shareCommonParts(logs: readonly LogEntry[]): void {
  const seen = new Map<string, unknown>();
  const share = <T>(value: T): T => {
    const key = typeof value === "string" ? `"${value}` : JSON.stringify(value);
    const known = seen.get(key);
    if (known !== undefined) return known as T;
    seen.set(key, deepFreeze(value));
    return value;
  };
  for (const { settings } of logs) {
    settings.scripts = share(settings.scripts);
    settings.frequency = share(settings.frequency);
    if (settings.schedule !== null) settings.schedule = share(settings.schedule);
    if (settings.timezone !== null) settings.timezone = share(settings.timezone);
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
