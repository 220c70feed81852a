import { describe, expect, it } from "vitest";
import { TriggerError, describeCron, nextCronInstant, parseCron, previousCronInstant } from "../../src/triggers/index.js";
import { iso, shows, utc } from "./local.js";

const ACTION = "write five fields (minute hour day-of-month month day-of-week) such as `30 2 * * *`, or one of @hourly, @daily, @weekly, @monthly, @yearly";

function errorOf(expression: string): TriggerError {
  try {
    parseCron(expression);
  } catch (error) {
    return error as TriggerError;
  }
  throw new Error(`parseCron accepted ${expression}`);
}

describe("parseCron errors", () => {
  it.each([
    ["61 * * * *", 1, "Expected the minute field to hold numbers 0-59, got `61` at column 1 of `61 * * * *`"],
    ["0 24 * * *", 3, "Expected the hour field to hold numbers 0-23, got `24` at column 3 of `0 24 * * *`"],
    ["0 0 0 * *", 5, "Expected the day-of-month field to hold numbers 1-31, got `0` at column 5 of `0 0 0 * *`"],
    ["0 0 * foo *", 7, "Expected the month field to hold numbers 1-12, or a name such as `feb`, got `foo` at column 7 of `0 0 * foo *`"],
    ["0 0 * * 8", 9, "Expected the day-of-week field to hold numbers 0-7, got `8` at column 9 of `0 0 * * 8`"],
    ["0 0 * * mon-funday", 13, "Expected the day-of-week field to hold numbers 0-7, or a name such as `mon`, got `funday` at column 13 of `0 0 * * mon-funday`"],
    ["* * * *", 8, "Expected 5 fields (minute hour day-of-month month day-of-week), got `4 fields` at column 8 of `* * * *`"],
    ["* * * * * *", 11, "Expected 5 fields (minute hour day-of-month month day-of-week), got `6 fields` at column 11 of `* * * * * *`"],
    ["", 1, "Expected 5 fields (minute hour day-of-month month day-of-week), got `0 fields` at column 1 of ``"],
    ["30-10 * * * *", 1, "Expected a range from low to high in the minute field, got `30-10` at column 1 of `30-10 * * * *`"],
    ["*/0 * * * *", 3, "Expected a step of at least 1 after `/` in the minute field, got `0` at column 3 of `*/0 * * * *`"],
    ["0 */x * * *", 5, "Expected a step of at least 1 after `/` in the hour field, got `x` at column 5 of `0 */x * * *`"],
    ["0 1/2/3 * * *", 3, "Expected at most one `/` in a part of the hour field, got `1/2/3` at column 3 of `0 1/2/3 * * *`"],
    ["1,,2 * * * *", 3, "Expected a value, range or step in the minute field, got `` at column 3 of `1,,2 * * * *`"],
    ["0 0 1,5-70 * *", 9, "Expected the day-of-month field to hold numbers 1-31, got `70` at column 9 of `0 0 1,5-70 * *`"],
    ["0 0 30 2 *", 5, "Expected a day of the month that the chosen months have, got `30` at column 5 of `0 0 30 2 *`"],
    ["@reboot", 1, "Expected one of @hourly, @daily, @midnight, @weekly, @monthly, @yearly, @annually, got `@reboot` at column 1 of `@reboot`"],
  ])("refuses %j at column %d", (expression, column, message) => {
    const error = errorOf(expression);
    expect(error).toBeInstanceOf(TriggerError);
    expect(error.code).toBe("ERR_TRIGGER_BAD_CRON");
    expect(error.column).toBe(column);
    expect(error.message).toBe(`${message}; ${ACTION}`);
  });

  it("refuses an unknown time zone", () => {
    expect(() => parseCron("@daily", "Mars/Olympus")).toThrow(
      "Expected `timeZone` to be an IANA time zone name such as `Europe/Paris`, got `Mars/Olympus` (string); leave it out for the host's zone, or fix its spelling",
    );
  });
});

describe("parseCron fields", () => {
  it("reads lists, ranges, steps, names and 7 as Sunday", () => {
    const schedule = parseCron("0,30 8-18/4 1,15 JAN,jul-aug mon-fri,7");
    expect([...schedule.minutes]).toEqual([0, 30]);
    expect([...schedule.hours]).toEqual([8, 12, 16]);
    expect([...schedule.daysOfMonth]).toEqual([1, 15]);
    expect([...schedule.months]).toEqual([1, 7, 8]);
    expect([...schedule.daysOfWeek].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(schedule.eitherDay).toBe(true);
    expect(schedule.realTime).toBe(false);
  });

  it("reads `a/step` as from a to the field's end", () => {
    expect([...parseCron("50/4 * * * *").minutes]).toEqual([50, 54, 58]);
  });

  it.each([
    ["@hourly", "0 * * * *"],
    ["@daily", "0 0 * * *"],
    ["@midnight", "0 0 * * *"],
    ["@weekly", "0 0 * * 0"],
    ["@monthly", "0 0 1 * *"],
    ["@yearly", "0 0 1 1 *"],
    ["@annually", "0 0 1 1 *"],
  ])("reads %s as %s", (alias, fields) => {
    const { expression: _a, ...a } = parseCron(alias);
    const { expression: _b, ...b } = parseCron(fields);
    expect(a).toEqual(b);
  });

  it("describes a schedule with its zone", () => {
    expect(describeCron(parseCron(" 30 2 * * * ", "Europe/Paris"))).toBe("cron `30 2 * * *` (Europe/Paris)");
  });
});

describe("nextCronInstant", () => {
  it.each([
    ["*/15 * * * *", "UTC", "2026-01-01T00:07", ["2026-01-01T00:15", "2026-01-01T00:30", "2026-01-01T00:45"]],
    ["0 0 13 * 5", "UTC", "2026-01-01T00:00", ["2026-01-02T00:00", "2026-01-09T00:00", "2026-01-13T00:00", "2026-01-16T00:00"]],
    // `*/10` starts with `*`: Vixie reads it as unrestricted, so both day fields must match.
    ["0 0 */10 * 5", "UTC", "2026-01-01T00:00", ["2026-05-01T00:00", "2026-07-31T00:00", "2026-08-21T00:00"]],
    ["0 0 29 2 *", "UTC", "2026-01-01T00:00", ["2028-02-29T00:00", "2032-02-29T00:00"]],
    ["0 0 31 * *", "UTC", "2026-01-31T00:00", ["2026-03-31T00:00", "2026-05-31T00:00"]],
    ["@daily", "America/New_York", "2026-03-07T12:00", ["2026-03-08T05:00", "2026-03-09T04:00"]],
    // 02:30 does not exist on 29 March in Paris: the job runs when the clock reaches 03:00.
    ["30 2 * * *", "Europe/Paris", "2026-03-28T12:00", ["2026-03-29T01:00", "2026-03-30T00:30"]],
    // 02:30 happens twice on 25 October: a fixed-time job runs at the first only.
    ["30 2 * * *", "Europe/Paris", "2026-10-24T12:00", ["2026-10-25T00:30", "2026-10-26T01:30"]],
    // Two times in one gap run once, at its end.
    ["0,30 2 * * *", "Europe/Paris", "2026-03-28T12:00", ["2026-03-29T01:00", "2026-03-30T00:00"]],
    // A job through the day follows real time: the repeated hour runs twice, the skipped one never.
    ["30 * * * *", "Europe/Paris", "2026-10-24T23:00", ["2026-10-24T23:30", "2026-10-25T00:30", "2026-10-25T01:30", "2026-10-25T02:30"]],
    ["30 * * * *", "Europe/Paris", "2026-03-28T23:00", ["2026-03-28T23:30", "2026-03-29T00:30", "2026-03-29T01:30"]],
    ["0 0 * * *", "America/Santiago", "2026-09-05T12:00", ["2026-09-06T04:00", "2026-09-07T03:00"]],
  ])("%s in %s after %s", (expression, zone, after, expected) => {
    const schedule = parseCron(expression, zone);
    const got: string[] = [];
    let t = utc(after);
    for (const _ of expected) got.push(iso((t = nextCronInstant(schedule, t))));
    expect(got).toEqual(expected.map((text) => iso(utc(text))));
  });

  it("matches every minute the local clock shows for a real-time schedule, checked minute by minute across both changes", () => {
    const schedule = parseCron("*/20 1-3 * * 0", "Europe/Paris");
    for (const [from, to] of [["2026-03-28T12:00", "2026-03-29T12:00"], ["2026-10-24T12:00", "2026-10-25T12:00"]] as const) {
      const oracle: string[] = [];
      for (let t = utc(from) + 60_000; t <= utc(to); t += 60_000) {
        const shown = shows(t, "Europe/Paris");
        if (["01", "02", "03"].includes(shown.slice(11, 13)) && ["00", "20", "40"].includes(shown.slice(14, 16)) && new Date(shown.slice(0, 10)).getUTCDay() === 0) oracle.push(iso(t));
      }
      const got: string[] = [];
      for (let t = nextCronInstant(schedule, utc(from)); t <= utc(to); t = nextCronInstant(schedule, t)) got.push(iso(t));
      expect(got).toEqual(oracle);
    }
  });
});

describe("previousCronInstant", () => {
  it.each([
    ["@daily", "UTC", "2026-01-02T05:00", "2026-01-02T00:00"],
    ["@daily", "UTC", "2026-01-02T00:00", "2026-01-02T00:00"],
    ["0 0 29 2 *", "UTC", "2031-01-01T00:00", "2028-02-29T00:00"],
    ["30 2 * * *", "Europe/Paris", "2026-03-29T02:00", "2026-03-29T01:00"],
    ["30 2 * * *", "Europe/Paris", "2026-10-25T01:45", "2026-10-25T00:30"],
  ])("%s in %s at %s is %s", (expression, zone, at, expected) => {
    expect(iso(previousCronInstant(parseCron(expression, zone), utc(at))!)).toBe(iso(utc(expected)));
  });
});
