/**
 * isDue: whether one log is to be rotated in this pass, by logrotate 3.21's rules
 * (logrotate.c findNeedRotating, checked against docs/logrotate-behaviour.md 08g-08o):
 *
 * 1. `-f` rotates, whatever the time, size, minsize and minage say;
 * 2. else a log over `maxsize` rotates;
 * 3. else with `size` (no frequency) the log rotates once it has at least that many bytes;
 * 4. else a last rotation more than 25 hours in the future forces a rotation;
 * 5. else, when the local date-and-hour differs from the last rotation's, the frequency
 *    decides (hourly: another hour; daily: another day; weekly: 7+ days, or 1+ day and
 *    today is the weekday; monthly, yearly), and only then minsize and minage can say no;
 *    in the same hour nothing rotates;
 * 6. last, `notifempty` keeps an empty log, even with `-f` (08k).
 *
 * A rotor YAML job has a schedule instead of a frequency: after rules 1 and 2, it is due
 * when its schedule has fired since the last rotation, and minsize, minage and notifempty
 * apply as above.
 */
import type { LogSettings } from "../../config/index.js";
import { describeSchedule } from "../schedule/describe.js";
import { scheduleIsDue, scheduleOf } from "../schedule/job-schedule.js";
import { localFields, type LocalFields } from "../state/index.js";

const DAY_MS = 86_400_000;

export interface DueInput {
  settings: LogSettings;
  size: number;
  mtimeMs: number;
  /** When the state says it was last rotated (first sight: the start of this hour). */
  lastRotated: number;
  now: number;
  force: boolean;
  timeZone?: string;
}

export interface Due {
  due: boolean;
  /** Why not, in logrotate's words ("log does not need rotating (...)"); or a note on why it is. */
  reason: string;
  /** logrotate prints "log X last rotated in the future -- rotation forced" as an error. */
  future?: boolean;
}

/** Days between two local dates, time of day ignored (logrotate's daysElapsed). */
function daysElapsed(now: LocalFields, last: LocalFields): number {
  return Math.round((Date.UTC(now.year, now.month - 1, now.day) - Date.UTC(last.year, last.month - 1, last.day)) / DAY_MS);
}

function byFrequency(settings: LogSettings, now: LocalFields, last: LocalFields): Due {
  const ago = (what: string): Due => ({ due: false, reason: `log has been rotated at ${last.year}-${pad(last.month)}-${pad(last.day)} ${pad(last.hour)}:${pad(last.minute)}, which is less than ${what} ago` });
  const f = settings.frequency;
  switch (f.unit) {
    case "hourly":
      return { due: true, reason: "another hour" }; // the caller checked the hour differs
    case "daily":
      return now.year !== last.year || now.month !== last.month || now.day !== last.day ? { due: true, reason: "another day" } : ago("a day");
    case "weekly": {
      const days = daysElapsed(now, last);
      const weekday = new Date(Date.UTC(now.year, now.month - 1, now.day)).getUTCDay();
      return days >= 7 || (days >= 1 && weekday === f.weekday) ? { due: true, reason: "another week" } : ago("a week");
    }
    case "monthly":
      return now.year !== last.year || now.month !== last.month ? { due: true, reason: "another month" } : ago("a month");
    case "yearly":
      return now.year !== last.year ? { due: true, reason: "another year" } : ago("a year");
    case "none":
      return { due: false, reason: "no frequency" };
  }
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** minsize and minage can only say no to a log that its schedule or frequency made due. */
function gated(s: LogSettings, size: number, input: DueInput, result: Due): Due {
  if (!result.due) return result;
  if (s.minsize > 0 && size < s.minsize) return { due: false, reason: "'minsize' directive is used and the log size is smaller than the minsize value" };
  if (s.minage > 0 && s.minage * DAY_MS >= input.now - input.mtimeMs) return { due: false, reason: "'minage' directive is used and the log age is smaller than the minage days" };
  return result;
}

/** rotor's own schedules (YAML): due when an interval, calendar or cron boundary has passed since the last rotation. */
function bySchedule(s: LogSettings, input: DueInput): Due {
  const schedule = scheduleOf(s, s.origins.schedule ?? { file: "(config)", line: 0, column: 0 });
  if (schedule === null || scheduleIsDue(schedule, input.lastRotated, input.now)) return { due: true, reason: "scheduled" };
  return { due: false, reason: `log is not due by its schedule (${describeSchedule(schedule)})` };
}

/**
 * Decides whether a log is due. Pure: the caller stats the log and reads the state.
 *
 * @example
 * isDue({ settings, size: 10, mtimeMs, lastRotated: store.firstSight(log, now), now, force: false });
 */
export function isDue(input: DueInput): Due {
  const { settings: s, size, now } = input;
  let result: Due;
  if (input.force) result = { due: true, reason: "forced" };
  else if (s.maxsize > 0 && size > s.maxsize) result = { due: true, reason: "log size is above maxsize" };
  else if (s.schedule !== null) result = gated(s, size, input, bySchedule(s, input));
  else if (s.frequency.unit === "none") {
    result = size >= s.size ? { due: true, reason: "size" } : { due: false, reason: "log size is below the 'size' threshold" };
  } else if (input.lastRotated - now > 25 * 3_600_000) {
    result = { due: true, reason: "last rotated in the future -- rotation forced", future: true };
  } else {
    const n = localFields(now, input.timeZone);
    const l = localFields(input.lastRotated, input.timeZone);
    if (n.year === l.year && n.month === l.month && n.day === l.day && n.hour === l.hour) {
      result = { due: false, reason: "log has already been rotated" };
    } else {
      result = gated(s, size, input, byFrequency(s, n, l));
    }
  }
  if (result.due && !s.ifempty && size === 0) return { due: false, reason: "log is empty" };
  return result;
}
