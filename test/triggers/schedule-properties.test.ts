/**
 * Properties of the schedule functions over random specs, zones and instants: a next
 * boundary is after its instant and is a boundary; the period holding an instant starts
 * at or before it and its successor is the next boundary; successive periods never repeat.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextCalendarInstant, nextCronInstant, parseCron, previousCalendarInstant, previousCronInstant, type CalendarSpec } from "../../src/triggers/index.js";
import { localDate } from "./local.js";

const ZONES = ["UTC", "Europe/Paris", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "Asia/Beirut", "Pacific/Chatham", "Asia/Kathmandu"];
const zone = fc.constantFrom(...ZONES);
/** 2000–2040, with extra weight near DST changes (whole hours and their neighbours). */
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
  fc.tuple(fc.integer({ min: 262_968, max: 368_160 }), fc.constantFrom(-1, 0, 1, 1_800_000)).map(([hour, delta]) => hour * 3_600_000 + delta),
);

const spec: fc.Arbitrary<CalendarSpec> = fc.record({
  unit: fc.constantFrom("hourly", "daily", "weekly", "monthly", "yearly") as fc.Arbitrary<CalendarSpec["unit"]>,
  at: fc.record({ hour: fc.integer({ min: 0, max: 23 }), minute: fc.constantFrom(0, 15, 30, 45, 59), second: fc.constantFrom(0, 30) }),
  weekday: fc.integer({ min: 0, max: 6 }),
  monthday: fc.integer({ min: 1, max: 31 }),
  month: fc.integer({ min: 1, max: 12 }),
  timeZone: zone,
});

const field = (min: number, max: number) =>
  fc.oneof(
    fc.constant("*"),
    fc.integer({ min, max }).map(String),
    fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    fc.integer({ min: 2, max: 12 }).map((step) => `*/${step}`),
    fc.uniqueArray(fc.integer({ min, max }), { minLength: 2, maxLength: 3 }).map((values) => values.join(",")),
  );
const cron = fc
  .tuple(field(0, 59), field(0, 23), field(1, 28), field(1, 12), field(0, 7))
  .map((fields) => fields.join(" "));

describe("calendar properties", () => {
  it("next is a boundary after the instant, and the period holding the instant ends there", () => {
    fc.assert(
      fc.property(spec, instant, (s, t) => {
        const next = nextCalendarInstant(s, t);
        const start = previousCalendarInstant(s, t);
        expect(next).toBeGreaterThan(t);
        expect(start).toBeLessThanOrEqual(t);
        expect(previousCalendarInstant(s, next)).toBe(next);
        expect(nextCalendarInstant(s, start)).toBe(next);
      }),
      { numRuns: 400 },
    );
  }, 30_000);

  it("never fires a daily period twice: successive boundaries lie on successive local days", () => {
    fc.assert(
      fc.property(spec, instant, (s, t) => {
        const daily: CalendarSpec = { ...s, unit: "daily" };
        const first = nextCalendarInstant(daily, t);
        const second = nextCalendarInstant(daily, first);
        const day = (ms: number) => Date.parse(`${localDate(ms, s.timeZone!)}T00:00:00Z`);
        expect(day(second) - day(first)).toBe(86_400_000);
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});

describe("cron properties", () => {
  it("next is after the instant and a run; previous is at or before it and leads to the same next", () => {
    fc.assert(
      fc.property(cron, zone, instant, (expression, z, t) => {
        const schedule = parseCron(expression, z);
        const next = nextCronInstant(schedule, t);
        expect(next).toBeGreaterThan(t);
        expect(previousCronInstant(schedule, next)).toBe(next);
        const previous = previousCronInstant(schedule, t);
        if (previous !== null) {
          expect(previous).toBeLessThanOrEqual(t);
          expect(nextCronInstant(schedule, previous)).toBe(next);
        }
      }),
      { numRuns: 400 },
    );
  }, 30_000);
});
