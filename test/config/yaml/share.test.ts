/** Equal parts of a config's jobs held once (shareCommonParts): the same model, less memory. */
import { describe, expect, it } from "vitest";
import { parse } from "./support.js";

const CONFIG = `jobs:
  a: { path: /logs/a.log, daily: true, at: "02:00", timezone: UTC, keep: 3 }
  b: { path: /logs/b.log, daily: true, at: "02:00", timezone: UTC, keep: 4 }
  c: { path: /logs/c.log, daily: true, at: "03:00", timezone: UTC, keep: 3, postrotate: "kill -HUP 1" }
`;

describe("jobs with equal parts", () => {
  it("hold one frozen schedule, frequency, scripts and zone, and keep their own values", () => {
    const [a, b, c] = parse(CONFIG).model.logs.map((entry) => entry.settings);
    expect(a!.schedule).toBe(b!.schedule);
    expect(a!.schedule).toEqual({ kind: "calendar", unit: "daily", at: { hour: 2, minute: 0, second: 0 } });
    expect(c!.schedule).toEqual({ kind: "calendar", unit: "daily", at: { hour: 3, minute: 0, second: 0 } });
    expect(a!.scripts).toBe(b!.scripts);
    expect(c!.scripts).toEqual({ postrotate: "kill -HUP 1" });
    expect(a!.frequency).toBe(c!.frequency);
    expect([a!.keep, b!.keep, c!.keep]).toEqual([3, 4, 3]);
    expect(Object.isFrozen(a!.schedule) && Object.isFrozen((a!.schedule as { at: object }).at)).toBe(true);
  });

  it("throws on a change to a shared part rather than changing every job", () => {
    const [a] = parse(CONFIG).model.logs.map((entry) => entry.settings);
    expect(() => {
      (a!.scripts as Record<string, string>).postrotate = "echo";
    }).toThrow(TypeError);
  });
});
