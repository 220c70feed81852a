/**
 * Calendar schedules: hourly, daily, weekly, monthly, yearly, at a local time of day, in a
 * time zone. Pure functions from an instant to the next (or previous) boundary.
 *
 * DST, decided for log rotation (one rotation per period, never two):
 * - daily and longer: a boundary whose local time a spring-forward gap skips falls on the
 *   first instant after the gap (midnight in America/Santiago: 01:00); one that a
 *   fall-back overlap shows twice falls on its first occurrence only.
 * - hourly: one boundary per real hour, wherever the local clock shows `mm:ss` (an hour
 *   shown twice by a fall-back fires twice, being two real hours; an hour skipped by a
 *   spring-forward does not fire). In a zone whose change is 30 minutes (Lord Howe) that
 *   means a 90- or 30-minute period on the change night; rotation by hour is about
 *   elapsed time, which this follows.
 */
import { expected } from "./errors.js";
import { firstInstantAfter, lastInstantAtOrBefore, type WallSchedule } from "./wall-search.js";
import { HOUR_MS, checkTimeZone, civil, daysInMonth, occurrences, resolveWall } from "./zone.js";

export interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
}

export interface CalendarSpec {
  unit: "hourly" | "daily" | "weekly" | "monthly" | "yearly";
  /** The local time of the boundary; hourly uses only minute and second. */
  at: TimeOfDay;
  /** weekly: 0 = Sunday … 6 = Saturday (default 0). */
  weekday?: number;
  /** monthly/yearly: 1–31 (default 1); past the month's end means its last day. */
  monthday?: number;
  /** yearly: 1–12 (default 1). */
  month?: number;
  /** IANA zone; undefined means the host's zone. */
  timeZone?: string;
}

const UNITS = ["hourly", "daily", "weekly", "monthly", "yearly"];

function checkField(name: string, value: unknown, min: number, max: number): void {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw expected("ERR_TRIGGER_BAD_CALENDAR", name, `an integer from ${min} to ${max}`, value, "fix the calendar schedule");
  }
}

/**
 * Throws a TriggerError for a spec with a field out of range or an unknown zone.
 *
 * @example
 * checkCalendarSpec({ unit: "daily", at: { hour: 24, minute: 0, second: 0 } }); // throws: Expected `at.hour` to be an integer from 0 to 23 …
 */
export function checkCalendarSpec(spec: CalendarSpec): void {
  if (!UNITS.includes(spec?.unit)) {
    throw expected("ERR_TRIGGER_BAD_CALENDAR", "unit", `one of ${UNITS.join(", ")}`, spec?.unit, "fix the calendar schedule");
  }
  checkField("at.hour", spec.at?.hour, 0, 23);
  checkField("at.minute", spec.at.minute, 0, 59);
  checkField("at.second", spec.at.second, 0, 59);
  if (spec.weekday !== undefined) checkField("weekday", spec.weekday, 0, 6);
  if (spec.monthday !== undefined) checkField("monthday", spec.monthday, 1, 31);
  if (spec.month !== undefined) checkField("month", spec.month, 1, 12);
  checkTimeZone(spec.timeZone, "ERR_TRIGGER_BAD_CALENDAR");
}

/** The boundary wall of the period that starts in the given month (monthly, yearly). */
function monthBoundary(spec: CalendarSpec, year: number, month: number): number {
  const day = Math.min(spec.monthday ?? 1, daysInMonth(year, month));
  return Date.UTC(year, month - 1, day, spec.at.hour, spec.at.minute, spec.at.second);
}

/**
 * The boundary wall of the period holding `wall` when `shift` is 0, of the period after
 * it for 1, before it for -1. "Holding" is by civil arithmetic, so the result may lie on
 * either side of `wall`; the callers below step until it does not.
 */
function boundaryNear(spec: CalendarSpec, wall: number, shift: number): number {
  const { hour, minute, second } = spec.at;
  const c = civil(wall);
  switch (spec.unit) {
    case "hourly":
      return Math.floor(wall / HOUR_MS) * HOUR_MS + (minute * 60 + second) * 1000 + shift * HOUR_MS;
    case "daily":
      return Date.UTC(c.year, c.month - 1, c.day + shift, hour, minute, second);
    case "weekly": {
      const back = (c.weekday - (spec.weekday ?? 0) + 7) % 7;
      return Date.UTC(c.year, c.month - 1, c.day - back + 7 * shift, hour, minute, second);
    }
    case "monthly": {
      const first = new Date(Date.UTC(c.year, c.month - 1 + shift, 1));
      return monthBoundary(spec, first.getUTCFullYear(), first.getUTCMonth() + 1);
    }
    case "yearly":
      return monthBoundary(spec, c.year + shift, spec.month ?? 1);
  }
}

function wallScheduleOf(spec: CalendarSpec): WallSchedule {
  const zone = spec.timeZone;
  return {
    timeZone: zone,
    nextWall(wall) {
      let shift = 0;
      while (boundaryNear(spec, wall, shift) < wall) shift++;
      return boundaryNear(spec, wall, shift);
    },
    previousWall(wall) {
      let shift = 0;
      while (boundaryNear(spec, wall, shift) > wall) shift--;
      return boundaryNear(spec, wall, shift);
    },
    instantsOf: spec.unit === "hourly" ? (wall) => occurrences(wall, zone) : (wall) => [resolveWall(wall, zone)],
  };
}

/**
 * The first boundary strictly after `afterMs` (epoch ms).
 *
 * @example
 * nextCalendarInstant({ unit: "daily", at: { hour: 0, minute: 0, second: 0 }, timeZone: "Europe/Paris" }, Date.UTC(2026, 0, 1, 12));
 * // Date.UTC(2026, 0, 1, 23): midnight in Paris
 */
export function nextCalendarInstant(spec: CalendarSpec, afterMs: number): number {
  checkCalendarSpec(spec);
  const found = firstInstantAfter(wallScheduleOf(spec), afterMs);
  if (found === null) throw new RangeError(`No calendar boundary after ${afterMs}`);
  return found;
}

/**
 * The latest boundary at or before `atMs`: the start of the period that holds it.
 *
 * @example
 * previousCalendarInstant({ unit: "monthly", monthday: 31, at: { hour: 0, minute: 0, second: 0 }, timeZone: "UTC" }, Date.UTC(2026, 2, 15));
 * // Date.UTC(2026, 1, 28): the 31st of February is its last day
 */
export function previousCalendarInstant(spec: CalendarSpec, atMs: number): number {
  checkCalendarSpec(spec);
  const found = lastInstantAtOrBefore(wallScheduleOf(spec), atMs);
  if (found === null) throw new RangeError(`No calendar boundary before ${atMs}`);
  return found;
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function clock(at: TimeOfDay): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(at.hour)}:${two(at.minute)}${at.second ? `:${two(at.second)}` : ""}`;
}

/**
 * A calendar spec as people read it: "daily at 00:00 (Europe/Paris)".
 *
 * @example
 * describeCalendar({ unit: "weekly", weekday: 1, at: { hour: 6, minute: 30, second: 0 } }); // "weekly on Monday at 06:30"
 */
export function describeCalendar(spec: CalendarSpec): string {
  const zone = spec.timeZone ? ` (${spec.timeZone})` : "";
  const at = clock(spec.at);
  const two = (n: number) => String(n).padStart(2, "0");
  switch (spec.unit) {
    case "hourly":
      return `hourly at :${two(spec.at.minute)}${spec.at.second ? `:${two(spec.at.second)}` : ""}${zone}`;
    case "daily":
      return `daily at ${at}${zone}`;
    case "weekly":
      return `weekly on ${WEEKDAYS[spec.weekday ?? 0]} at ${at}${zone}`;
    case "monthly":
      return `monthly on day ${spec.monthday ?? 1} at ${at}${zone}`;
    case "yearly":
      return `yearly on ${spec.monthday ?? 1} ${MONTHS[(spec.month ?? 1) - 1]} at ${at}${zone}`;
  }
}
