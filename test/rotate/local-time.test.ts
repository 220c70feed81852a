/** localFields in UTC, computed without a formatter: the same fields as Intl gives. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localFields } from "../../src/rotate/index.js";

const viaIntl = (epochMs: number) => {
  const fields: Record<string, number> = {};
  const format = new Intl.DateTimeFormat("en-US", { timeZone: "Etc/UTC", hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
  for (const part of format.formatToParts(epochMs)) if (part.type !== "literal") fields[part.type] = Number(part.value);
  return fields;
};

describe("localFields in UTC", () => {
  it("gives the fields Intl gives, for any instant from 1970 to 2200", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2200, 0, 1) }), (epochMs) => {
        expect(localFields(epochMs, "UTC")).toEqual(viaIntl(epochMs));
      }),
    );
  });

  it("reads a leap day and the last second of a year", () => {
    expect(localFields(Date.UTC(2028, 1, 29, 12, 30, 15), "UTC")).toEqual({ year: 2028, month: 2, day: 29, hour: 12, minute: 30, second: 15 });
    expect(localFields(Date.UTC(2026, 11, 31, 23, 59, 59, 999), "UTC")).toEqual({ year: 2026, month: 12, day: 31, hour: 23, minute: 59, second: 59 });
  });
});
