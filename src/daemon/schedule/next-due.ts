/**
 * When a job's schedule is next due: for the `next rotation` metric, `rotor check`'s
 * timeline and `rotor status`. Pure; the triggers layer owns the calendar and cron rules.
 */
import { nextCalendarInstant, nextCronInstant } from "../../triggers/index.js";
import type { JobSchedule } from "../schedule/job-schedule.js";

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
