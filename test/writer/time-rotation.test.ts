/**
 * Rotation at time boundaries, in virtual time: the lines written before a boundary end up
 * in the version it closes, the lines after it in the next file, across DST changes.
 */
import { once } from "node:events";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRotatingWriter, intervalBoundaries, VirtualClock } from "rotor";
import { logFiles, removeTempDirs, tempDir } from "./support/log-files.js";
import { finish } from "./support/write-lines.js";

afterAll(removeTempDirs);

const HOUR = 3_600_000;

describe("time-triggered rotation", () => {
  it("computes interval boundaries from the writer's start", () => {
    const next = intervalBoundaries(60_000, 1_000);
    expect([0, 1_000, 30_000, 61_000, 61_001].map(next)).toEqual([1_000, 61_000, 61_000, 121_000, 121_000]);
  });

  it("rotates every interval, between the lines written before and after each boundary", async () => {
    const dir = tempDir("every");
    const clock = new VirtualClock({ start: Date.UTC(2026, 0, 1) });
    const writer = createRotatingWriter(join(dir, "app.log"), { every: 60_000, keep: 5, clock });
    await once(writer, "ready");
    for (const minute of [0, 1, 2]) {
      writer.write(`minute ${minute} a\n`);
      writer.write(`minute ${minute} b\n`);
      clock.advance(60_000);
      await once(writer, "rotation");
    }
    writer.write("minute 3\n");
    await finish(writer);
    expect(logFiles(dir, "app.log").map((file) => [file.name, file.text])).toEqual([
      ["app.log.3", "minute 0 a\nminute 0 b\n"],
      ["app.log.2", "minute 1 a\nminute 1 b\n"],
      ["app.log.1", "minute 2 a\nminute 2 b\n"],
      ["app.log", "minute 3\n"],
    ]);
  });

  it("takes any nextBoundary function as its schedule", async () => {
    const dir = tempDir("next-boundary");
    const clock = new VirtualClock({ start: 0 });
    // Boundaries at 1 s, 3 s, 6 s, 10 s...: not an interval, so only the function can give them.
    const triangular = (afterMs: number): number => {
      let k = 1;
      while ((k * (k + 1) * 1000) / 2 <= afterMs) k++;
      return (k * (k + 1) * 1000) / 2;
    };
    const writer = createRotatingWriter(join(dir, "app.log"), { nextBoundary: triangular, keep: 5, clock });
    await once(writer, "ready");
    for (const [line, advance] of [
      ["at 0 s\n", 1000],
      ["at 1 s\n", 1000],
      ["at 2 s\n", 1000],
    ] as const) {
      writer.write(line);
      clock.advance(advance);
      if (line !== "at 1 s\n") await once(writer, "rotation");
    }
    writer.write("at 3 s\n");
    await finish(writer);
    expect(logFiles(dir, "app.log").map((file) => file.text)).toEqual(["at 0 s\n", "at 1 s\nat 2 s\n", "at 3 s\n"]);
  });

  it("refuses two time triggers at once", () => {
    expect(() => createRotatingWriter(join(tempDir("two-triggers"), "app.log"), { every: 1000, calendar: { unit: "daily", at: { hour: 0, minute: 0, second: 0 } } })).toThrow(
      /Expected `every\/calendar\/nextBoundary` to be one of them at most/,
    );
  });

  it("skips a boundary at which the live file is empty", async () => {
    const dir = tempDir("empty");
    const clock = new VirtualClock({ start: Date.UTC(2026, 0, 1) });
    const writer = createRotatingWriter(join(dir, "app.log"), { every: 60_000, clock });
    await once(writer, "ready");
    const rotations: unknown[] = [];
    writer.on("rotation", (report) => rotations.push(report));
    writer.write("before\n");
    clock.advance(60_000);
    await once(writer, "rotation");
    clock.advance(60_000); // nothing written in this minute
    writer.write("after\n");
    await finish(writer);
    expect(rotations).toHaveLength(1);
    expect(logFiles(dir, "app.log").map((file) => file.text)).toEqual(["before\n", "after\n"]);
  });

  // Europe/Paris: 29 March 2026 has 23 hours (02:00 → 03:00), 25 October 2026 has 25.
  // Names are the rotation's local date (logrotate's dateext without dateyesterday).
  it.each([
    { season: "spring forward", day: Date.UTC(2026, 2, 28, 23), length: 23, names: ["app.log-20260329", "app.log-20260330"] },
    { season: "fall back", day: Date.UTC(2026, 9, 24, 22), length: 25, names: ["app.log-20261025", "app.log-20261026"] },
  ])("rotates at local midnight across $season, naming each file after the day it was closed on", async ({ day, length, names }) => {
    const dir = tempDir("dst");
    const timeZone = "Europe/Paris";
    // Start an hour before the local midnight that opens `day`.
    const clock = new VirtualClock({ start: day - HOUR });
    const writer = createRotatingWriter(join(dir, "app.log"), {
      calendar: { unit: "daily", at: { hour: 0, minute: 0, second: 0 }, timeZone },
      dateext: true,
      timezone: timeZone,
      keep: 5,
      clock,
    });
    await once(writer, "ready");
    writer.write("last hour of the day before\n");
    clock.advance(HOUR);
    await once(writer, "rotation");
    writer.write("first hour\n");
    // One millisecond before the day's end: still the same file.
    clock.advance(length * HOUR - 1);
    writer.write("last moment of the short or long day\n");
    clock.advance(1);
    await once(writer, "rotation");
    writer.write("next day\n");
    await finish(writer);
    expect(logFiles(dir, "app.log").map((file) => [file.name, file.text])).toEqual([
      [names[0], "last hour of the day before\n"],
      [names[1], "first hour\nlast moment of the short or long day\n"],
      ["app.log", "next day\n"],
    ]);
  });
});
