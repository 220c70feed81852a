/**
 * Local wall time and the instants that show it, DST gaps and overlaps included.
 *
 * A "wall" here is a local date and time written as the epoch ms it would be in UTC
 * (`Date.UTC(year, month - 1, day, hour, minute, second)`): civil arithmetic on walls
 * (next day, next month) is plain UTC arithmetic, free of DST. A wall shows on a local
 * clock at zero, one or two instants: zero in a spring-forward gap, two in a fall-back
 * overlap. Offsets are sampled a day either side of a wall, which finds both offsets of
 * any change, as long as a zone does not change twice within two days (none does today).
 */
import { localFields } from "../rotate/index.js";
import { expected } from "./errors.js";

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The wall an instant shows in `timeZone` (undefined: the host's zone), to the second. */
export function wallOf(epochMs: number, timeZone: string | undefined): number {
  const f = localFields(epochMs, timeZone);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
}

/** Local time minus UTC at an instant, in ms. */
export function offsetAt(epochMs: number, timeZone: string | undefined): number {
  const seconds = Math.floor(epochMs / SECOND_MS) * SECOND_MS;
  return wallOf(seconds, timeZone) - seconds;
}

/**
 * Every instant at which the local clock shows `wall`, earliest first: [] in a DST gap,
 * two in an overlap.
 *
 * @example
 * occurrences(Date.UTC(2026, 9, 25, 2, 30), "Europe/Paris"); // [Date.UTC(2026, 9, 25, 0, 30), Date.UTC(2026, 9, 25, 1, 30)]
 */
export function occurrences(wall: number, timeZone: string | undefined): number[] {
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const found: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wall - offset;
    if (wallOf(instant, timeZone) === wall && !found.includes(instant)) found.push(instant);
  }
  return found.sort((a, b) => a - b);
}

/**
 * The instant a boundary at local `wall` falls on: its first occurrence (a fall-back
 * overlap shows it twice; it happens once), or, when a spring-forward gap skips it, the
 * first instant after the gap (midnight skipped in America/Santiago: 01:00).
 *
 * @example
 * resolveWall(Date.UTC(2026, 2, 29, 2, 30), "Europe/Paris"); // Date.UTC(2026, 2, 29, 1, 0): 03:00 CEST
 */
export function resolveWall(wall: number, timeZone: string | undefined): number {
  const found = occurrences(wall, timeZone);
  if (found.length > 0) return found[0]!;
  // In the gap: the clock jumps from below `wall` to above it. Find, to the second, the
  // first instant whose wall is at or past it. Offsets before/after bound the search.
  const a = wall - offsetAt(wall - DAY_MS, timeZone);
  const b = wall - offsetAt(wall + DAY_MS, timeZone);
  let lo = Math.floor(Math.min(a, b) / SECOND_MS);
  let hi = Math.ceil(Math.max(a, b) / SECOND_MS);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallOf(mid * SECOND_MS, timeZone) >= wall) hi = mid;
    else lo = mid + 1;
  }
  return lo * SECOND_MS;
}

/** Civil fields of a wall (all in UTC terms). */
export function civil(wall: number): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(wall);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const checkedZones = new Set<string>();

/** Throws a TriggerError for a time zone the runtime does not know. */
export function checkTimeZone(timeZone: string | undefined, code: "ERR_TRIGGER_BAD_CRON" | "ERR_TRIGGER_BAD_CALENDAR"): void {
  // UTC is always known, and checking it with a formatter would load ICU's zone data.
  if (timeZone === undefined || timeZone === "UTC" || checkedZones.has(timeZone)) return;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    throw expected(code, "timeZone", "an IANA time zone name such as `Europe/Paris`", timeZone, "leave it out for the host's zone, or fix its spelling");
  }
  checkedZones.add(timeZone);
}
