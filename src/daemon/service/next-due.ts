/**
 * When a job's schedule is next due: for the `next rotation` metric, `rotor check`'s
 * timeline and `rotor status`. Pure; the triggers layer owns the calendar and cron rules.
 */
import { nextCalendarInstant, nextCronInstant } from "../../triggers/index.js";
import type { JobSchedule } from "./job-spec.js";

/**
 * The first instant after `afterMs` at which `schedule` fires; `last` (the last rotation,
 * or null) matters only to an interval, which counts from it.
 *
 * @example
 * nextScheduled({ kind: "every", intervalMs: 30_000 }, now, null); // now + 30 s
 */
export function nextScheduled(schedule: JobSchedule, afterMs: number, last: number | null): number {
  switch (schedule.kind) {
    case "every":
      return last === null ? afterMs + schedule.intervalMs : Math.max(afterMs, last + schedule.intervalMs);
    case "calendar":
      return nextCalendarInstant(schedule.spec, afterMs);
    case "cron":
      return nextCronInstant(schedule.schedule, afterMs);
  }
}

/**
 * The next `count` firings after `afterMs` (a timeline for `rotor check`).
 *
 * @example
 * upcoming({ kind: "every", intervalMs: 60_000 }, 0, null, 3); // [60000, 120000, 180000]
 */
export function upcoming(schedule: JobSchedule, afterMs: number, last: number | null, count: number): number[] {
  const times: number[] = [];
  let at = nextScheduled(schedule, afterMs, last);
  while (times.length < count) {
    times.push(at);
    at = schedule.kind === "every" ? at + schedule.intervalMs : nextScheduled(schedule, at, at);
  }
  return times;
}

/**
 * How a schedule reads in logs and in `rotor check`.
 *
 * @example
 * describeSchedule({ kind: "every", intervalMs: 30_000 }); // "every 30s"
 */
export function describeSchedule(schedule: JobSchedule): string {
  switch (schedule.kind) {
    case "every":
      return `every ${formatDuration(schedule.intervalMs)}`;
    case "cron":
      return `cron "${schedule.expression}"${schedule.timeZone ? ` (${schedule.timeZone})` : ""}`;
    case "calendar": {
      const { unit, at, weekday, monthday, month, timeZone } = schedule.spec;
      const time = `${pad(at.hour)}:${pad(at.minute)}${at.second ? `:${pad(at.second)}` : ""}`;
      const when =
        unit === "hourly"
          ? `hourly at :${pad(at.minute)}`
          : unit === "daily"
            ? `daily at ${time}`
            : unit === "weekly"
              ? `weekly on ${WEEKDAYS[weekday ?? 0]} at ${time}`
              : unit === "monthly"
                ? `monthly on day ${monthday ?? 1} at ${time}`
                : `yearly on ${pad(month ?? 1)}-${pad(monthday ?? 1)} at ${time}`;
      return timeZone ? `${when} (${timeZone})` : when;
    }
  }
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * 30000 → "30s", 5400000 → "1h30m", 86400000 → "1d".
 *
 * @example
 * formatDuration(90_000); // "1m30s"
 */
export function formatDuration(ms: number): string {
  const units: Array<[string, number]> = [["d", 86_400_000], ["h", 3_600_000], ["m", 60_000], ["s", 1000], ["ms", 1]];
  let rest = ms;
  let text = "";
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) text += `${n}${unit}`;
    rest -= n * size;
  }
  return text || "0s";
}
