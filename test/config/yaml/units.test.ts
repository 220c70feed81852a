/**
 * The value syntaxes: durations, sizes, times of day, weekdays, dates, octal modes, and the
 * nearest-name suggestion. Each table has accepted and refused inputs.
 */
import { describe, expect, it } from "vitest";
import { editDistance, nearestName } from "../../../src/config/yaml/suggest.js";
import { parseDuration, parseMonthDay, parseOctalMode, parseSize, parseTimeOfDay, parseWeekday } from "../../../src/config/yaml/units.js";

describe("rotor's YAML config: value syntaxes", () => {
  it.each([
    ["500ms", 500],
    ["30s", 30_000],
    ["15m", 900_000],
    ["6h", 21_600_000],
    ["1h30m", 5_400_000],
    ["1d", 86_400_000],
    ["2w", 1_209_600_000],
    ["1m30s500ms", 90_500],
    ["30", undefined],
    ["0s", undefined],
    ["1.5h", undefined],
    ["30 s", undefined],
    ["", undefined],
    ["-5s", undefined],
  ] as const)("reads the duration %j as %j ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    [1024, 1024],
    ["1024", 1024],
    ["10k", 10_240],
    ["10K", 10_240],
    ["10KiB", 10_240],
    ["10kB", 10_000],
    ["10MiB", 10_485_760],
    ["10M", 10_485_760],
    ["10MB", 10_000_000],
    ["1G", 1_073_741_824],
    ["1.5G", 1_610_612_736],
    ["2 TiB", 2_199_023_255_552],
    ["100B", 100],
    [0, 0],
    [-1, undefined],
    [1.5, undefined],
    ["10 parsecs", undefined],
    ["k", undefined],
    ["10mb", undefined],
  ] as const)("reads the size %j as %j bytes", (value, bytes) => {
    expect(parseSize(value)).toBe(bytes);
  });

  it.each([
    ["00:00", false, { hour: 0, minute: 0, second: 0 }],
    ["2:30", false, { hour: 2, minute: 30, second: 0 }],
    ["23:59:59", false, { hour: 23, minute: 59, second: 59 }],
    [":15", true, { hour: 0, minute: 15, second: 0 }],
    [":15:30", true, { hour: 0, minute: 15, second: 30 }],
    ["24:00", false, undefined],
    ["12:60", false, undefined],
    ["12:00:60", false, undefined],
    [":15", false, undefined],
    ["02:15", true, undefined],
    ["2", false, undefined],
  ] as const)("reads the time %j (hourly: %j) as %j", (text, hourly, time) => {
    expect(parseTimeOfDay(text, hourly)).toEqual(time);
  });

  it.each([
    ["sunday", 0],
    ["Mon", 1],
    ["SATURDAY", 6],
    [3, 3],
    [7, 0],
    [8, undefined],
    ["someday", undefined],
  ] as const)("reads the weekday %j as %j", (value, day) => {
    expect(parseWeekday(value)).toBe(day);
  });

  it.each([
    ["01-01", { month: 1, monthday: 1 }],
    ["02-29", { month: 2, monthday: 29 }],
    ["12-31", { month: 12, monthday: 31 }],
    ["02-30", undefined],
    ["04-31", undefined],
    ["13-01", undefined],
    ["1-1", undefined],
  ] as const)("reads the date %j as %j", (text, date) => {
    expect(parseMonthDay(text)).toEqual(date);
  });

  it.each([
    ["0640", 0o640],
    ["640", 0o640],
    ["0o600", 0o600],
    ["4755", 0o4755],
    ["0980", undefined],
    ["07777", 0o7777],
    ["077777", undefined],
    ["rw-r--r--", undefined],
  ] as const)("reads the mode %j as %j", (text, mode) => {
    expect(parseOctalMode(text)).toBe(mode);
  });

  it("measures edit distance as insertions, deletions and substitutions", () => {
    expect([editDistance("kep", "keep"), editDistance("keep", "keep"), editDistance("", "abc"), editDistance("kitten", "sitting")]).toEqual([1, 0, 3, 3]);
  });

  it("suggests the nearest name only when it is close, ignoring case", () => {
    expect([nearestName("kep", ["keep", "start"]), nearestName("MAXTOTALSIZE", ["maxTotalSize"]), nearestName("colour", ["keep", "start"]), nearestName("x", ["keep"])]).toEqual(["keep", "maxTotalSize", undefined, undefined]);
  });
});
