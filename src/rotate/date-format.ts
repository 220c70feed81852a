/**
 * logrotate's `dateformat`: the strftime subset it allows (%Y %m %d %H %M %S %V %s, and
 * %% for a percent sign), to name dated versions, the matching pattern to find them again,
 * and their order. The manual asks for formats whose names sort by date, but logrotate 3.21
 * sorts by the date parsed from the name (docs/logrotate-behaviour.md, 04j, 04j2), so a
 * `-%d%m%Y` set is ordered by calendar date; so is rotor's (compareDates).
 */
import { invalidOption } from "./errors.js";
import { localFields } from "./local-time.js";

const FIELDS = new Set(["Y", "m", "d", "H", "M", "S", "V", "s", "%"]);

/** Throws a clear error if `format` uses a specifier logrotate does not allow. */
export function checkDateFormat(format: string): void {
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== "%") continue;
    const field = format[++i];
    if (field === undefined || !FIELDS.has(field)) {
      throw invalidOption("dateformat", "a format using only %Y %m %d %H %M %S %V %s (and %%)", format);
    }
  }
  if (format.includes("/")) throw invalidOption("dateformat", "a format without '/' (it becomes part of a file name)", format);
}

/** ISO 8601 week number (strftime's %V) of a calendar date. */
function isoWeek(year: number, month: number, day: number): number {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7; // Monday 1 … Sunday 7
  date.setUTCDate(date.getUTCDate() + 4 - weekday); // the Thursday of this ISO week
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/**
 * Formats `epochMs` with a logrotate dateformat.
 *
 * @example
 * formatDate("-%Y%m%d", Date.UTC(2026, 2, 15), "UTC") // "-20260315"
 */
export function formatDate(format: string, epochMs: number, timeZone?: string): string {
  const f = localFields(epochMs, timeZone);
  let out = "";
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== "%") {
      out += c;
      continue;
    }
    const field = format[++i];
    switch (field) {
      case "Y": out += pad(f.year, 4); break; // prettier-ignore
      case "m": out += pad(f.month); break; // prettier-ignore
      case "d": out += pad(f.day); break; // prettier-ignore
      case "H": out += pad(f.hour); break; // prettier-ignore
      case "M": out += pad(f.minute); break; // prettier-ignore
      case "S": out += pad(f.second); break; // prettier-ignore
      case "V": out += pad(isoWeek(f.year, f.month, f.day)); break; // prettier-ignore
      case "s": out += String(Math.floor(epochMs / 1000)); break; // prettier-ignore
      default: out += "%"; // "%%"
    }
  }
  return out;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A regular-expression source matching any output of `format` (logrotate's glob, made exact). */
export function dateFormatPattern(format: string): string {
  let out = "";
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== "%") {
      out += escapeRegExp(c);
      continue;
    }
    const field = format[++i];
    if (field === "Y") out += "\\d{4}";
    else if (field === "s") out += "\\d+";
    else if (field === "%") out += "%";
    else out += "\\d{2}";
  }
  return out;
}

/**
 * The fields of a date written with `format`, most significant first ([Y, m, d, H, M, S, V,
 * s]; a field the format lacks is 0), so that tuples compare as the dates do. `text` must
 * match dateFormatPattern(format).
 */
function dateFields(format: string, text: string): number[] {
  const fields: Record<string, number> = {};
  let pos = 0;
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== "%") {
      pos++;
      continue;
    }
    const field = format[++i]!;
    if (field === "%") {
      pos++;
      continue;
    }
    const digits = field === "s" ? (/^\d+/.exec(text.slice(pos))?.[0] ?? "") : text.slice(pos, pos + (field === "Y" ? 4 : 2));
    fields[field] = Number(digits);
    pos += digits.length;
  }
  return ["Y", "m", "d", "H", "M", "S", "V", "s"].map((field) => fields[field] ?? 0);
}

/**
 * Orders two date parts of names written with `format` by the dates they stand for
 * (logrotate's order, docs/logrotate-behaviour.md 04j), not by their text.
 *
 * @example
 * compareDates("-%d%m%Y", "-28022026", "-01032026") // < 0: 28 February comes first
 */
export function compareDates(format: string, a: string, b: string): number {
  const [x, y] = [dateFields(format, a), dateFields(format, b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return a < b ? -1 : a > b ? 1 : 0;
}
