/**
 * The value syntaxes of rotor's YAML that are more than a YAML type: durations ("1h30m"),
 * sizes ("10MiB"), times of day ("02:30"), weekdays, month days and octal modes. Each
 * function returns undefined for text it does not accept, and the caller reports it in the
 * project's message template; none of them throws.
 */
import type { TimeOfDay } from "../model.js";

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** The pattern the JSON Schema publishes for durations (one or more `<integer><unit>`). */
export const DURATION_PATTERN = "^([0-9]+(ms|s|m|h|d|w))+$";

/**
 * A duration in milliseconds; 0 and empty text are refused (an interval must move on).
 *
 * @example
 * parseDuration("1h30m"); // 5_400_000
 * parseDuration("30");    // undefined: a unit is required, so `30` is never read as ms by mistake
 */
export function parseDuration(text: string): number | undefined {
  if (!new RegExp(DURATION_PATTERN).test(text)) return undefined;
  let total = 0;
  for (const [, digits, unit] of text.matchAll(/([0-9]+)(ms|s|m|h|d|w)/g)) total += Number(digits) * DURATION_UNITS[unit!]!;
  return total > 0 && Number.isSafeInteger(total) ? total : undefined;
}

// k, M, G, T as logrotate reads them (powers of 1024), the IEC names likewise, and the SI
// names kB/MB/GB/TB as powers of 1000, so that each spelling means what it says.
const SIZE_UNITS: Record<string, number> = { "": 1, B: 1, k: 1024, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4, kB: 1000, KB: 1000, MB: 1000 ** 2, GB: 1000 ** 3, TB: 1000 ** 4 };

/** The pattern the JSON Schema publishes for sizes written as text. */
export const SIZE_PATTERN = "^[0-9]+(\\.[0-9]+)? ?(B|k|K|M|G|T|KiB|MiB|GiB|TiB|kB|KB|MB|GB|TB)?$";

/**
 * A size in bytes, from a number of bytes or text with a unit.
 *
 * @example
 * parseSize("10k");   // 10240
 * parseSize("1.5 MB"); // 1500000
 * parseSize(1024);    // 1024
 */
export function parseSize(value: number | string): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  const match = new RegExp(SIZE_PATTERN).exec(value);
  if (!match) return undefined;
  const unit = value.replace(/^[0-9.]+ ?/, "");
  const bytes = Math.floor(Number(value.slice(0, value.length - unit.length).trim()) * SIZE_UNITS[unit]!);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** "HH:MM[:SS]", or ":MM[:SS]" (minutes past every hour). */
export const TIME_PATTERN = "^([0-9]{1,2})?:[0-9]{2}(:[0-9]{2})?$";

/**
 * A time of day; `hourly` says which of the two forms is wanted (":MM" for hourly, "HH:MM" otherwise).
 *
 * @example
 * parseTimeOfDay("02:30", false); // { hour: 2, minute: 30, second: 0 }
 * parseTimeOfDay(":15", true);    // { hour: 0, minute: 15, second: 0 }
 */
export function parseTimeOfDay(text: string, hourly: boolean): TimeOfDay | undefined {
  const match = /^([0-9]{1,2})?:([0-9]{2})(?::([0-9]{2}))?$/.exec(text);
  if (!match || (match[1] === undefined) !== hourly) return undefined;
  const hour = Number(match[1] ?? 0);
  const minute = Number(match[2]);
  const second = Number(match[3] ?? 0);
  return hour < 24 && minute < 60 && second < 60 ? { hour, minute, second } : undefined;
}

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** Weekday names as the schema lists them (full and three-letter, any case is read). */
export const WEEKDAY_NAMES = [...WEEKDAYS, ...WEEKDAYS.map((day) => day.slice(0, 3))];

/**
 * 0 = Sunday … 6 = Saturday, from a name ("monday", "Mon") or a number (7 is Sunday too, as in cron).
 *
 * @example
 * parseWeekday("Mon"); // 1
 */
export function parseWeekday(value: string | number): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 && value <= 7 ? value % 7 : undefined;
  const index = WEEKDAY_NAMES.indexOf(value.toLowerCase());
  return index < 0 ? undefined : index % 7;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A yearly date "MM-DD" (February 29 is allowed: the triggers layer decides what a
 * non-leap year does).
 *
 * @example
 * parseMonthDay("07-14"); // { month: 7, monthday: 14 }
 */
export function parseMonthDay(text: string): { month: number; monthday: number } | undefined {
  const match = /^([0-9]{2})-([0-9]{2})$/.exec(text);
  if (!match) return undefined;
  const month = Number(match[1]);
  const monthday = Number(match[2]);
  return month >= 1 && month <= 12 && monthday >= 1 && monthday <= DAYS_IN_MONTH[month - 1]! ? { month, monthday } : undefined;
}

/**
 * Permission bits written as chmod writes them: text "0640"/"640"/"0o640", or a YAML number,
 * whose source text is read as octal too (YAML 1.2 reads `0640` as decimal 640, which is
 * never what a mode means).
 *
 * @example
 * parseOctalMode("0640"); // 0o640
 */
export function parseOctalMode(source: string): number | undefined {
  const match = /^0?o?([0-7]{1,4})$/.exec(source.trim());
  return match ? parseInt(match[1]!, 8) : undefined;
}
