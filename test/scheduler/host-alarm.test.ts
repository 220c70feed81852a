import { afterEach, describe, expect, it, vi } from "vitest";
import { HostAlarm, MAX_HOST_DELAY_MS } from "../../src/scheduler/host-alarm.js";
import { host } from "../../src/scheduler/host.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("HostAlarm", () => {
  it("never asks the host for more than 2^31-1 ms, which Node would turn into 1 ms", () => {
    const delays: number[] = [];
    vi.spyOn(host, "setTimeout").mockImplementation((_fn, ms) => {
      delays.push(ms);
      return { id: delays.length };
    });
    vi.spyOn(host, "clearTimeout").mockImplementation(() => {});
    const alarm = new HostAlarm(() => {});
    const fortyDays = 40 * 86_400_000;
    alarm.set(fortyDays, fortyDays);
    alarm.hold();
    alarm.set(5, 4.2);
    expect(delays).toEqual([MAX_HOST_DELAY_MS, MAX_HOST_DELAY_MS, 5]);
  });
});
