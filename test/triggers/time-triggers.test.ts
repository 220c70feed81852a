import { describe, expect, it } from "vitest";
import { VirtualClock, race, run, sleep, sleepUntil, spawn, type Operation } from "../../src/index.js";
import { calendarTrigger, cronTrigger, intervalTrigger, parseCron, type CalendarSpec, type Firing } from "../../src/triggers/index.js";
import { iso, shows, utc } from "./local.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const midnight = (timeZone: string): CalendarSpec => ({ unit: "daily", at: { hour: 0, minute: 0, second: 0 }, timeZone });

/** Runs `trigger` on a virtual clock from `start` until the wall clock reads `end`; returns its firings. */
async function firings(start: number, end: number, trigger: (fire: (f: Firing) => void) => Operation<never>, during?: (clock: VirtualClock) => Operation<void>): Promise<Firing[]> {
  const clock = new VirtualClock({ autojump: true, start });
  const fired: Firing[] = [];
  await run(function* () {
    if (during) yield* spawn(during(clock));
    yield* race([trigger((f) => fired.push(f)), sleepUntil(end)]);
  }, { clock });
  return fired;
}

describe("calendarTrigger", () => {
  it.each([
    ["Europe/Paris", "2026-03-15T00:00", "2026-03-29 00:00:00", "2026-10-10T00:00", "2026-10-25 00:00:00"],
    ["America/New_York", "2026-02-25T00:00", "2026-03-08 00:00:00", "2026-10-20T00:00", "2026-11-01 00:00:00"],
    ["Australia/Lord_Howe", "2026-03-20T00:00", "2026-04-05 00:00:00", "2026-09-20T00:00", "2026-10-04 00:00:00"],
    // Midnight does not exist on 6 September in Santiago, nor on 29 March in Beirut.
    ["America/Santiago", "2026-03-25T00:00", "2026-04-05 00:00:00", "2026-08-25T00:00", "2026-09-06 01:00:00"],
    ["Asia/Beirut", "2026-03-15T00:00", "2026-03-29 01:00:00", "2026-10-10T00:00", "2026-10-25 00:00:00"],
    ["Pacific/Chatham", "2026-03-25T00:00", "2026-04-05 00:00:00", "2026-09-15T00:00", "2026-09-27 00:00:00"],
  ])("rotates once per local day for a month in %s, across the DST change of each half-year", async (zone, ...months) => {
    for (const [start, change] of [[months[0], months[1]], [months[2], months[3]]]) {
      const from = utc(start!);
      const fired = await firings(from, from + 31 * DAY, (fire) => calendarTrigger(midnight(zone), { last: null, fire }));
      const days = fired.map((f) => shows(f.at, zone).slice(0, 10));
      expect(fired.length).toBeGreaterThanOrEqual(30);
      for (let i = 1; i < days.length; i++) expect(Date.parse(days[i]!) - Date.parse(days[i - 1]!)).toBe(DAY);
      for (const f of fired) {
        expect(f.at).toBe(f.due);
        expect(f.catchUp).toBeUndefined();
        expect(f.trigger).toBe(`daily at 00:00 (${zone})`);
        const shown = shows(f.at, zone);
        expect(shown === change || shown.endsWith(" 00:00:00"), shown).toBe(true);
      }
      expect(fired.map((f) => shows(f.at, zone))).toContain(change);
    }
  });

  it("rotates hourly once per real hour across both changes in Paris: 23 on the spring day, 25 on the autumn day", async () => {
    const spec: CalendarSpec = { unit: "hourly", at: { hour: 0, minute: 0, second: 0 }, timeZone: "Europe/Paris" };
    for (const [day, count] of [["2026-03-29", 23], ["2026-10-25", 25]] as const) {
      const fired = await firings(utc(`${day}T00:00`) - 3 * HOUR, utc(`${day}T00:00`) + 2 * DAY, (fire) => calendarTrigger(spec, { last: null, fire }));
      expect(fired.filter((f) => shows(f.at, "Europe/Paris").startsWith(day)).length).toBe(count);
      for (let i = 1; i < fired.length; i++) expect(fired[i]!.at - fired[i - 1]!.at).toBe(HOUR);
    }
  });

  it("fires once, at once, when a suspend carries the wall clock past midnight; then at the next midnight", async () => {
    const start = utc("2026-01-05T21:00"); // 22:00 in Paris
    const fired = await firings(
      start,
      start + 2 * DAY, // 22:00 on the 7th
      (fire) => calendarTrigger(midnight("Europe/Paris"), { last: start - HOUR, fire }),
      function* (clock) {
        yield* sleep(HOUR); // 23:00: the lid closes; it opens at 09:00 the next day
        clock.jumpWall(10 * HOUR);
      },
    );
    expect(fired.map((f) => [shows(f.at, "Europe/Paris"), shows(f.due!, "Europe/Paris")])).toEqual([
      ["2026-01-06 09:00:00", "2026-01-06 00:00:00"],
      ["2026-01-07 00:00:00", "2026-01-07 00:00:00"],
    ]);
  });

  it("catches up at once when a boundary passed since the last rotation, and not otherwise", async () => {
    const now = utc("2026-01-06T08:00"); // 09:00 in Paris
    const missed = await firings(now, now + DAY, (fire) => calendarTrigger(midnight("Europe/Paris"), { last: now - DAY, fire }));
    expect(missed.map((f) => [iso(f.at), iso(f.due!), f.catchUp ?? false])).toEqual([
      [iso(now), iso(utc("2026-01-05T23:00")), true],
      [iso(utc("2026-01-06T23:00")), iso(utc("2026-01-06T23:00")), false],
    ]);
    const recent = await firings(now, now + DAY, (fire) => calendarTrigger(midnight("Europe/Paris"), { last: utc("2026-01-05T23:00"), fire }));
    expect(recent.map((f) => iso(f.at))).toEqual([iso(utc("2026-01-06T23:00"))]);
  });

  it("refuses a bad spec before it waits", async () => {
    await expect(firings(0, DAY, (fire) => calendarTrigger({ unit: "daily", at: { hour: 25, minute: 0, second: 0 } }, { last: null, fire }))).rejects.toThrow(
      "Expected `at.hour` to be an integer from 0 to 23",
    );
  });
});

describe("cronTrigger", () => {
  it("fires at each run, once in the repeated hour and at the end of the gap", async () => {
    const schedule = parseCron("30 2 * * *", "Europe/Paris");
    const spring = await firings(utc("2026-03-27T12:00"), utc("2026-03-31T00:00"), (fire) => cronTrigger(schedule, { last: null, fire }));
    expect(spring.map((f) => shows(f.at, "Europe/Paris"))).toEqual(["2026-03-28 02:30:00", "2026-03-29 03:00:00", "2026-03-30 02:30:00"]);
    const autumn = await firings(utc("2026-10-23T12:00"), utc("2026-10-27T00:00"), (fire) => cronTrigger(schedule, { last: null, fire }));
    expect(autumn.map((f) => iso(f.at))).toEqual([iso(utc("2026-10-24T00:30")), iso(utc("2026-10-25T00:30")), iso(utc("2026-10-26T01:30"))]);
    expect(autumn[0]!.trigger).toBe("cron `30 2 * * *` (Europe/Paris)");
  });

  it("catches up a run missed since the last rotation", async () => {
    const now = utc("2026-01-06T09:00");
    const fired = await firings(now, now + HOUR, (fire) => cronTrigger(parseCron("0 */6 * * *", "UTC"), { last: utc("2026-01-06T05:00"), fire }));
    expect(fired.map((f) => [iso(f.at), iso(f.due!), f.catchUp ?? false])).toEqual([[iso(now), iso(utc("2026-01-06T06:00")), true]]);
  });
});

describe("intervalTrigger", () => {
  const now = utc("2026-01-06T09:00");
  it.each([
    ["with no rotation yet, first after one interval", null, [["09:30", false], ["10:00", false], ["10:30", false]]],
    ["counted from the last rotation", now - 10 * 60_000, [["09:20", false], ["09:50", false], ["10:20", false]]],
    ["at once when the last rotation is older than the interval", now - 2 * HOUR, [["09:00", true], ["09:30", false], ["10:00", false], ["10:30", false]]],
  ] as const)("fires every interval %s", async (_name, last, expected) => {
    const fired = await firings(now, now + 100 * 60_000, (fire) => intervalTrigger(30 * 60_000, { last, fire }));
    expect(fired.map((f) => [iso(f.at).slice(11, 16), f.catchUp ?? false])).toEqual(expected);
    expect(fired[0]!.trigger).toBe("every 30m");
  });

  it("refuses an interval below 1 ms", async () => {
    await expect(firings(0, DAY, (fire) => intervalTrigger(0, { last: null, fire }))).rejects.toThrow("Expected `intervalMs` to be a number of ms >= 1, got `0` (number)");
  });
});
