/**
 * Good configs into the model: the seed's four jobs, each schedule form, `at`, `size` with
 * and without a schedule, defaults inheritance and relative paths.
 */
import { describe, expect, it } from "vitest";
import { defaultSettings, type LogSettings, type Schedule } from "../../../src/config/index.js";
import { FILE, onlyJob, parse } from "./support.js";

const SEED = `defaults:
  keep: 5
  compress: gzip
jobs:
  file1: { path: /tmp/rotor-demo/file1.log, every: 30s, keep: 3 }
  file2: { path: /tmp/rotor-demo/file2.log, every: 20s, keep: 5 }
  file3: { path: /tmp/rotor-demo/file3.log, size: 1024, check: 60s, keep: 3 }
  file4: { path: /tmp/rotor-demo/file4.log, daily: true, at: "00:00", timezone: Europe/Paris, keep: 5 }
`;

/** rotor's YAML defaults: logrotate's, but `create` mode (the engine's default). */
function yamlDefaults(): LogSettings {
  return { ...defaultSettings(), mode: "create", create: true };
}

describe("rotor's YAML config: jobs", () => {
  it("loads the seed's four jobs with their names, schedules and sizes", () => {
    const { model, errors } = parse(SEED);
    expect(errors).toEqual([]);
    expect(model.files).toEqual([FILE]);
    const summary = model.logs.map((log) => ({ name: log.name, path: log.patternText, schedule: log.settings.schedule, size: log.settings.size, check: log.settings.check, keep: log.settings.keep, compress: log.settings.compress, timezone: log.settings.timezone, frequency: log.settings.frequency }));
    expect(summary).toEqual([
      { name: "file1", path: "/tmp/rotor-demo/file1.log", schedule: { kind: "every", intervalMs: 30_000 }, size: 1048576, check: null, keep: 3, compress: "gzip", timezone: null, frequency: { unit: "none" } },
      { name: "file2", path: "/tmp/rotor-demo/file2.log", schedule: { kind: "every", intervalMs: 20_000 }, size: 1048576, check: null, keep: 5, compress: "gzip", timezone: null, frequency: { unit: "none" } },
      { name: "file3", path: "/tmp/rotor-demo/file3.log", schedule: null, size: 1024, check: 60_000, keep: 3, compress: "gzip", timezone: null, frequency: { unit: "none" } },
      { name: "file4", path: "/tmp/rotor-demo/file4.log", schedule: { kind: "calendar", unit: "daily", at: { hour: 0, minute: 0, second: 0 } }, size: 1048576, check: null, keep: 5, compress: "gzip", timezone: "Europe/Paris", frequency: { unit: "none" } },
    ]);
  });

  it("records where each job and each path was written", () => {
    const log = parse(SEED).model.logs[3]!;
    expect({ job: log.location, path: log.patterns[0]!.location }).toEqual({ job: { file: FILE, line: 8, column: 3 }, path: { file: FILE, line: 8, column: 18 } });
  });

  const schedules: [body: string, schedule: Schedule][] = [
    ["every: 1h30m", { kind: "every", intervalMs: 5_400_000 }],
    ["every: 500ms", { kind: "every", intervalMs: 500 }],
    ["hourly: true", { kind: "calendar", unit: "hourly", at: { hour: 0, minute: 0, second: 0 } }],
    ['hourly: true, at: ":15"', { kind: "calendar", unit: "hourly", at: { hour: 0, minute: 15, second: 0 } }],
    ['daily: true, at: "02:30:15"', { kind: "calendar", unit: "daily", at: { hour: 2, minute: 30, second: 15 } }],
    ["weekly: true", { kind: "calendar", unit: "weekly", weekday: 0, at: { hour: 0, minute: 0, second: 0 } }],
    ["weekly: Mon", { kind: "calendar", unit: "weekly", weekday: 1, at: { hour: 0, minute: 0, second: 0 } }],
    ["weekly: saturday", { kind: "calendar", unit: "weekly", weekday: 6, at: { hour: 0, minute: 0, second: 0 } }],
    ["weekly: 7", { kind: "calendar", unit: "weekly", weekday: 0, at: { hour: 0, minute: 0, second: 0 } }],
    ['monthly: true, at: "3:05"', { kind: "calendar", unit: "monthly", monthday: 1, at: { hour: 3, minute: 5, second: 0 } }],
    ["monthly: 31", { kind: "calendar", unit: "monthly", monthday: 31, at: { hour: 0, minute: 0, second: 0 } }],
    ["yearly: true", { kind: "calendar", unit: "yearly", month: 1, monthday: 1, at: { hour: 0, minute: 0, second: 0 } }],
    ['yearly: "02-29"', { kind: "calendar", unit: "yearly", month: 2, monthday: 29, at: { hour: 0, minute: 0, second: 0 } }],
    ['cron: "*/15 * * * *"', { kind: "cron", expression: "*/15 * * * *" }],
  ];

  it.each(schedules)("reads `%s` as its schedule", (body, schedule) => {
    expect(onlyJob(`jobs:\n  app: { path: /a.log, keep: 1, ${body} }\n`).settings.schedule).toEqual(schedule);
  });

  it("stores size as the size-only threshold without a schedule, and as maxsize with one", () => {
    const only = onlyJob("jobs:\n  app: { path: /a.log, keep: 1, size: 10k }\n").settings;
    const both = onlyJob("jobs:\n  app: { path: /a.log, keep: 1, size: 10k, daily: true }\n").settings;
    expect([only.schedule, only.size, only.maxsize, both.size, both.maxsize]).toEqual([null, 10240, 0, 1048576, 10240]);
  });

  it("gives every job the defaults it does not override", () => {
    const { model } = parse("defaults: { keep: 7, compress: zstd, missingok: true, daily: true }\njobs:\n  a: { path: /a.log }\n  b: { path: /b.log, keep: 2, compress: false }\n");
    expect(model.logs.map((log) => [log.name, log.settings.keep, log.settings.compress, log.settings.missingok, log.settings.schedule?.kind])).toEqual([
      ["a", 7, "zstd", true, "calendar"],
      ["b", 2, false, true, "calendar"],
    ]);
  });

  it("lets a job's schedule replace the defaults' schedule instead of conflicting with it", () => {
    const { model, errors } = parse("defaults: { keep: 1, daily: true, at: \"03:00\" }\njobs:\n  a: { path: /a.log, every: 10s }\n  b: { path: /b.log, daily: false, size: 1M }\n  c: { path: /c.log }\n");
    expect(errors).toEqual([]);
    expect(model.logs.map((log) => log.settings.schedule)).toEqual([{ kind: "every", intervalMs: 10_000 }, null, { kind: "calendar", unit: "daily", at: { hour: 3, minute: 0, second: 0 } }]);
  });

  it("resolves relative paths from the config file's directory, and leaves absolute and ~/ paths alone", () => {
    const log = onlyJob("jobs:\n  app: { path: [logs/app.log, ../var/*.log, /abs/x.log, ~/y.log], keep: 1, daily: true }\n");
    expect(log.patterns.map((p) => [p.path, p.glob])).toEqual([
      ["/etc/rotor/logs/app.log", false],
      ["/etc/var/*.log", true],
      ["/abs/x.log", false],
      ["~/y.log", false],
    ]);
    expect(log.patternText).toBe("/etc/rotor/logs/app.log /etc/var/*.log /abs/x.log ~/y.log");
  });

  it("reads aliases like the values they name", () => {
    const { model, errors } = parse("jobs:\n  a: { path: &logs [/a.log, /b.log], daily: true, keep: 1 }\n  b: { path: *logs, hourly: true, keep: 1 }\n");
    expect(errors).toEqual([]);
    expect(model.logs.map((log) => log.patternText)).toEqual(["/a.log /b.log", "/a.log /b.log"]);
  });

  it("starts from logrotate's defaults with the engine's create mode", () => {
    const settings = onlyJob("jobs:\n  app: { path: /a.log, keep: 4, daily: true }\n").settings;
    expect(settings).toEqual({ ...yamlDefaults(), keep: 4, schedule: { kind: "calendar", unit: "daily", at: { hour: 0, minute: 0, second: 0 } }, origins: { keep: { file: FILE, line: 2, column: 24 }, schedule: { file: FILE, line: 2, column: 33 } } });
  });

  it("loads an empty jobs map as a config with no logs", () => {
    expect(parse("jobs: {}\n")).toEqual({ model: { files: [FILE], logs: [], taboo: [] }, errors: [] });
  });
});
