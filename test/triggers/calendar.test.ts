import { describe, expect, it } from "vitest";
import { TriggerError, describeCalendar, nextCalendarInstant, nextCronInstant, parseCron, previousCalendarInstant, type CalendarSpec } from "../../src/triggers/index.js";
import { iso, localDate, shows, utc } from "./local.js";

const HOUR = 3_600_000;
const at = (hour: number, minute = 0, second = 0) => ({ hour, minute, second });

/** The boundaries of a spec from `from` (exclusive) to `to`. */
function boundaries(spec: CalendarSpec, from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = nextCalendarInstant(spec, from); t <= to; t = nextCalendarInstant(spec, t)) out.push(t);
  return out;
}

/** Zones with both DST changes of 2026 (or none), and a skipped or repeated midnight. */
const ZONES = ["Europe/Paris", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "Asia/Beirut", "Pacific/Chatham", "Asia/Kathmandu"];
/** Times of day that fall in gaps and overlaps somewhere among ZONES. */
const TIMES = [at(0), at(1, 45), at(2, 30), at(23, 30)];

describe("daily boundaries through a year of DST changes", () => {
  for (const zone of ZONES) {
    for (const time of TIMES) {
      const label = shows(Date.UTC(2026, 0, 1, time.hour, time.minute), "UTC").slice(11, 16);
      it(`fire once per local day at ${label} in ${zone}, after a gap at its end, in an overlap at the first occurrence`, () => {
        const spec: CalendarSpec = { unit: "daily", at: time, timeZone: zone };
        const fired = boundaries(spec, utc("2026-01-01T00:00"), utc("2027-01-01T00:00"));
        const target = label + ":00";
        let day = Date.parse(`${localDate(fired[0]!, zone)}T00:00:00Z`);
        let gaps = 0;
        for (const instant of fired.slice(0, 364)) {
          const expectedDate = iso(day).slice(0, 10);
          day += 86_400_000;
          const shown = shows(instant, zone);
          if (localDate(instant, zone) !== expectedDate) {
            // Only a gap at the very end of a day moves its boundary onto the next.
            throw new Error(`${zone}: expected a boundary on ${expectedDate}, got ${shown} (${iso(instant)})`);
          }
          if (shown.slice(11) === target) {
            // The first occurrence: half an hour or an hour earlier the clock did not show it.
            expect(shows(instant - HOUR / 2, zone).slice(11)).not.toBe(target);
            expect(shows(instant - HOUR, zone).slice(11)).not.toBe(target);
          } else {
            gaps++;
            // Skipped: the clock jumped over the target at exactly this instant.
            expect(shown.slice(11) > target, `${zone} ${shown}`).toBe(true);
            expect(shows(instant - 1000, zone) < `${expectedDate} ${target}`, `${zone} ${shown}`).toBe(true);
          }
        }
        expect(gaps).toBeLessThanOrEqual(1);
      });
    }
  }

  it.each([
    ["America/Santiago", at(0), "2026-09-06T03:00", "2026-09-06 01:00:00"],
    ["Asia/Beirut", at(0), "2026-03-28T12:00", "2026-03-29 01:00:00"],
    ["Europe/Paris", at(2, 30), "2026-03-28T12:00", "2026-03-29 03:00:00"],
    ["Australia/Lord_Howe", at(2, 15), "2026-10-03T01:00", "2026-10-04 02:30:00"],
    ["Pacific/Chatham", at(2, 50), "2026-09-26T12:00", "2026-09-27 03:45:00"],
  ])("fires a boundary skipped by the spring-forward in %s at the first instant after the gap", (zone, time, after, shown) => {
    const next = nextCalendarInstant({ unit: "daily", at: time, timeZone: zone }, utc(after));
    expect(shows(next, zone)).toBe(shown);
    expect(shows(next - 1000, zone) < shown.slice(0, 11) + "00:00:00" || shows(next - 1000, zone).slice(11) < shows(next, zone).slice(11)).toBe(true);
  });

  it.each([
    ["Europe/Paris", at(2, 30), "2026-10-24T12:00", "2026-10-25T00:30"],
    ["America/New_York", at(1, 30), "2026-10-31T12:00", "2026-11-01T05:30"],
    ["America/Santiago", at(23, 30), "2026-04-04T12:00", "2026-04-05T02:30"],
    ["Australia/Lord_Howe", at(1, 45), "2026-04-04T01:00", "2026-04-04T14:45"],
  ])("fires a boundary repeated by the fall-back in %s at its first occurrence only", (zone, time, after, first) => {
    const spec: CalendarSpec = { unit: "daily", at: time, timeZone: zone };
    const next = nextCalendarInstant(spec, utc(after));
    expect(iso(next)).toBe(iso(utc(first)));
    expect(nextCalendarInstant(spec, next) - next).toBeGreaterThan(20 * HOUR);
  });
});

describe("hourly boundaries", () => {
  /** The oracle: every whole second in the range at which the local clock shows mm:ss. */
  function brute(zone: string, minute: number, from: number, to: number): number[] {
    const out: number[] = [];
    for (let t = Math.ceil((from + 1) / 60_000) * 60_000; t <= to; t += 60_000) {
      if (shows(t, zone).slice(14) === `${String(minute).padStart(2, "0")}:00`) out.push(t);
    }
    return out;
  }

  it.each([
    ["Europe/Paris", 0, "2026-03-28T12:00", "2026-03-29T12:00", 24],
    ["Europe/Paris", 30, "2026-10-24T12:00", "2026-10-25T12:00", 24],
    ["America/New_York", 15, "2026-11-01T00:00", "2026-11-02T00:00", 24],
    ["Australia/Lord_Howe", 15, "2026-10-03T00:00", "2026-10-04T00:00", 23],
    ["Australia/Lord_Howe", 45, "2026-04-04T00:00", "2026-04-05T00:00", 24],
    ["America/Santiago", 0, "2026-09-05T12:00", "2026-09-06T12:00", 24],
  ])("fire in %s at :%d wherever the local clock shows it: once per real hour, twice in a repeated hour", (zone, minute, from, to, count) => {
    const spec: CalendarSpec = { unit: "hourly", at: at(0, minute), timeZone: zone };
    const fired = boundaries(spec, utc(from), utc(to));
    expect(fired.map(iso)).toEqual(brute(zone, minute, utc(from), utc(to)).map(iso));
    expect(fired.length).toBe(count);
  });
});

describe("weekly, monthly and yearly boundaries", () => {
  it.each<[string, CalendarSpec, string, string[]]>([
    ["weekly on Monday", { unit: "weekly", weekday: 1, at: at(6, 30), timeZone: "UTC" }, "2026-03-02T06:30", ["2026-03-09T06:30", "2026-03-16T06:30", "2026-03-23T06:30"]],
    ["weekly on Sunday by default", { unit: "weekly", at: at(0), timeZone: "Europe/Paris" }, "2026-03-20T00:00", ["2026-03-21T23:00", "2026-03-28T23:00", "2026-04-04T22:00"]],
    ["monthly on the 31st (last day of shorter months)", { unit: "monthly", monthday: 31, at: at(0), timeZone: "UTC" }, "2026-01-01T00:00", ["2026-01-31T00:00", "2026-02-28T00:00", "2026-03-31T00:00", "2026-04-30T00:00"]],
    ["monthly on the 30th in a leap February", { unit: "monthly", monthday: 30, at: at(12), timeZone: "UTC" }, "2028-01-30T12:00", ["2028-02-29T12:00", "2028-03-30T12:00"]],
    ["monthly on the 1st by default", { unit: "monthly", at: at(0), timeZone: "America/New_York" }, "2026-10-15T00:00", ["2026-11-01T04:00", "2026-12-01T05:00"]],
    ["yearly on 29 February", { unit: "yearly", month: 2, monthday: 29, at: at(0), timeZone: "UTC" }, "2026-06-01T00:00", ["2027-02-28T00:00", "2028-02-29T00:00", "2029-02-28T00:00"]],
    ["yearly on 1 January by default", { unit: "yearly", at: at(0), timeZone: "Asia/Kathmandu" }, "2026-06-01T00:00", ["2026-12-31T18:15", "2027-12-31T18:15"]],
  ])("%s", (_name, spec, from, expected) => {
    expect(boundaries(spec, utc(from), utc(expected.at(-1)!)).map(iso)).toEqual(expected.map((text) => iso(utc(text))));
  });

  it("gives the start of the period holding an instant, the instant itself on a boundary", () => {
    const spec: CalendarSpec = { unit: "monthly", monthday: 31, at: at(0), timeZone: "UTC" };
    expect(iso(previousCalendarInstant(spec, utc("2026-03-15T00:00")))).toBe(iso(utc("2026-02-28T00:00")));
    expect(iso(previousCalendarInstant(spec, utc("2026-03-31T00:00")))).toBe(iso(utc("2026-03-31T00:00")));
    expect(iso(previousCalendarInstant(spec, utc("2026-03-30T23:59")))).toBe(iso(utc("2026-02-28T00:00")));
  });
});

describe("calendar specs", () => {
  it.each<[CalendarSpec, string]>([
    [{ unit: "daily", at: at(0), timeZone: "Europe/Paris" }, "daily at 00:00 (Europe/Paris)"],
    [{ unit: "hourly", at: at(0, 5) }, "hourly at :05"],
    [{ unit: "weekly", weekday: 1, at: at(6, 30, 15) }, "weekly on Monday at 06:30:15"],
    [{ unit: "monthly", monthday: 31, at: at(0) }, "monthly on day 31 at 00:00"],
    [{ unit: "yearly", month: 12, monthday: 25, at: at(8) }, "yearly on 25 December at 08:00"],
  ])("describes %j as %j", (spec, text) => {
    expect(describeCalendar(spec)).toBe(text);
  });

  it.each<[CalendarSpec, string]>([
    [{ unit: "daily", at: at(24) }, "Expected `at.hour` to be an integer from 0 to 23, got `24` (number); fix the calendar schedule"],
    [{ unit: "weekly", weekday: 7, at: at(0) }, "Expected `weekday` to be an integer from 0 to 6, got `7` (number); fix the calendar schedule"],
    [{ unit: "monthly", monthday: 0, at: at(0) }, "Expected `monthday` to be an integer from 1 to 31, got `0` (number); fix the calendar schedule"],
    [{ unit: "daily", at: at(0), timeZone: "Mars/Olympus" }, "Expected `timeZone` to be an IANA time zone name such as `Europe/Paris`, got `Mars/Olympus` (string); leave it out for the host's zone, or fix its spelling"],
    [{ unit: "fortnightly" as "daily", at: at(0) }, "Expected `unit` to be one of hourly, daily, weekly, monthly, yearly, got `fortnightly` (string); fix the calendar schedule"],
  ])("refuses %j with a TriggerError", (spec, message) => {
    expect(() => nextCalendarInstant(spec, 0)).toThrow(new TriggerError("ERR_TRIGGER_BAD_CALENDAR", message));
  });
});

describe("the host's zone", () => {
  it("is used when the spec names no zone, for calendars and cron alike", () => {
    const host = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const after = utc("2026-03-28T12:00");
    for (const unit of ["hourly", "daily", "weekly", "monthly", "yearly"] as const) {
      const spec: CalendarSpec = { unit, at: at(2, 30), weekday: 3, monthday: 31, month: 2 };
      expect(nextCalendarInstant(spec, after)).toBe(nextCalendarInstant({ ...spec, timeZone: host }, after));
    }
    expect(nextCronInstant(parseCron("30 2 * * *"), after)).toBe(nextCronInstant(parseCron("30 2 * * *", host), after));
  });
});
