/**
 * When a cron schedule runs: the next and previous instants. The fields are matched on
 * local wall time (civil arithmetic, see zone.ts) by jumping field by field (a wrong month
 * skips the month, a wrong hour the hour), then each matching wall is mapped to instants
 * by the schedule's DST rule (see `CronSchedule.realTime`).
 */
import type { CronSchedule } from "./cron-parse.js";
import { firstInstantAfter, lastInstantAtOrBefore, type WallSchedule } from "./wall-search.js";
import { MINUTE_MS, occurrences, resolveWall } from "./zone.js";

/**
 * How far a search looks. A schedule that parses always runs within 40 years: the longest
 * wait is a day that both day fields must match (29 February with a day-of-week step from
 * `*` that allows Sundays only: 28 years apart, 40 across a century's missing leap day); past this one answer null.
 */
const HORIZON_MS = 50 * 366 * 86_400_000;

function dayMatches(schedule: CronSchedule, d: Date): boolean {
  const dom = schedule.daysOfMonth.has(d.getUTCDate());
  const dow = schedule.daysOfWeek.has(d.getUTCDay());
  return schedule.eitherDay ? dom || dow : dom && dow;
}

/** The first wall at or after `wall` (rounded up to the minute) that the fields match, up to `bound`. */
function nextWall(schedule: CronSchedule, wall: number, bound = Infinity): number | null {
  const d = new Date(Math.ceil(wall / MINUTE_MS) * MINUTE_MS);
  const limit = Math.min(wall + HORIZON_MS, bound);
  while (d.getTime() <= limit) {
    if (!schedule.months.has(d.getUTCMonth() + 1)) d.setTime(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
    else if (!dayMatches(schedule, d)) d.setTime(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
    else if (!schedule.hours.has(d.getUTCHours())) d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
    else if (!schedule.minutes.has(d.getUTCMinutes())) d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
    else return d.getTime();
  }
  return null;
}

/** The last wall at or before `wall` (rounded down to the minute) that the fields match, down to `bound`. */
function previousWall(schedule: CronSchedule, wall: number, bound = -Infinity): number | null {
  const d = new Date(Math.floor(wall / MINUTE_MS) * MINUTE_MS);
  const limit = Math.max(wall - HORIZON_MS, bound);
  while (d.getTime() >= limit) {
    // Each miss moves to the last minute of the month, day or hour before.
    if (!schedule.months.has(d.getUTCMonth() + 1)) d.setTime(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - MINUTE_MS);
    else if (!dayMatches(schedule, d)) d.setUTCHours(0, -1, 0, 0);
    else if (!schedule.hours.has(d.getUTCHours())) d.setUTCMinutes(-1, 0, 0);
    else if (!schedule.minutes.has(d.getUTCMinutes())) d.setUTCMinutes(d.getUTCMinutes() - 1, 0, 0);
    else return d.getTime();
  }
  return null;
}

function wallScheduleOf(schedule: CronSchedule): WallSchedule {
  const zone = schedule.timeZone;
  return {
    timeZone: zone,
    nextWall: (wall, bound) => nextWall(schedule, wall, bound),
    previousWall: (wall, bound) => previousWall(schedule, wall, bound),
    instantsOf: schedule.realTime ? (wall) => occurrences(wall, zone) : (wall) => [resolveWall(wall, zone)],
  };
}

/**
 * The first instant strictly after `afterMs` at which the schedule runs.
 *
 * @example
 * nextCronInstant(parseCron("30 2 * * *", "Europe/Paris"), Date.UTC(2026, 2, 28, 12));
 * // Date.UTC(2026, 2, 29, 1, 0): 02:30 does not exist that night, so 03:00 CEST
 */
export function nextCronInstant(schedule: CronSchedule, afterMs: number): number {
  const found = firstInstantAfter(wallScheduleOf(schedule), afterMs);
  if (found === null) throw new RangeError(`The cron schedule \`${schedule.expression}\` does not run within 50 years after ${new Date(afterMs).toISOString()}`);
  return found;
}

/**
 * The last instant at or before `atMs` at which the schedule ran, or null if none within
 * 50 years.
 *
 * @example
 * previousCronInstant(parseCron("@daily", "UTC"), Date.UTC(2026, 0, 2, 5)); // Date.UTC(2026, 0, 2)
 */
export function previousCronInstant(schedule: CronSchedule, atMs: number): number | null {
  return lastInstantAtOrBefore(wallScheduleOf(schedule), atMs);
}

/**
 * A cron schedule as people read it: "cron `30 2 * * *` (Europe/Paris)".
 *
 * @example
 * describeCron(parseCron("@daily")); // "cron `@daily`"
 */
export function describeCron(schedule: CronSchedule): string {
  return `cron \`${schedule.expression.trim()}\`${schedule.timeZone ? ` (${schedule.timeZone})` : ""}`;
}
