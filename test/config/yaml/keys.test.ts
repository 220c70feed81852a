/**
 * Every key of the table reaches LogSettings: one job that sets every key to a value other
 * than its default, compared with the whole resulting LogSettings; then the keys one by
 * one where a key has several forms.
 */
import { describe, expect, it } from "vitest";
import { defaultSettings, type LogSettings } from "../../../src/config/index.js";
import { JOB_KEYS } from "../../../src/config/yaml/keys.js";
import { onlyJob } from "./support.js";

const EVERY_KEY = `jobs:
  all:
    path: /var/log/app.log
    daily: true
    at: "04:05"
    timezone: America/New_York
    size: 2M
    minsize: 1k
    minage: 2
    check: 5m
    keep: 9
    maxage: 30
    maxTotalSize: 1G
    start: 0
    dateext: true
    dateformat: "-%Y%m%d-%H"
    dateyesterday: true
    datehourago: true
    extension: .log
    addextension: .txt
    olddir: old
    createolddir: { mode: "0750", owner: root, group: 4 }
    compress: { command: xz, args: ["-9", "-T0"], ext: .xz }
    compressext: .xz2
    compressLevel: 5
    delaycompress: true
    mode: copytruncate
    createMode: 0640
    owner: www-data
    group: 4
    missingok: true
    ifempty: false
    allowhardlink: true
    su: www-data adm
    shred: true
    shredcycles: 3
    firstaction: echo first
    prerotate: echo pre
    postrotate: echo post
    lastaction: echo last
    preremove: echo remove
    sharedscripts: true
`;

describe("rotor's YAML config: keys", () => {
  it("has a test line for every key of the table", () => {
    const written = new Set([...EVERY_KEY.matchAll(/^ {4}(\w+):/gm)].map((m) => m[1]));
    // `size` and `maxsize` exclude each other with a schedule, and one schedule is enough; they are covered in jobs.test.ts.
    const untested = JOB_KEYS.map((key) => key.name).filter((name) => !written.has(name));
    expect(untested).toEqual(["every", "hourly", "weekly", "monthly", "yearly", "cron", "maxsize"]);
  });

  it("maps every key into LogSettings", () => {
    const { settings } = onlyJob(EVERY_KEY);
    const { origins, ...rest } = settings;
    const expected: Omit<LogSettings, "origins"> = {
      ...defaultSettings(),
      schedule: { kind: "calendar", unit: "daily", at: { hour: 4, minute: 5, second: 0 } },
      timezone: "America/New_York",
      maxsize: 2 * 1024 * 1024,
      minsize: 1024,
      minage: 2,
      check: 300_000,
      keep: 9,
      maxage: 30,
      maxTotalSize: 1024 ** 3,
      start: 0,
      dateext: true,
      dateformat: "-%Y%m%d-%H",
      dateyesterday: true,
      datehourago: true,
      extension: ".log",
      addextension: ".txt",
      olddir: "old",
      createolddir: { mode: 0o750, owner: "root", group: "4" },
      compress: { command: "xz", args: ["-9", "-T0"], ext: ".xz" },
      compressFlag: true,
      compresscmd: "xz",
      compressoptions: ["-9", "-T0"],
      compressext: ".xz2",
      compressLevel: 5,
      delaycompress: true,
      mode: "copytruncate",
      create: false,
      copytruncate: true,
      createMode: 0o640,
      owner: "www-data",
      group: "4",
      missingok: true,
      ifempty: false,
      allowhardlink: true,
      su: { user: "www-data", group: "adm" },
      shred: true,
      shredcycles: 3,
      scripts: { firstaction: "echo first", prerotate: "echo pre", postrotate: "echo post", lastaction: "echo last", preremove: "echo remove" },
      sharedscripts: true,
    };
    delete (expected as Partial<LogSettings>).origins;
    expect(rest).toEqual(expected);
    expect(Object.keys(origins).sort()).toEqual(["addextension", "allowhardlink", "check", "compress", "compressLevel", "compressext", "createMode", "createolddir", "dateext", "dateformat", "datehourago", "dateyesterday", "delaycompress", "extension", "group", "ifempty", "keep", "maxTotalSize", "maxage", "maxsize", "minage", "minsize", "missingok", "mode", "olddir", "owner", "schedule", "scripts", "sharedscripts", "shred", "shredcycles", "start", "su", "timezone"]);
    expect(origins.maxsize).toEqual({ file: "/etc/rotor/rotor.yaml", line: 7, column: 5 });
  });

  const forms: [body: string, expected: Partial<LogSettings>][] = [
    ["compress: gzip", { compress: "gzip", compressFlag: true, compresscmd: null }],
    ["compress: true", { compress: "gzip", compressFlag: true }],
    ["compress: zstd", { compress: "zstd", compressFlag: true, compresscmd: "zstd" }],
    ["compress: false", { compress: false, compressFlag: false }],
    ["compress: zstd, compressLevel: 19", { compress: "zstd", compressLevel: 19 }],
    ['createMode: "0640"', { createMode: 0o640 }],
    ['createMode: "640"', { createMode: 0o640 }],
    ["createMode: 0o600", { createMode: 0o600 }],
    ["createMode: 644", { createMode: 0o644 }],
    ["createolddir: true", { createolddir: { mode: null, owner: null, group: null } }],
    ["createolddir: false", { createolddir: false }],
    ["mode: nocreate", { mode: "nocreate", create: false }],
    ["mode: copy", { mode: "copy", create: false, copy: true }],
    ["mode: renamecopy", { mode: "renamecopy", create: false, renamecopy: true }],
    ["owner: 0, group: 0", { owner: "0", group: "0" }],
    ["su: { user: 33, group: adm }", { su: { user: "33", group: "adm" } }],
    ["keep: -1", { keep: -1 }],
    ["keep: 0", { keep: 0 }],
    ['maxTotalSize: "1.5 MB"', { maxTotalSize: 1_500_000 }],
    ["maxTotalSize: 10MiB", { maxTotalSize: 10 * 1024 * 1024 }],
    ["maxsize: 100", { maxsize: 100 }],
  ];

  it.each(forms)("reads `%s`", (body, expected) => {
    const settings = onlyJob(`jobs:\n  app: { path: /a.log, daily: true, ${body.includes("keep") ? "" : "keep: 1, "}${body} }\n`).settings;
    expect(settings).toMatchObject(expected);
  });
});
