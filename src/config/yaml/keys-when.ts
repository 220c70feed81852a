/**
 * The keys that say what a job rotates and when: `path`, the schedules (exactly zero or
 * one of `every`, `hourly`, `daily`, `weekly`, `monthly`, `yearly`, `cron`), `at`,
 * `timezone`, the size thresholds and `check`. The job builder (job.ts) combines the
 * schedule, `at` and `size` into LogSettings; the others are stored directly.
 */
import { Type } from "@sinclair/typebox";
import type { Schedule } from "../model.js";
import { defineKey, sizeKey, type JobKey } from "./key.js";
import { DURATION_PATTERN, TIME_PATTERN, WEEKDAY_NAMES, parseDuration, parseMonthDay, parseWeekday } from "./units.js";

/** A schedule key's value before `at` is joined to it; null = `daily: false` and the like (no schedule). */
export type ScheduleChoice = Exclude<Schedule, { kind: "calendar" }> | { kind: "calendar"; unit: "hourly" | "daily" | "weekly" | "monthly" | "yearly"; weekday?: number; monthday?: number; month?: number } | null;

/** A JSON Schema pattern matching `word` in any case (JSON Schema regexes take no flags). */
function caseless(word: string): string {
  return [...word].map((c) => `[${c.toUpperCase()}${c}]`).join("");
}

const pathText = Type.String({ minLength: 1 });

function unitKey(unit: "hourly" | "daily", example: string): JobKey {
  return defineKey(unit, {
    group: "when",
    schema: Type.Boolean({ description: `rotate ${unit === "hourly" ? "every hour" : "every day"} (at \`at\`, default ${unit === "hourly" ? "minute 0" : "00:00"}); false cancels a schedule from \`defaults\`` }),
    expects: "true or false",
    example,
    convert: (v): ScheduleChoice => (v ? { kind: "calendar", unit } : null),
  });
}

/** The schedule keys, in the order messages list them. */
export const SCHEDULE_KEYS = ["every", "hourly", "daily", "weekly", "monthly", "yearly", "cron"] as const;

/** What a job rotates, and when. */
export const WHEN_KEYS: JobKey[] = [
  defineKey("path", {
    group: "what",
    schema: Type.Union([pathText, Type.Array(pathText, { minItems: 1 })], { description: "the log file(s): a path or a list of paths, globs allowed; relative paths start from the config file's directory" }),
    expects: "a path or a non-empty list of paths",
    example: "path: /var/log/app.log",
  }),
  defineKey("every", {
    group: "when",
    schema: Type.String({ pattern: DURATION_PATTERN, description: 'rotate at this interval: "500ms", "30s", "15m", "6h", "1h30m", "1d", "1w"' }),
    expects: 'a duration such as "30s", "15m" or "1h30m"',
    example: "every: 30s",
    convert: (v): ScheduleChoice | undefined => {
      const intervalMs = parseDuration(v);
      return intervalMs === undefined ? undefined : { kind: "every", intervalMs };
    },
  }),
  unitKey("hourly", "hourly: true"),
  unitKey("daily", "daily: true"),
  defineKey("weekly", {
    group: "when",
    schema: Type.Union([Type.Boolean(), Type.Integer({ minimum: 0, maximum: 7 }), Type.String({ pattern: `^(${WEEKDAY_NAMES.map(caseless).join("|")})$` })], {
      description: "rotate every week: true (on Sunday), or on a weekday given by name (monday, mon) or number (0 or 7 = Sunday … 6 = Saturday)",
    }),
    expects: "true, false, a weekday name such as `monday`, or a number 0-7",
    example: "weekly: monday",
    convert: (v): ScheduleChoice | undefined => {
      if (typeof v === "boolean") return v ? { kind: "calendar", unit: "weekly", weekday: 0 } : null;
      const weekday = parseWeekday(v);
      return weekday === undefined ? undefined : { kind: "calendar", unit: "weekly", weekday };
    },
  }),
  defineKey("monthly", {
    group: "when",
    schema: Type.Union([Type.Boolean(), Type.Integer({ minimum: 1, maximum: 31 })], { description: "rotate every month: true (on the 1st), or on this day of the month (1-31; in shorter months, the triggers use the last day)" }),
    expects: "true, false or a day of the month 1-31",
    example: "monthly: 15",
    convert: (v): ScheduleChoice => (v === false ? null : { kind: "calendar", unit: "monthly", monthday: v === true ? 1 : v }),
  }),
  defineKey("yearly", {
    group: "when",
    schema: Type.Union([Type.Boolean(), Type.String({ pattern: "^[0-9]{2}-[0-9]{2}$" })], { description: 'rotate every year: true (on January 1st), or on this date "MM-DD"' }),
    expects: 'true, false or a date "MM-DD" such as "07-14"',
    example: 'yearly: "07-14"',
    convert: (v): ScheduleChoice | undefined => {
      if (typeof v === "boolean") return v ? { kind: "calendar", unit: "yearly", month: 1, monthday: 1 } : null;
      const date = parseMonthDay(v);
      return date === undefined ? undefined : { kind: "calendar", unit: "yearly", ...date };
    },
  }),
  defineKey("cron", {
    group: "when",
    schema: Type.String({ minLength: 1, description: 'rotate on a cron expression such as "*/15 * * * *" (checked when the daemon starts)' }),
    expects: "a cron expression such as `0 3 * * *`",
    example: 'cron: "0 3 * * *"',
    convert: (v): ScheduleChoice | undefined => (v.trim() === "" ? undefined : { kind: "cron", expression: v }),
  }),
  defineKey("at", {
    group: "when",
    schema: Type.String({ pattern: TIME_PATTERN, description: 'time of day of a calendar schedule: "HH:MM[:SS]", or ":MM[:SS]" with hourly; default midnight (minute 0 with hourly)' }),
    expects: 'a time "HH:MM[:SS]" (":MM" with `hourly`)',
    example: 'at: "02:30"',
  }),
  defineKey("timezone", {
    group: "when",
    schema: Type.String({ minLength: 1, description: "IANA time zone (Europe/Paris, UTC) of calendar schedules and dated names; default the host's" }),
    expects: "an IANA time zone such as `Europe/Paris` or `UTC`",
    example: "timezone: Europe/Paris",
    convert: (v) => (isTimeZone(v) ? v : undefined),
    apply: (s, v: string) => {
      s.timezone = v;
    },
  }),
  sizeKey("size", null, "when", "rotate once the log is this big: with no schedule the job is size-only; with one it rotates on either"),
  sizeKey("minsize", "minsize", "when", "a schedule fires only if the log is at least this big"),
  sizeKey("maxsize", "maxsize", "when", "rotate once the log is this big, even before the schedule fires"),
  defineKey("minage", {
    group: "when",
    schema: Type.Integer({ minimum: 0, description: "do not rotate a log modified less than this many days ago" }),
    expects: "an integer >= 0 (days)",
    example: "minage: 1",
    apply: (s, v: number) => {
      s.minage = v;
    },
  }),
  defineKey("check", {
    group: "when",
    schema: Type.String({ pattern: DURATION_PATTERN, description: 'how often to poll the size where file watching is unavailable: "60s" (default), "5m"' }),
    expects: 'a duration such as "30s" or "5m"',
    example: "check: 60s",
    convert: (v) => parseDuration(v),
    apply: (s, v: number) => {
      s.check = v;
    },
  }),
];

/** Zones already checked: a config of 10,000 jobs names the same few zones again and again. */
const knownZones = new Set<string>();

function isTimeZone(name: string): boolean {
  // UTC is always known, and checking it with a formatter would load ICU's zone data.
  if (name === "UTC" || knownZones.has(name)) return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
  } catch {
    return false;
  }
  knownZones.add(name);
  return true;
}
