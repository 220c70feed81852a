/**
 * Local calendar time, as logrotate computes it: `localtime()` for dated names and state
 * lines, and `mktime()` (with `tm_isdst = -1`) to read a state line back, in the host's time
 * zone or in an injected IANA zone, so that tests and daemons serving another zone give the
 * same bytes as logrotate run under `TZ=...`. Instants are epoch milliseconds; nothing here
 * reads a clock. (It lives in the lowest layer that needs it: rotation names, the state file
 * and calendar triggers all use it.)
 */
import { invalidOption } from "./errors.js";

/** The calendar fields of an instant, as `struct tm` holds them but with month 1–12. */
export interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** One formatter per zone: creating an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      throw invalidOption("timeZone", "an IANA time zone name such as `Europe/Paris`", timeZone);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The local calendar fields of `epochMs` (logrotate's `localtime_r`); `timeZone` undefined
 * means the host's zone (the TZ environment variable), as logrotate uses.
 *
 * @example
 * localFields(Date.UTC(2026, 2, 5, 12, 8, 9), "America/New_York"); // { year: 2026, month: 3, day: 5, hour: 7, minute: 8, second: 9 }
 */
export function localFields(epochMs: number, timeZone?: string): LocalFields {
  if (timeZone === undefined) {
    const d = new Date(epochMs);
    return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds() };
  }
  // UTC needs no formatter: the Date's UTC fields are its fields. (A formatter with a zone
  // also loads ICU's zone data, about 6 MB resident for the life of a daemon.)
  if (timeZone === "UTC") {
    const d = new Date(epochMs);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
  }
  const fields: LocalFields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type in fields) fields[part.type as keyof LocalFields] = Number(part.value);
  }
  return fields;
}

/** Local time minus UTC at an instant, in ms (whole seconds: old LMT offsets have them). */
function offsetAt(epochMs: number, timeZone: string | undefined): number {
  const seconds = Math.floor(epochMs / 1000) * 1000;
  const f = localFields(seconds, timeZone);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - seconds;
}

const DAY_MS = 86_400_000;

/**
 * The instant at which a local clock reads `fields` (logrotate's `mktime` with
 * `tm_isdst = -1`). Out-of-range fields carry over as mktime's do: day 0 is the last day of
 * the month before, 31 February is 3 March. In a DST gap (02:30 on a spring-forward night)
 * the time is read with the offset in force before the gap, so it lands after it (03:30),
 * as glibc does — checked against logrotate 3.21; in a repeated hour the first occurrence
 * is taken.
 *
 * @example
 * fromLocalFields({ year: 2026, month: 3, day: 5, hour: 7, minute: 8, second: 9 }, "UTC"); // Date.UTC(2026, 2, 5, 7, 8, 9)
 */
export function fromLocalFields(fields: LocalFields, timeZone?: string): number {
  const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  const before = offsetAt(wall - DAY_MS, timeZone);
  const earlier = wall - before;
  if (offsetAt(earlier, timeZone) === before) return earlier;
  const after = offsetAt(wall + DAY_MS, timeZone);
  const later = wall - after;
  if (offsetAt(later, timeZone) === after) return later;
  return earlier;
}

/**
 * The start of the local hour holding `epochMs`, to the second: what logrotate records for
 * a log it sees for the first time (it keeps the hour and zeroes minutes and seconds).
 * Subtracting the local minutes and seconds, rather than rebuilding from fields, stays
 * right in zones with half-hour offsets and in the repeated hour of a DST change.
 *
 * @example
 * startOfLocalHour(Date.UTC(2026, 2, 5, 7, 38, 9), "Asia/Kolkata"); // Date.UTC(2026, 2, 5, 7, 30, 0): 13:00 in Kolkata
 */
export function startOfLocalHour(epochMs: number, timeZone?: string): number {
  const seconds = Math.floor(epochMs / 1000) * 1000;
  const f = localFields(seconds, timeZone);
  return seconds - (f.minute * 60 + f.second) * 1000;
}

/**
 * logrotate's `dateyesterday` instant: the day before, at noon, with the minutes and seconds
 * of `epochMs` (logrotate sets `tm_hour = 12` "to work around DST issues", takes one from
 * `tm_mday` and calls `mktime`). So `%H` reads 12, and after a 23- or 25-hour day the name is
 * still the calendar day before, which `now - 24 h` is not just after such a midnight.
 *
 * @example
 * yesterdayNoon(Date.UTC(2026, 2, 29, 22, 30), "Europe/Paris"); // 12:30 on 29 March in Paris: 00:30 on the 30th follows a 23-hour day
 */
export function yesterdayNoon(epochMs: number, timeZone?: string): number {
  const f = localFields(epochMs, timeZone);
  return fromLocalFields({ ...f, day: f.day - 1, hour: 12 }, timeZone);
}
