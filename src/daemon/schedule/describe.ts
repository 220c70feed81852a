/** How a job's schedule reads in logs, `rotor check` and `rotor status`: the triggers layer's own words. */
import { describeCalendar, describeCron, describeInterval } from "../../triggers/index.js";
import type { JobSchedule } from "./job-schedule.js";

/**
 * @example
 * describeSchedule({ kind: "every", intervalMs: 30_000 }); // "every 30s"
 */
export function describeSchedule(schedule: JobSchedule): string {
  switch (schedule.kind) {
    case "every":
      return describeInterval(schedule.intervalMs);
    case "calendar":
      return describeCalendar(schedule.spec);
    case "cron":
      return describeCron(schedule.schedule);
  }
}

/**
 * A duration in the interval syntax: 90000 → "1m30s".
 *
 * @example
 * formatDuration(5_400_000); // "1h30m"
 */
export function formatDuration(ms: number): string {
  return describeInterval(ms).replace(/^every /, "");
}
