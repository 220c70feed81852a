import { describe, expect, it } from "vitest";
import { TriggerError, describeInterval, parseInterval } from "../../src/triggers/index.js";

describe("parseInterval", () => {
  it.each([
    ["30s", 30_000],
    ["15m", 900_000],
    ["6h", 21_600_000],
    ["1d", 86_400_000],
    ["2w", 1_209_600_000],
    ["500ms", 500],
    ["1h30m", 5_400_000],
    ["1m500ms", 60_500],
    ["1.5h", 5_400_000],
    [" 10s ", 10_000],
  ])("reads %j as %d ms", (text, ms) => {
    expect(parseInterval(text)).toBe(ms);
  });

  it.each([
    ["30", "Expected `interval` to be a duration such as `30s`, got `30` (string)"],
    ["", "Expected `interval` to be a duration such as `30s`, got `` (string)"],
    ["1x", "Expected `interval` to be a duration such as `30s`, got `1x` (string)"],
    ["1h 30m", "Expected `interval` to be a duration such as `30s`, got `1h 30m` (string)"],
    ["-5s", "Expected `interval` to be a duration such as `30s`, got `-5s` (string)"],
    ["0s", "Expected `interval` to be a duration of at least 1 ms, got `0s` (string)"],
    ["0.1ms", "Expected `interval` to be a duration of at least 1 ms, got `0.1ms` (string)"],
  ])("refuses %j with a TriggerError that says what to write", (text, message) => {
    const error = (() => {
      try {
        parseInterval(text);
      } catch (e) {
        return e;
      }
    })() as TriggerError;
    expect(error).toBeInstanceOf(TriggerError);
    expect(error.code).toBe("ERR_TRIGGER_BAD_INTERVAL");
    expect(error.message).toBe(`${message}; write a number followed by a unit (ms, s, m, h, d, w), such as \`30s\`, \`15m\` or \`1h30m\``);
  });

  it.each([
    [30_000, "every 30s"],
    [5_400_000, "every 1h30m"],
    [86_400_500, "every 1d500ms"],
  ])("describes %d ms as %j", (ms, text) => {
    expect(describeInterval(ms)).toBe(text);
  });
});
