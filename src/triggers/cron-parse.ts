/**
 * Reading standard 5-field cron expressions (minute hour day-of-month month day-of-week),
 * as Vixie cron and cronie read them: `*`, lists (`,`), ranges (`-`), steps (`/`, also
 * `5/15` for `5-59/15`), month and weekday names (`jan`, `mon-fri`), 7 for Sunday, and the
 * `@hourly` … `@yearly` shorthands. Every mistake is a TriggerError that names the field,
 * what it accepts and the column where the bad part starts.
 */
import { TriggerError } from "./errors.js";
import { checkTimeZone } from "./zone.js";

/** A parsed cron expression: the values each field allows, and how DST applies to it. */
export interface CronSchedule {
  /** The expression as written. */
  readonly expression: string;
  /** IANA zone the fields are read in; undefined means the host's zone. */
  readonly timeZone: string | undefined;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  /** 1–31. */
  readonly daysOfMonth: ReadonlySet<number>;
  /** 1–12. */
  readonly months: ReadonlySet<number>;
  /** 0 = Sunday … 6 = Saturday (7 in the expression is read as 0). */
  readonly daysOfWeek: ReadonlySet<number>;
  /**
   * Vixie's rule: when both day fields are restricted (neither starts with `*`), a day
   * matches if either does; otherwise both must.
   */
  readonly eitherDay: boolean;
  /**
   * True when the minute or hour field starts with `*` (a job that runs through the day):
   * it follows real time across DST, so a repeated hour runs twice and a skipped one not
   * at all. Otherwise a fixed-time job runs once: at the first instant after a gap that
   * skips its time, and at the first of two occurrences in an overlap (Vixie cron's rule).
   */
  readonly realTime: boolean;
}

interface FieldRule {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** First value the names stand for (months are 1-based). */
  nameBase?: number;
}

const FIELDS: readonly FieldRule[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], nameBase: 1 },
  { name: "day-of-week", min: 0, max: 7, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"], nameBase: 0 },
];

const ALIASES: Record<string, string> = {
  "@hourly": "0 * * * *",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@weekly": "0 0 * * 0",
  "@monthly": "0 0 1 * *",
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
};

const ACTION = "write five fields (minute hour day-of-month month day-of-week) such as `30 2 * * *`, or one of @hourly, @daily, @weekly, @monthly, @yearly";

function fail(expression: string, what: string, got: string, column: number): TriggerError {
  return new TriggerError("ERR_TRIGGER_BAD_CRON", `Expected ${what}, got \`${got}\` at column ${column} of \`${expression}\`; ${ACTION}`, column);
}

/** One value of a field: a number or (month, weekday) a name. */
function readValue(expression: string, rule: FieldRule, text: string, column: number): number {
  let value: number;
  if (/^\d+$/.test(text)) value = Number(text);
  else {
    const index = rule.names?.indexOf(text.toLowerCase()) ?? -1;
    if (index < 0) {
      const accepts = rule.names ? `, or a name such as \`${rule.names[1]}\`` : "";
      throw fail(expression, `the ${rule.name} field to hold numbers ${rule.min}-${rule.max}${accepts}`, text, column);
    }
    value = index + rule.nameBase!;
  }
  if (value < rule.min || value > rule.max) throw fail(expression, `the ${rule.name} field to hold numbers ${rule.min}-${rule.max}`, text, column);
  return value;
}

/** One comma-separated part of a field: `*`, `a`, `a-b`, each with an optional `/step`. */
function readPart(expression: string, rule: FieldRule, part: string, column: number, into: Set<number>): void {
  if (part === "") throw fail(expression, `a value, range or step in the ${rule.name} field`, part, column);
  const [base = "", stepText, extra] = part.split("/");
  if (extra !== undefined) throw fail(expression, `at most one \`/\` in a part of the ${rule.name} field`, part, column);
  let step = 1;
  if (stepText !== undefined) {
    step = /^\d+$/.test(stepText) ? Number(stepText) : 0;
    if (step < 1) throw fail(expression, `a step of at least 1 after \`/\` in the ${rule.name} field`, stepText, column + base.length + 1);
  }
  let low: number;
  let high: number;
  if (base === "*") [low, high] = [rule.min, rule.max];
  else {
    const dash = base.indexOf("-");
    if (dash < 0) {
      low = readValue(expression, rule, base, column);
      high = stepText === undefined ? low : rule.max;
    } else {
      low = readValue(expression, rule, base.slice(0, dash), column);
      high = readValue(expression, rule, base.slice(dash + 1), column + dash + 1);
      if (low > high) throw fail(expression, `a range from low to high in the ${rule.name} field`, base, column);
    }
  }
  for (let value = low; value <= high; value += step) into.add(value);
}

/**
 * Reads a cron expression. `timeZone` (IANA) is the zone its fields are read in;
 * undefined means the host's zone.
 *
 * @example
 * const schedule = parseCron("30 2 * * mon-fri", "Europe/Paris");
 * parseCron("0 0 31 2 *"); // throws TriggerError: February has no 31st
 */
export function parseCron(expression: string, timeZone?: string): CronSchedule {
  if (typeof expression !== "string") throw fail(String(expression), "a cron expression (a string)", String(expression), 1);
  checkTimeZone(timeZone, "ERR_TRIGGER_BAD_CRON");
  const trimmed = expression.trim();
  const lead = expression.length - expression.trimStart().length;
  let source = expression;
  if (trimmed.startsWith("@")) {
    const alias = ALIASES[trimmed.toLowerCase()];
    if (alias === undefined) throw fail(expression, "one of @hourly, @daily, @midnight, @weekly, @monthly, @yearly, @annually", trimmed, lead + 1);
    source = alias;
  }
  const fields: { text: string; column: number }[] = [];
  for (const match of source.matchAll(/\S+/g)) fields.push({ text: match[0], column: match.index + 1 });
  if (fields.length !== 5) {
    const column = fields.length > 5 ? fields[5]!.column : expression.trimEnd().length + 1;
    throw fail(expression, "5 fields (minute hour day-of-month month day-of-week)", `${fields.length} field${fields.length === 1 ? "" : "s"}`, column);
  }
  const sets = fields.map(({ text, column }, index) => {
    const rule = FIELDS[index]!;
    const values = new Set<number>();
    let offset = 0;
    for (const part of text.split(",")) {
      readPart(expression, rule, part, column + offset, values);
      offset += part.length + 1;
    }
    return values;
  });
  const daysOfWeek = new Set([...sets[4]!].map((day) => day % 7));
  const domStar = fields[2]!.text.startsWith("*");
  const dowStar = fields[4]!.text.startsWith("*");
  const schedule: CronSchedule = {
    expression,
    timeZone,
    minutes: sets[0]!,
    hours: sets[1]!,
    daysOfMonth: sets[2]!,
    months: sets[3]!,
    daysOfWeek,
    eitherDay: !domStar && !dowStar,
    realTime: fields[0]!.text.startsWith("*") || fields[1]!.text.startsWith("*"),
  };
  if (!schedule.eitherDay && !domStar && !canHappen(schedule)) {
    throw fail(expression, "a day of the month that the chosen months have", fields[2]!.text, fields[2]!.column);
  }
  return schedule;
}

/** Days in each month at most (February: 29, in leap years). */
const LONGEST_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** False for a day-of-month that none of the months has (`0 0 30 2 *`): it would never run. */
function canHappen(schedule: CronSchedule): boolean {
  for (const month of schedule.months) {
    for (const day of schedule.daysOfMonth) if (day <= LONGEST_MONTH[month]!) return true;
  }
  return false;
}
