import { describe, expect, it } from "vitest";
import { defaultSettings, finishSettings, type Frequency, type LogSettings } from "../../../src/config/index.js";
import { isDue } from "../../../src/daemon/pass/index.js";
import { fromLocalFields } from "../../../src/daemon/state/index.js";

const TZ = "UTC";
const at = (day: number, hour = 10, month = 3, year = 2026) => fromLocalFields({ year, month, day, hour, minute: 0, second: 0 }, TZ);
/** 2026-03-15 is a Sunday. */
const NOW = at(15);
const DAY = 86_400_000;

function settings(change: Partial<LogSettings>): LogSettings {
  const s = { ...defaultSettings(), ...change };
  finishSettings(s);
  return s;
}

const daily: Frequency = { unit: "daily" };

describe("isDue follows logrotate 3.21's findNeedRotating", () => {
  const cases: Array<[string, Partial<LogSettings>, { size?: number; last: number; force?: boolean; mtime?: number }, boolean]> = [
    ["rotates a daily log last rotated yesterday", { frequency: daily }, { last: at(14) }, true],
    ["keeps a daily log rotated earlier today", { frequency: daily }, { last: at(15, 1) }, false],
    ["keeps any log rotated in this same hour", { frequency: { unit: "hourly" } }, { last: at(15, 10) }, false],
    ["rotates an hourly log rotated the hour before", { frequency: { unit: "hourly" } }, { last: at(15, 9) }, true],
    ["rotates weekly after 7 days", { frequency: { unit: "weekly", weekday: 3 } }, { last: at(8) }, true],
    ["rotates weekly on the weekday after 1 day", { frequency: { unit: "weekly", weekday: 0 } }, { last: at(14) }, true],
    ["keeps weekly before 7 days on another weekday", { frequency: { unit: "weekly", weekday: 1 } }, { last: at(10) }, false],
    ["weekly 7 waits the full 7 days", { frequency: { unit: "weekly", weekday: 7 } }, { last: at(9) }, false],
    ["rotates monthly in a new month", { frequency: { unit: "monthly" } }, { last: at(28, 10, 2) }, true],
    ["keeps monthly in the same month", { frequency: { unit: "monthly" } }, { last: at(1) }, false],
    ["rotates yearly in a new year", { frequency: { unit: "yearly" } }, { last: at(31, 10, 12, 2025) }, true],
    ["keeps yearly in the same year", { frequency: { unit: "yearly" } }, { last: at(1, 10, 1) }, false],
    ["rotates by size at the threshold", { frequency: { unit: "none" }, size: 100 }, { size: 100, last: at(15, 10) }, true],
    ["keeps a log below size", { frequency: { unit: "none" }, size: 100 }, { size: 99, last: at(1) }, false],
    ["rotates above maxsize even in the same hour", { frequency: daily, maxsize: 10 }, { size: 11, last: at(15, 10) }, true],
    ["keeps a due log below minsize", { frequency: daily, minsize: 10 }, { size: 5, last: at(14) }, false],
    ["keeps a due log younger than minage", { frequency: daily, minage: 2 }, { last: at(14), mtime: NOW - DAY }, false],
    ["forces past minsize and minage", { frequency: daily, minsize: 10, minage: 2 }, { size: 5, last: at(15, 10), force: true, mtime: NOW }, true],
    ["does not force an empty log under notifempty", { ifempty: false }, { size: 0, last: at(1), force: true }, false],
    ["forces a rotation last recorded more than 25 h in the future", { frequency: daily }, { last: NOW + 26 * 3_600_000 }, true],
  ];
  it.each(cases)("%s", (_name, change, input, due) => {
    const verdict = isDue({ settings: settings(change), size: input.size ?? 10, mtimeMs: input.mtime ?? at(1), lastRotated: input.last, now: NOW, force: input.force ?? false, timeZone: TZ });
    expect(verdict.due).toBe(due);
  });

  it("words the reason as logrotate's debug output does", () => {
    const verdict = isDue({ settings: settings({ frequency: daily }), size: 1, mtimeMs: 0, lastRotated: at(15, 1), now: NOW, force: false, timeZone: TZ });
    expect(verdict.reason).toBe("log has been rotated at 2026-03-15 01:00, which is less than a day ago");
  });
});
