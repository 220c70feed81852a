/**
 * A config entry's schedule as the triggers layer takes it — from rotor's own `schedule`
 * (YAML) or from logrotate's `frequency` — and whether it is due at an instant, given the
 * last rotation. Shared by the daemon (which waits for the next firing) and by one-shot
 * passes (`rotor once`, which ask "is it due now?").
 *
 * logrotate's frequencies become calendar boundaries in the entry's zone (hourly at :00,
 * daily at 00:00, weekly on its weekday, monthly on the 1st, yearly on 1 January): the
 * moments at which a logrotate run from cron would first find a log due.
 */
import type { LogSettings, Location, Schedule } from "../../config/index.js";
import { parseCron, previousCalendarInstant, previousCronInstant, type CalendarSpec, type CronSchedule } from "../../triggers/index.js";
import { DaemonError } from "../errors.js";

/** When a job's schedule fires. */
export type JobSchedule =
  | { kind: "every"; intervalMs: number }
  | { kind: "calendar"; spec: CalendarSpec }
  | { kind: "cron"; schedule: CronSchedule; expression: string; timeZone?: string };

const MIDNIGHT = { hour: 0, minute: 0, second: 0 };
const WEEK_MS = 7 * 86_400_000;

/**
 * The schedule of an entry with these settings, or null when only size decides. Throws
 * DaemonError, at `at` in the config, for a bad cron expression.
 *
 * @example
 * scheduleOf(entry.settings, entry.location); // { kind: "every", intervalMs: 30000 }
 */
export function scheduleOf(s: LogSettings, at: Location): JobSchedule | null {
  return s.schedule !== null ? fromSchedule(s.schedule, s, s.origins.schedule ?? at) : fromFrequency(s);
}

function fromSchedule(schedule: Schedule, s: LogSettings, at: Location): JobSchedule {
  const timeZone = s.timezone ?? undefined;
  switch (schedule.kind) {
    case "every":
      return { kind: "every", intervalMs: schedule.intervalMs };
    case "calendar":
      return { kind: "calendar", spec: calendarSpec(schedule, timeZone) };
    case "cron":
      try {
        return { kind: "cron", schedule: parseCron(schedule.expression, timeZone), expression: schedule.expression, timeZone };
      } catch (error) {
        throw new DaemonError("ERR_JOB_CRON", `${at.file}:${at.line}:${at.column}: ${(error as Error).message}`, { cause: error });
      }
  }
}

/**
 * Made field by field, not spread (`{ ...calendar, timeZone }`): past a few hundred jobs V8
 * gave each spread copy a hidden class of its own, about 300 bytes a job.
 */
function calendarSpec(from: Omit<CalendarSpec, "timeZone">, timeZone: string | undefined): CalendarSpec {
  const spec: CalendarSpec = { unit: from.unit, at: from.at, timeZone };
  if (from.weekday !== undefined) spec.weekday = from.weekday;
  if (from.monthday !== undefined) spec.monthday = from.monthday;
  if (from.month !== undefined) spec.month = from.month;
  return spec;
}

function fromFrequency(s: LogSettings): JobSchedule | null {
  const timeZone = s.timezone ?? undefined;
  const calendar = (spec: Omit<CalendarSpec, "timeZone">): JobSchedule => ({ kind: "calendar", spec: calendarSpec(spec, timeZone) });
  const f = s.frequency;
  switch (f.unit) {
    case "none":
      return null;
    case "hourly":
      return calendar({ unit: "hourly", at: MIDNIGHT });
    case "daily":
      return calendar({ unit: "daily", at: MIDNIGHT });
    // `weekly 7` is logrotate's "every 7 days, whatever the weekday".
    case "weekly":
      return f.weekday === 7 ? { kind: "every", intervalMs: WEEK_MS } : calendar({ unit: "weekly", at: MIDNIGHT, weekday: f.weekday });
    case "monthly":
      return calendar({ unit: "monthly", at: MIDNIGHT, monthday: 1 });
    case "yearly":
      return calendar({ unit: "yearly", at: MIDNIGHT, month: 1, monthday: 1 });
  }
}

/**
 * Whether `schedule` has fired since `last` (epoch ms) by `now`: an interval has passed, or
 * a calendar or cron boundary lies in (last, now].
 *
 * @example
 * scheduleIsDue({ kind: "every", intervalMs: 60_000 }, 0, 60_000); // true
 */
export function scheduleIsDue(schedule: JobSchedule, last: number, now: number): boolean {
  switch (schedule.kind) {
    case "every":
      return now - last >= schedule.intervalMs;
    case "calendar":
      return previousCalendarInstant(schedule.spec, now) > last;
    case "cron": {
      const boundary = previousCronInstant(schedule.schedule, now);
      return boundary !== null && boundary > last;
    }
  }
}
