/**
 * The planner, end to end on the in-memory filesystem: each case is one scenario of
 * docs/logrotate-behaviour.md (its id in brackets), set up as the experiment was, rotated
 * with `rotation()` on the virtual clock, and checked by comparing the whole directory
 * listing afterwards (names, modes, owners, contents, compressed files decompressed) and,
 * where the experiment recorded it, the whole sequence of changes and script runs against
 * logrotate's syscall order. Where rotor deliberately differs from logrotate (a "DEVIATION"
 * comment in src/rotate/plan.ts), the case says so and asserts rotor's documented result.
 *
 * Cases mirror the experiments' configs: those without `create` use `mode: "nocreate"`.
 */
import { describe, expect, it } from "vitest";
import { MissingLogError, RotateError, ScriptError, UnsafeLogError, VersionInTheWayError, planRotation, readListing, resolvePolicy } from "../../src/rotate/index.js";
import { memoryListing } from "./support/listing.js";
import { DAY, START, createDisk, events, putFiles, rotateAt, type Files, type Options } from "./support/plan-harness.js";

interface Run {
  /** Wall time of this run (default START). */
  at?: number;
  /** Files written before this run (the writer's new live log). */
  write?: Files;
  /** The whole listing after this run. */
  after: string[];
  /** report.errors of this run (default: the case's `errors`). */
  errors?: string[];
}

interface Case {
  name: string;
  files: Files;
  options: Options;
  /** The log (default /logs/app.log). */
  log?: string;
  /** Either one run with `after`, or several runs. */
  after?: string[];
  at?: number;
  runs?: Run[];
  /** The whole sequence of changes and script runs (journal files left out). */
  events?: string[];
  /** The rotation is refused: this error, and nothing on the disk changes. */
  error?: { type: new (...args: never[]) => RotateError; message: RegExp };
  /** A condition says no: the reason, and nothing on the disk changes. */
  skipped?: RegExp;
  /** Errors that did not stop the rotation (report.errors) in every run, as `Class: script` or `Class: message`. */
  errors?: string[];
}

async function check(c: Case): Promise<void> {
  const disk = createDisk(c.files);
  const log = c.log ?? "/logs/app.log";
  const before = await memoryListing(disk);
  if (c.error) {
    const outcome = await rotateAt(disk, log, c.options, c.at).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(c.error.type);
    expect((outcome as Error).message).toMatch(c.error.message);
    expect((outcome as RotateError).path).toBeTruthy();
    expect(await memoryListing(disk), "nothing changed").toEqual(before);
  } else if (c.skipped) {
    const report = await rotateAt(disk, log, c.options, c.at);
    expect(report.rotated).toBe(false);
    expect(report.reason).toMatch(c.skipped);
    expect(await memoryListing(disk), "nothing changed").toEqual(before);
  } else {
    const runs = c.runs ?? [{ at: c.at, after: c.after! }];
    for (const [i, r] of runs.entries()) {
      if (r.write) putFiles(disk, r.write, r.at ?? START);
      const report = await rotateAt(disk, log, c.options, r.at);
      // A failure before the live log moved (a prerotate) means the log was not rotated.
      const liveLogMoved = !(r.errors ?? c.errors ?? []).some((e) => e.endsWith(": prerotate"));
      expect(report.rotated, `run ${i + 1}`).toBe(liveLogMoved);
      expect(await memoryListing(disk), `run ${i + 1}`).toEqual(r.after);
      const errors = report.errors.map((e) => `${e.constructor.name}: ${e instanceof ScriptError ? e.script : e.message}`);
      expect(errors, `run ${i + 1}`).toEqual(r.errors ?? c.errors ?? []);
    }
  }
  if (c.events) expect(events(disk)).toEqual(c.events);
}

function table(title: string, cases: Case[]): void {
  describe(title, () => {
    for (const c of cases) it(c.name, () => check(c));
  });
}

const v123: Files = { "app.log": "live\n", "app.log.1": "v1\n", "app.log.2": "v2\n", "app.log.3": "v3\n" };

table("numbered versions", [
  {
    name: "shifts .1–.3 up from the oldest and removes the version pushed past rotate 3 [01a]",
    files: v123,
    options: { keep: 3, mode: "nocreate" },
    after: ["app.log.1 644 0:0 live|", "app.log.2 644 0:0 v1|", "app.log.3 644 0:0 v2|"],
    events: ["rename app.log.3 -> app.log.4", "rename app.log.2 -> app.log.3", "rename app.log.1 -> app.log.2", "rename app.log -> app.log.1", "unlink app.log.4"],
  },
  {
    name: "does not close a gap: with .1 and .3, the .3 still falls off the end [01b]",
    files: { "app.log": "live\n", "app.log.1": "v1\n", "app.log.3": "v3\n" },
    options: { keep: 3, mode: "nocreate" },
    after: ["app.log.1 644 0:0 live|", "app.log.2 644 0:0 v1|"],
    events: ["rename app.log.3 -> app.log.4", "rename app.log.1 -> app.log.2", "rename app.log -> app.log.1", "unlink app.log.4"],
  },
  {
    name: "removes a stray at start+K before shifting onto it, and leaves strays beyond alone [01c]",
    files: { ...v123, "app.log.4": "v4\n", "app.log.5": "v5\n" },
    options: { keep: 3, mode: "nocreate", scripts: { preremove: "preremove" } },
    after: ["app.log.1 644 0:0 live|", "app.log.2 644 0:0 v1|", "app.log.3 644 0:0 v2|", "app.log.5 644 0:0 v5|"],
    // logrotate's rename overwrites the stray (no preremove); rotor unlinks it first, also without preremove.
    events: [
      "unlink app.log.4",
      "rename app.log.3 -> app.log.4",
      "rename app.log.2 -> app.log.3",
      "rename app.log.1 -> app.log.2",
      "rename app.log -> app.log.1",
      "sh preremove app.log.4",
      "unlink app.log.4",
    ],
  },
  {
    name: "removes whatever is at the dispose slot even when the slot below it is empty [01h]",
    files: { "app.log": "live\n", "app.log.1": "v1\n", "app.log.4": "v4\n" },
    options: { keep: 3, mode: "nocreate" },
    after: ["app.log.1 644 0:0 live|", "app.log.2 644 0:0 v1|"],
  },
  {
    name: "with start 0 keeps .0–.2 and disposes of .3 [01d]",
    files: { "app.log": "live\n", "app.log.0": "v0\n", "app.log.1": "v1\n", "app.log.2": "v2\n", "app.log.3": "v3\n" },
    options: { keep: 3, start: 0, mode: "nocreate" },
    after: ["app.log.0 644 0:0 live|", "app.log.1 644 0:0 v0|", "app.log.2 644 0:0 v1|"],
  },
  {
    name: "with start 5 keeps .5–.7, disposes of .8 and never touches .1 below the start [01e]",
    files: { "app.log": "live\n", "app.log.1": "v1\n", "app.log.5": "v5\n", "app.log.6": "v6\n", "app.log.7": "v7\n", "app.log.8": "v8\n" },
    options: { keep: 3, start: 5, mode: "nocreate" },
    after: ["app.log.1 644 0:0 v1|", "app.log.5 644 0:0 live|", "app.log.6 644 0:0 v5|", "app.log.7 644 0:0 v6|"],
  },
  {
    name: "without compression shifts only plain names and leaves .2.gz alone [01f]",
    files: { "app.log": "live\n", "app.log.1": "v1\n", "app.log.2.gz": { gz: "v2gz\n" } },
    options: { keep: 3, mode: "nocreate" },
    after: ["app.log.1 644 0:0 live|", "app.log.2 644 0:0 v1|", "app.log.2.gz 644 0:0 gz[v2gz|]"],
  },
  {
    name: "with rotate 0 moves a stray .1 to .2, keeps it, and deletes the rotated log after create [01g, 08a]",
    files: { "app.log": "live\n", "app.log.1": "v1\n" },
    options: { keep: 0 },
    after: ["app.log 644 0:0 ", "app.log.2 644 0:0 v1|"],
    events: ["rename app.log.1 -> app.log.2", "rename app.log -> app.log.1", "create app.log", "unlink app.log.1"],
  },
  {
    name: "with rotate -1 shifts every version up to the highest number and deletes none [08c]",
    files: Object.fromEntries([["app.log", "live\n"], ...Array.from({ length: 12 }, (_, i) => [`app.log.${i + 1}`, `v${i + 1}\n`])]) as Files,
    options: { keep: -1, mode: "nocreate" },
    after: [
      "app.log.1 644 0:0 live|",
      ...Array.from({ length: 12 }, (_, i) => `app.log.${i + 2} 644 0:0 v${i + 1}|`).sort(),
    ].sort(),
  },
  {
    name: "with rotate -1 and a gap shifts .7 to .8 and leaves the gap [08c2]",
    files: { "app.log": "live\n", "app.log.1": "v1\n", "app.log.2": "v2\n", "app.log.7": "v7\n" },
    options: { keep: -1, mode: "nocreate" },
    after: ["app.log.1 644 0:0 live|", "app.log.2 644 0:0 v1|", "app.log.3 644 0:0 v2|", "app.log.8 644 0:0 v7|"],
    events: ["rename app.log.7 -> app.log.8", "rename app.log.2 -> app.log.3", "rename app.log.1 -> app.log.2", "rename app.log -> app.log.1"],
  },
]);

table("compression", [
  {
    name: "shifts the .gz chain, then compresses the new .1 with the rotated file's mode and owner [02a]",
    files: { "app.log": { text: "live\n", mode: 0o640, uid: 1, gid: 4 }, "app.log.1.gz": { gz: "v1\n" }, "app.log.2.gz": { gz: "v2\n" } },
    options: { keep: 3, compress: "gzip", mode: "nocreate" },
    after: ["app.log.1.gz 640 1:4 gz[live|]", "app.log.2.gz 644 0:0 gz[v1|]", "app.log.3.gz 644 0:0 gz[v2|]"],
    events: [
      "rename app.log.2.gz -> app.log.3.gz",
      "rename app.log.1.gz -> app.log.2.gz",
      "rename app.log -> app.log.1",
      "create app.log.1.gz.rotor-tmp",
      "rename app.log.1.gz.rotor-tmp -> app.log.1.gz",
      "unlink app.log.1",
    ],
  },
  {
    name: "compresses a plain .1 found when compression is on into the chain instead of overwriting it (DEVIATION from 02b, where logrotate loses it)",
    files: { "app.log": "live\n", "app.log.1": "v1\n", "app.log.2": "v2\n" },
    options: { keep: 3, compress: "gzip", mode: "nocreate" },
    // logrotate: app.log.1.gz = live, app.log.2 = v2; v1 is overwritten by the rename.
    after: ["app.log.1.gz 644 0:0 gz[live|]", "app.log.2 644 0:0 v2|", "app.log.2.gz 644 0:0 gz[v1|]"],
  },
  {
    name: "uses compressext for the shift and for the new version [02c]",
    files: { "app.log": "live\n", "app.log.1.z": { gz: "v1\n" } },
    options: { keep: 3, compress: "gzip", compressext: ".z", mode: "nocreate" },
    after: ["app.log.1.z 644 0:0 gz[live|]", "app.log.2.z 644 0:0 gz[v1|]"],
  },
  {
    name: "with delaycompress compresses last run's .1 first, shifts it with the chain and leaves the new .1 plain, over four runs [03a]",
    files: { "app.log": "live1\n" },
    options: { keep: 3, compress: "gzip", delaycompress: true, mode: "nocreate" },
    runs: [
      { after: ["app.log.1 644 0:0 live1|"] },
      { write: { "app.log": "live2\n" }, after: ["app.log.1 644 0:0 live2|", "app.log.2.gz 644 0:0 gz[live1|]"] },
      { write: { "app.log": "live3\n" }, after: ["app.log.1 644 0:0 live3|", "app.log.2.gz 644 0:0 gz[live2|]", "app.log.3.gz 644 0:0 gz[live1|]"] },
      { write: { "app.log": "live4\n" }, after: ["app.log.1 644 0:0 live4|", "app.log.2.gz 644 0:0 gz[live3|]", "app.log.3.gz 644 0:0 gz[live2|]"] },
    ],
    events: [
      "rename app.log -> app.log.1",
      "create app.log.1.gz.rotor-tmp",
      "rename app.log.1.gz.rotor-tmp -> app.log.1.gz",
      "unlink app.log.1",
      "rename app.log.1.gz -> app.log.2.gz",
      "rename app.log -> app.log.1",
      "create app.log.1.gz.rotor-tmp",
      "rename app.log.1.gz.rotor-tmp -> app.log.1.gz",
      "unlink app.log.1",
      "rename app.log.2.gz -> app.log.3.gz",
      "rename app.log.1.gz -> app.log.2.gz",
      "rename app.log -> app.log.1",
      "create app.log.1.gz.rotor-tmp",
      "rename app.log.1.gz.rotor-tmp -> app.log.1.gz",
      "unlink app.log.1",
      "rename app.log.3.gz -> app.log.4.gz",
      "rename app.log.2.gz -> app.log.3.gz",
      "rename app.log.1.gz -> app.log.2.gz",
      "rename app.log -> app.log.1",
      "unlink app.log.4.gz",
    ],
  },
  {
    name: "with delaycompress and rotate 1 compresses .1 only to dispose of it [03b]",
    files: { "app.log": "live1\n" },
    options: { keep: 1, compress: "gzip", delaycompress: true, mode: "nocreate" },
    runs: [{ after: ["app.log.1 644 0:0 live1|"] }, { write: { "app.log": "live2\n" }, after: ["app.log.1 644 0:0 live2|"] }],
  },
  {
    name: "with delaycompress and only .1.gz present compresses nothing up front [03c]",
    files: { "app.log": "live\n", "app.log.1.gz": { gz: "v1\n" } },
    options: { keep: 3, compress: "gzip", delaycompress: true, mode: "nocreate" },
    after: ["app.log.1 644 0:0 live|", "app.log.2.gz 644 0:0 gz[v1|]"],
  },
  {
    name: "moves an existing compression target aside to <name>-YYYYMMDDHH.backup [14e]",
    files: { "app.log": "live\n", "app.log.1": "v1\n", "app.log.1.gz": { gz: "v1gz\n" } },
    options: { keep: 3, compress: "gzip", delaycompress: true, mode: "nocreate" },
    after: ["app.log.1 644 0:0 live|", "app.log.1.gz-2026031510.backup 644 0:0 gz[v1gz|]", "app.log.2.gz 644 0:0 gz[v1|]"],
  },
  {
    name: "with rotate 0 compresses the rotated log after postrotate, then deletes it [08b]",
    files: { "app.log": "live\n" },
    options: { keep: 0, compress: "gzip", mode: "nocreate", scripts: { postrotate: "postrotate" } },
    after: [],
    events: [
      "rename app.log -> app.log.1",
      "sh postrotate app.log app.log.1",
      "create app.log.1.gz.rotor-tmp",
      "rename app.log.1.gz.rotor-tmp -> app.log.1.gz",
      "unlink app.log.1",
      "unlink app.log.1.gz",
    ],
  },
]);

table("dated versions", [
  { name: "name the version -%Y%m%d by default [04a]", files: { "app.log": "live\n" }, options: { keep: 2, dateext: true, mode: "nocreate" }, after: ["app.log-20260315 644 0:0 live|"] },
  {
    name: "format %s as the epoch seconds of now [04b]",
    files: { "app.log": "live\n" },
    options: { keep: 2, dateext: true, dateformat: "-%Y-%m-%d-%s", mode: "nocreate" },
    after: ["app.log-2026-03-15-1773568800 644 0:0 live|"],
  },
  {
    name: "name the version after yesterday with dateyesterday [04c]",
    files: { "app.log": "live\n" },
    options: { keep: 2, dateext: true, dateyesterday: true, mode: "nocreate" },
    after: ["app.log-20260314 644 0:0 live|"],
  },
  {
    name: "name yesterday at noon with dateyesterday, as logrotate's tm_hour = 12 [04c2]",
    files: { "app.log": "live\n" },
    options: { keep: 2, dateext: true, dateyesterday: true, dateformat: "-%Y%m%d%H%M", timezone: "UTC", mode: "nocreate" },
    at: Date.UTC(2026, 2, 15, 0, 30),
    after: ["app.log-202603141230 644 0:0 live|"],
  },
  {
    name: "name the calendar day before with dateyesterday just after a 23-hour day",
    files: { "app.log": "live\n" },
    // 00:30 on 30 March in Paris; 24 hours earlier is still 28 March there.
    options: { keep: 2, dateext: true, dateyesterday: true, timezone: "Europe/Paris", mode: "nocreate" },
    at: Date.UTC(2026, 2, 29, 22, 30),
    after: ["app.log-20260329 644 0:0 live|"],
  },
  {
    name: "name the calendar day before with dateyesterday late on a 25-hour day",
    files: { "app.log": "live\n" },
    // 23:30 on 25 October in Paris, a 25-hour day: 24 hours earlier is 00:30 that same day.
    options: { keep: 2, dateext: true, dateyesterday: true, timezone: "Europe/Paris", mode: "nocreate" },
    at: Date.UTC(2026, 9, 25, 22, 30),
    after: ["app.log-20261024 644 0:0 live|"],
  },
  {
    name: "name the version after an hour ago with datehourago, across midnight [04e]",
    files: { "app.log": "live\n" },
    options: { keep: 2, dateext: true, dateformat: "-%Y%m%d%H", datehourago: true, mode: "nocreate" },
    at: Date.UTC(2026, 2, 15, 0, 30),
    after: ["app.log-2026031423 644 0:0 live|"],
  },
  {
    name: "use the day of an hour ago with datehourago and the daily format [04f]",
    files: { "app.log": "live\n" },
    options: { keep: 2, dateext: true, datehourago: true, mode: "nocreate" },
    at: Date.UTC(2026, 2, 15, 0, 30),
    after: ["app.log-20260314 644 0:0 live|"],
  },
  {
    name: "keep the rotate-1 newest dated versions, delete the others (the newest of them last) and ignore names that do not match [04i]",
    files: {
      "app.log": "live\n",
      "app.log-20260309.bak": "bak\n",
      "app.log-2026031": "seven\n",
      "app.log-20260310": "d10\n",
      "app.log-20260311": "d11\n",
      "app.log-20260312": "d12\n",
      "app.log-20260313": "d13\n",
      "app.log-old": "old\n",
      "app.log.1": "n1\n",
    },
    options: { keep: 2, dateext: true, mode: "nocreate" },
    after: [
      "app.log-20260309.bak 644 0:0 bak|",
      "app.log-2026031 644 0:0 seven|",
      "app.log-20260313 644 0:0 d13|",
      "app.log-20260315 644 0:0 live|",
      "app.log-old 644 0:0 old|",
      "app.log.1 644 0:0 n1|",
    ],
    events: ["unlink app.log-20260310", "unlink app.log-20260311", "rename app.log -> app.log-20260315", "unlink app.log-20260312"],
  },
  {
    name: "sort dated versions by the date in the name, not lexically, with a -%d%m%Y format [04j]",
    files: { "app.log": "live\n", "app.log-01032026": "mar01\n", "app.log-10032026": "mar10\n", "app.log-28022026": "feb28\n" },
    options: { keep: 2, dateext: true, dateformat: "-%d%m%Y", mode: "nocreate" },
    after: ["app.log-10032026 644 0:0 mar10|", "app.log-15032026 644 0:0 live|"],
    events: ["unlink app.log-28022026", "rename app.log -> app.log-15032026", "unlink app.log-01032026"],
  },
  {
    name: "sort dated versions by the date in the name, not by mtime [04j3]",
    files: {
      "app.log": "live\n",
      "app.log-20260301": { text: "mar01\n", ageDays: 1 },
      "app.log-20260302": { text: "mar02\n", ageDays: 2 },
      "app.log-20260303": { text: "mar03\n", ageDays: 3 },
    },
    options: { keep: 2, dateext: true, mode: "nocreate" },
    after: ["app.log-20260303 644 0:0 mar03|", "app.log-20260315 644 0:0 live|"],
  },
  {
    name: "with compress count only .gz dated versions and leave a plain dated one alone [04k]",
    files: { "app.log": "live\n", "app.log-20260311": "d11\n", "app.log-20260312.gz": { gz: "d12\n" }, "app.log-20260313.gz": { gz: "d13\n" }, "app.log-20260314.gz": { gz: "d14\n" } },
    options: { keep: 2, dateext: true, compress: "gzip", mode: "nocreate" },
    after: ["app.log-20260311 644 0:0 d11|", "app.log-20260314.gz 644 0:0 gz[d14|]", "app.log-20260315.gz 644 0:0 gz[live|]"],
    events: [
      "unlink app.log-20260312.gz",
      "rename app.log -> app.log-20260315",
      "create app.log-20260315.gz.rotor-tmp",
      "rename app.log-20260315.gz.rotor-tmp -> app.log-20260315.gz",
      "unlink app.log-20260315",
      "unlink app.log-20260313.gz",
    ],
  },
  {
    name: "with delaycompress compress yesterday's plain version, then apply retention, over three days [04l]",
    files: { "app.log": "live15\n" },
    options: { keep: 2, dateext: true, compress: "gzip", delaycompress: true, mode: "nocreate" },
    runs: [
      { at: Date.UTC(2026, 2, 15, 10), after: ["app.log-20260315 644 0:0 live15|"] },
      { at: Date.UTC(2026, 2, 16, 10), write: { "app.log": "live16\n" }, after: ["app.log-20260315.gz 644 0:0 gz[live15|]", "app.log-20260316 644 0:0 live16|"] },
      { at: Date.UTC(2026, 2, 17, 10), write: { "app.log": "live17\n" }, after: ["app.log-20260316.gz 644 0:0 gz[live16|]", "app.log-20260317 644 0:0 live17|"] },
    ],
  },
  {
    name: "with delaycompress compress every plain dated version first [04o]",
    files: { "app.log": "live\n", "app.log-20260312": "d12\n", "app.log-20260313": "d13\n", "app.log-20260314": "d14\n" },
    options: { keep: 5, dateext: true, compress: "gzip", delaycompress: true, mode: "nocreate" },
    after: ["app.log-20260312.gz 644 0:0 gz[d12|]", "app.log-20260313.gz 644 0:0 gz[d13|]", "app.log-20260314.gz 644 0:0 gz[d14|]", "app.log-20260315 644 0:0 live|"],
  },
  {
    name: "ignore numbered leftovers when switching to dateext [04m]",
    files: { "app.log": "live\n", "app.log.1": "n1\n", "app.log.2": "n2\n" },
    options: { keep: 1, dateext: true, mode: "nocreate" },
    after: ["app.log-20260315 644 0:0 live|", "app.log.1 644 0:0 n1|", "app.log.2 644 0:0 n2|"],
  },
  {
    name: "run preremove for the early and the late retention removals [09o]",
    files: { "app.log": "live\n", "app.log-20260301": "d01\n", "app.log-20260302": "d02\n" },
    options: { keep: 1, dateext: true, mode: "nocreate", scripts: { preremove: "preremove" } },
    after: ["app.log-20260315 644 0:0 live|"],
    events: ["sh preremove app.log-20260301", "unlink app.log-20260301", "rename app.log -> app.log-20260315", "sh preremove app.log-20260302", "unlink app.log-20260302"],
  },
  {
    name: "refuse a second rotation on the same day, changing nothing [04g]",
    files: { "app.log": "live2\n", "app.log-20260315": "live1\n" },
    options: { keep: 2, dateext: true, mode: "nocreate" },
    error: { type: VersionInTheWayError, message: /app\.log-20260315: a version with the same date/ },
  },
  {
    name: "refuse a same-day rotation before deleting old versions (DEVIATION from 04g2, where logrotate deletes them and then skips)",
    files: { "app.log": "live\n", "app.log-20260301": "d01\n", "app.log-20260302": "d02\n", "app.log-20260315": "today\n" },
    options: { keep: 1, dateext: true, mode: "nocreate" },
    error: { type: VersionInTheWayError, message: /app\.log-20260315: a version with the same date/ },
  },
  {
    name: "refuse a same-day rotation when the compressed name exists [04h]",
    files: { "app.log": "live2\n", "app.log-20260315.gz": { gz: "live1\n" } },
    options: { keep: 2, dateext: true, compress: "gzip", mode: "nocreate" },
    error: { type: VersionInTheWayError, message: /app\.log-20260315\.gz: a version with the same date/ },
  },
  {
    name: "refuse a dated target that is a directory [12e]",
    files: { "app.log": "live\n", "app.log-20260315": { dir: true } },
    options: { keep: 2, dateext: true, mode: "nocreate" },
    error: { type: VersionInTheWayError, message: /app\.log-20260315: a directory named like a version/ },
  },
]);

table("extension", [
  {
    name: "keeps .log last: app.1.log, app.2.log, over two runs [05a]",
    files: { "app.log": "live1\n" },
    options: { keep: 3, extension: ".log", mode: "nocreate" },
    runs: [{ after: ["app.1.log 644 0:0 live1|"] }, { write: { "app.log": "live2\n" }, after: ["app.1.log 644 0:0 live2|", "app.2.log 644 0:0 live1|"] }],
  },
  {
    name: "puts the compression extension after it: app.1.log.gz, over two runs [05b]",
    files: { "app.log": "live1\n" },
    options: { keep: 3, extension: ".log", compress: "gzip", mode: "nocreate" },
    runs: [
      { after: ["app.1.log.gz 644 0:0 gz[live1|]"] },
      { write: { "app.log": "live2\n" }, after: ["app.1.log.gz 644 0:0 gz[live2|]", "app.2.log.gz 644 0:0 gz[live1|]"] },
    ],
  },
  { name: "puts the date before it [05c]", files: { "app.log": "live\n" }, options: { keep: 3, extension: ".log", dateext: true, mode: "nocreate" }, after: ["app-20260315.log 644 0:0 live|"] },
  {
    name: "puts the date before it and the compression extension after it [05d]",
    files: { "app.log": "live\n" },
    options: { keep: 3, extension: ".log", dateext: true, compress: "gzip", mode: "nocreate" },
    after: ["app-20260315.log.gz 644 0:0 gz[live|]"],
  },
  { name: "is ignored when the log's name does not end with it [05e]", files: { "app.log": "live\n" }, options: { keep: 3, extension: ".txt", mode: "nocreate" }, after: ["app.log.1 644 0:0 live|"] },
  {
    name: "moves only the trailing extension of a name with several dots [05g]",
    files: { "app.prod.log": "live\n", "app.prod.1.log": "v1\n" },
    log: "/logs/app.prod.log",
    options: { keep: 3, extension: ".log", mode: "nocreate" },
    after: ["app.prod.1.log 644 0:0 live|", "app.prod.2.log 644 0:0 v1|"],
  },
  {
    name: "addextension gives a name without it the extension: app -> app.1.log [05f]",
    files: { app: "live\n", "app.1.log": "v1\n" },
    log: "/logs/app",
    options: { keep: 3, addextension: ".log", mode: "nocreate" },
    after: ["app.1.log 644 0:0 live|", "app.2.log 644 0:0 v1|"],
  },
  {
    name: "addextension moves an extension the name has instead of doubling it: web.log -> web.1.log [05f]",
    files: { "web.log": "live\n" },
    log: "/logs/web.log",
    options: { keep: 3, addextension: ".log", dateext: true, mode: "nocreate" },
    after: ["web-20260315.log 644 0:0 live|"],
  },
]);

table("olddir", [
  {
    name: "keeps and shifts the versions in a relative olddir and ignores versions next to the log [06a]",
    files: { "app.log": "live\n", "app.log.1": "stray1\n", "old/app.log.1": "o1\n", "old/app.log.2": "o2\n" },
    options: { keep: 2, olddir: "old", mode: "nocreate" },
    after: ["app.log.1 644 0:0 stray1|", "old/ dir 755 0:0", "old/app.log.1 644 0:0 live|", "old/app.log.2 644 0:0 o1|"],
    events: ["rename old/app.log.2 -> old/app.log.3", "rename old/app.log.1 -> old/app.log.2", "rename app.log -> old/app.log.1", "unlink old/app.log.3"],
  },
  {
    name: "accepts an absolute olddir [06b]",
    files: { "app.log": "live\n", "/archive": { dir: true } },
    options: { keep: 2, olddir: "/archive", mode: "nocreate" },
    after: ["/archive/ dir 755 0:0", "/archive/app.log.1 644 0:0 live|"],
  },
  {
    name: "refuses a missing olddir without createolddir, changing nothing [06c]",
    files: { "app.log": "live\n" },
    options: { keep: 2, olddir: "old", mode: "nocreate" },
    error: { type: UnsafeLogError, message: /\/logs\/old: the olddir does not exist\. Create it, or set `createolddir`/ },
  },
  {
    name: "refuses an olddir that is a symlink (DEVIATION from 06j, where logrotate follows it)",
    files: { "app.log": "live\n", "/real-old": { dir: true }, old: { symlink: "/real-old" } },
    options: { keep: 2, olddir: "old", mode: "nocreate" },
    error: { type: VersionInTheWayError, message: /\/logs\/old: a symlink \(where olddir should be a directory\)/ },
  },
  {
    name: "creates a missing olddir with createolddir's mode and owner [06d]",
    files: { "app.log": "live\n" },
    options: { keep: 2, olddir: "old", createolddir: { mode: 0o750, owner: "root", group: "root" }, mode: "nocreate" },
    after: ["old/ dir 750 0:0", "old/app.log.1 644 0:0 live|"],
    events: ["mkdir old", "rename app.log -> old/app.log.1"],
  },
  {
    name: "creates a missing olddir owned by createolddir's user and group [06e]",
    files: { "app.log": "live\n" },
    options: { keep: 2, olddir: "old", createolddir: { mode: 0o750, owner: "daemon", group: "adm" }, mode: "nocreate" },
    after: ["old/ dir 750 1:4", "old/app.log.1 644 0:0 live|"],
  },
  {
    name: "creates a missing olddir 0755 when createolddir has no mode (DEVIATION from 06f, where logrotate makes it 07777)",
    files: { "app.log": "live\n" },
    options: { keep: 2, olddir: "old", createolddir: true, mode: "nocreate" },
    after: ["old/ dir 755 0:0", "old/app.log.1 644 0:0 live|"],
  },
  {
    name: "combines with dateext and compress [06g]",
    files: { "app.log": "live\n", old: { dir: true } },
    options: { keep: 2, olddir: "old", dateext: true, compress: "gzip", mode: "nocreate" },
    after: ["old/ dir 755 0:0", "old/app.log-20260315.gz 644 0:0 gz[live|]"],
  },
]);

table("how the live log becomes a version", [
  {
    name: "create without settings gives the fresh log the old log's mode and owner [07a]",
    files: { "app.log": { text: "live\n", mode: 0o604, uid: 1, gid: 4 } },
    options: { keep: 2 },
    after: ["app.log 604 1:4 ", "app.log.1 604 1:4 live|"],
    events: ["rename app.log -> app.log.1", "create app.log"],
  },
  {
    name: "create with mode, owner and group gives the fresh log exactly those [07b]",
    files: { "app.log": { text: "live\n", mode: 0o644, uid: 1, gid: 1 } },
    options: { keep: 2, createMode: 0o640, owner: "root", group: "adm" },
    after: ["app.log 640 0:4 ", "app.log.1 644 1:1 live|"],
  },
  {
    name: "create with a mode only takes the owner from the old log [07c]",
    files: { "app.log": { text: "live\n", mode: 0o644, uid: 1, gid: 4 } },
    options: { keep: 2, createMode: 0o600 },
    after: ["app.log 600 1:4 ", "app.log.1 644 1:4 live|"],
  },
  {
    name: "create with an owner only takes the mode from the old log [07d]",
    files: { "app.log": { text: "live\n", mode: 0o640 } },
    options: { keep: 2, owner: "daemon", group: "adm" },
    after: ["app.log 640 1:4 ", "app.log.1 640 0:0 live|"],
  },
  { name: "nocreate leaves no live log [07e]", files: { "app.log": "live\n" }, options: { keep: 2, mode: "nocreate" }, after: ["app.log.1 644 0:0 live|"] },
  {
    name: "copytruncate copies, then empties the live log in place, and the copy has the live log's mode and owner [07f]",
    files: { "app.log": { text: "live\n", mode: 0o640, uid: 1, gid: 4 } },
    options: { keep: 2, mode: "copytruncate", compress: "gzip" },
    after: ["app.log 640 1:4 ", "app.log.1.gz 640 1:4 gz[live|]"],
    events: ["create app.log.1.rotor-tmp", "rename app.log.1.rotor-tmp -> app.log.1", "truncate app.log", "create app.log.1.gz.rotor-tmp", "rename app.log.1.gz.rotor-tmp -> app.log.1.gz", "unlink app.log.1"],
  },
  {
    name: "copytruncate with compression compresses a plain .1 into the chain instead of moving it to a .backup (DEVIATION from 07f)",
    files: { "app.log": { text: "live\n", mode: 0o640, uid: 1, gid: 4 }, "app.log.1": "v1\n" },
    options: { keep: 2, mode: "copytruncate", compress: "gzip" },
    // logrotate: app.log.1-2026031510.backup = v1 (outside the chain), app.log.1.gz = live.
    after: ["app.log 640 1:4 ", "app.log.1.gz 640 1:4 gz[live|]", "app.log.2.gz 644 0:0 gz[v1|]"],
  },
  {
    name: "copy leaves the live log as it was [07g]",
    files: { "app.log": { text: "live\n", mode: 0o640, uid: 1, gid: 4 } },
    options: { keep: 2, mode: "copy" },
    after: ["app.log 640 1:4 live|", "app.log.1 640 1:4 live|"],
  },
  {
    name: "copytruncate runs prerotate, copy, truncate, postrotate with $2, then compression [07k]",
    files: { "app.log": "live\n" },
    options: { keep: 2, mode: "copytruncate", compress: "gzip", scripts: { prerotate: "prerotate", postrotate: "postrotate" } },
    after: ["app.log 644 0:0 ", "app.log.1.gz 644 0:0 gz[live|]"],
    events: [
      "sh prerotate app.log",
      "create app.log.1.rotor-tmp",
      "rename app.log.1.rotor-tmp -> app.log.1",
      "truncate app.log",
      "sh postrotate app.log app.log.1",
      "create app.log.1.gz.rotor-tmp",
      "rename app.log.1.gz.rotor-tmp -> app.log.1.gz",
      "unlink app.log.1",
    ],
  },
  {
    name: "renamecopy renames to .tmp and creates before postrotate, then copies, removes the .tmp and compresses [07h]",
    files: { "app.log": "live\n", "app.log.1.gz": { gz: "v1\n" } },
    options: { keep: 2, mode: "renamecopy", compress: "gzip", scripts: { prerotate: "prerotate", postrotate: "postrotate" } },
    after: ["app.log 644 0:0 ", "app.log.1.gz 644 0:0 gz[live|]", "app.log.2.gz 644 0:0 gz[v1|]"],
    events: [
      "rename app.log.1.gz -> app.log.2.gz",
      "sh prerotate app.log",
      "rename app.log -> app.log.tmp",
      "create app.log",
      "sh postrotate app.log app.log.1",
      "create app.log.1.rotor-tmp",
      "rename app.log.1.rotor-tmp -> app.log.1",
      "unlink app.log.tmp",
      "create app.log.1.gz.rotor-tmp",
      "rename app.log.1.gz.rotor-tmp -> app.log.1.gz",
      "unlink app.log.1",
    ],
  },
]);

table("conditions and retention by age", [
  {
    name: "maxage removes expired versions instead of shifting them and leaves strays, other names and the live log alone [08d]",
    files: {
      "app.log": { text: "live\n", ageDays: 30 },
      "app.log.1": { text: "v1\n", ageDays: 1 },
      "app.log.2": { text: "v2\n", ageDays: 3 },
      "app.log.3": { text: "v3\n", ageDays: 10 },
      "app.log.9": { text: "v9\n", ageDays: 10 },
      "app.log.bak": { text: "bak\n", ageDays: 10 },
    },
    options: { keep: 5, maxage: 2, mode: "nocreate" },
    after: ["app.log.1 644 0:0 live|", "app.log.2 644 0:0 v1|", "app.log.9 644 0:0 v9|", "app.log.bak 644 0:0 bak|"],
    events: ["unlink app.log.3", "unlink app.log.2", "rename app.log.1 -> app.log.2", "rename app.log -> app.log.1"],
  },
  {
    name: "maxage applies with rotate -1 too [08e]",
    files: { "app.log": "live\n", "app.log.1": { text: "v1\n", ageDays: 1 }, "app.log.2": { text: "v2\n", ageDays: 3 }, "app.log.3": { text: "v3\n", ageDays: 10 } },
    options: { keep: -1, maxage: 2, mode: "nocreate" },
    after: ["app.log.1 644 0:0 live|", "app.log.2 644 0:0 v1|"],
  },
  {
    name: "maxage removes dated versions by mtime, whatever the date in their name [08f]",
    files: {
      "app.log": "live\n",
      "app.log-20200101": { text: "old-name-new-mtime\n", ageDays: 1 },
      "app.log-20200102": { text: "old-name-old-mtime\n", ageDays: 10 },
      "app.log-20990101": { text: "new-name-old-mtime\n", ageDays: 10 },
    },
    options: { keep: 10, dateext: true, maxage: 2, mode: "nocreate" },
    after: ["app.log-20200101 644 0:0 old-name-new-mtime|", "app.log-20260315 644 0:0 live|"],
    events: ["unlink app.log-20200102", "rename app.log -> app.log-20260315", "unlink app.log-20990101"],
  },
  { name: "minsize skips a log smaller than it [08h]", files: { "app.log": "live\n" }, options: { keep: 2, minsize: 1024 }, skipped: /smaller than minsize \(5 < 1024 bytes\)/ },
  { name: "minsize rotates a log as large as it [08h]", files: { "app.log": "x".repeat(1024) }, options: { keep: 2, minsize: 1024, mode: "nocreate" }, after: [`app.log.1 644 0:0 ${"x".repeat(1024)}`] },
  {
    name: "notifempty skips an empty log and runs no script [08k]",
    files: { "app.log": "", "app.log.1": "v1\n" },
    options: { keep: 2, ifempty: false, scripts: { firstaction: "firstaction", postrotate: "postrotate" } },
    skipped: /empty \(notifempty\)/,
    events: [],
  },
  { name: "ifempty (the default) rotates an empty log [08j]", files: { "app.log": "" }, options: { keep: 2 }, after: ["app.log 644 0:0 ", "app.log.1 644 0:0 "] },
  { name: "a missing log is an error that says what to do [08l]", files: {}, options: { keep: 2 }, error: { type: MissingLogError, message: /\/logs\/app\.log: the log does not exist\. .*`missingok`/ } },
  {
    name: "missingok skips a missing log and runs no script [08m]",
    files: { "app.log.1": "v1\n" },
    options: { keep: 2, missingok: true, scripts: { firstaction: "firstaction" } },
    skipped: /does not exist \(missingok\)/,
    events: [],
  },
]);

table("logs that are not safe to rotate", [
  { name: "skip a log that is a symlink [10c]", files: { "app.log": { symlink: "real.log" }, "real.log": "live\n" }, options: { keep: 2 }, skipped: /symbolic link/ },
  { name: "skip a log with two hard links [10a]", files: { "app.log": "live\n", "other-link": { hardlinkOf: "app.log" } }, options: { keep: 2 }, skipped: /has 2 hard links.*`allowhardlink`/ },
  {
    name: "rotate a hard-linked log with allowhardlink, leaving the other name as it was [10b]",
    files: { "app.log": "live\n", "other-link": { hardlinkOf: "app.log" } },
    options: { keep: 2, allowhardlink: true },
    after: ["app.log 644 0:0 ", "app.log.1 644 0:0 live|", "other-link 644 0:0 live|"],
  },
  { name: "skip a log path that is a directory [12f]", files: { "app.log": { dir: true } }, options: { keep: 2 }, skipped: /is a directory/ },
  ...(
    [
      ["refuse", "0777 root:root", 0o777, 0, 0, "10d"],
      ["refuse", "1777 root:root (sticky)", 0o1777, 0, 0, "10h"],
      ["refuse", "0775 root:adm", 0o775, 0, 4, "10f"],
      ["rotate", "0775 root:root", 0o775, 0, 0, "10e"],
      ["rotate", "0755 daemon:daemon", 0o755, 1, 1, "10i"],
    ] as const
  ).map(
    ([verdict, dir, mode, uid, gid, id]): Case => ({
      name: `${verdict} a log in a ${dir} directory [${id}]`,
      files: { "/logs": { dir: true, mode, uid, gid }, "app.log": "live\n" },
      options: { keep: 2, mode: "nocreate" },
      ...(verdict === "refuse"
        ? { error: { type: UnsafeLogError, message: /insecure permissions \(it is world writable or writable by a group which is not "root"\)\. Set `su`/ } }
        : { after: [`app.log.1 644 0:0 live|`] }),
    }),
  ),
  {
    name: "rotate a log in a world-writable directory when su is set [10g]",
    files: { "/logs": { dir: true, mode: 0o777 }, "app.log": "live\n" },
    options: { keep: 2, mode: "nocreate", su: { user: "root", group: "root" } },
    after: ["app.log.1 644 0:0 live|"],
  },
  {
    name: "check only the log's own directory, not its parent [10l]",
    files: { "/logs": { dir: true, mode: 0o777 }, "sub/app.log": "live\n" },
    log: "/logs/sub/app.log",
    options: { keep: 2, mode: "nocreate" },
    after: ["sub/ dir 755 0:0", "sub/app.log.1 644 0:0 live|"],
  },
  {
    name: "refuse a directory named like a version in the chain, changing nothing (DEVIATION from 12a, where logrotate shifts it along)",
    files: { "app.log": "live\n", "app.log.1": "v1\n", "app.log.2": { dir: true } },
    options: { keep: 3, mode: "nocreate" },
    error: { type: VersionInTheWayError, message: /\/logs\/app\.log\.2: a directory named like a version is in the way of the rotation\. Move it elsewhere; nothing was changed\./ },
  },
  {
    name: "refuse a directory at the dispose slot, changing nothing [12b]",
    files: { "app.log": "live\n", "app.log.1": "v1\n", "app.log.2": "v2\n", "app.log.3": { dir: true } },
    options: { keep: 2, mode: "nocreate" },
    error: { type: VersionInTheWayError, message: /app\.log\.3: a directory named like a version/ },
  },
  {
    name: "refuse a directory where the rotated log goes, changing nothing (DEVIATION from 12c)",
    files: { "app.log": "live\n", "app.log.1": { dir: true } },
    options: { keep: 3, mode: "nocreate" },
    error: { type: VersionInTheWayError, message: /app\.log\.1: a directory named like a version/ },
  },
]);

table("scripts", [
  {
    name: "run firstaction, shift, prerotate, rename, postrotate with $2, compression, preremove of the plain .1 and of the disposed version, lastaction [09a]",
    files: { "app.log": "live\n", "app.log.1.gz": { gz: "v1\n" }, "app.log.2.gz": { gz: "v2\n" } },
    options: { keep: 2, compress: "gzip", mode: "nocreate", scripts: { firstaction: "firstaction", prerotate: "prerotate", postrotate: "postrotate", lastaction: "lastaction", preremove: "preremove" } },
    after: ["app.log.1.gz 644 0:0 gz[live|]", "app.log.2.gz 644 0:0 gz[v1|]"],
    events: [
      "sh firstaction app.log",
      "rename app.log.2.gz -> app.log.3.gz",
      "rename app.log.1.gz -> app.log.2.gz",
      "sh prerotate app.log",
      "rename app.log -> app.log.1",
      "sh postrotate app.log app.log.1",
      "create app.log.1.gz.rotor-tmp",
      "rename app.log.1.gz.rotor-tmp -> app.log.1.gz",
      "sh preremove app.log.1",
      "unlink app.log.1",
      "sh preremove app.log.3.gz",
      "unlink app.log.3.gz",
      "sh lastaction app.log",
    ],
  },
  {
    name: "a failing prerotate leaves the log unrotated but the chain shifted, and lastaction still runs [09e]",
    files: { "app.log": "live\n", "app.log.1": "v1\n" },
    options: { keep: 2, scripts: { prerotate: "prerotate fail", postrotate: "postrotate", lastaction: "lastaction" } },
    after: ["app.log 644 0:0 live|", "app.log.2 644 0:0 v1|"],
    errors: ["ScriptError: prerotate"],
    events: ["rename app.log.1 -> app.log.2", "sh prerotate fail app.log", "sh lastaction app.log"],
  },
  {
    name: "a failing postrotate skips compression; the next run compresses the plain .1 into the chain (DEVIATION from 09f, where logrotate overwrites it)",
    files: { "app.log": "live\n" },
    options: { keep: 2, compress: "gzip", scripts: { postrotate: "postrotate fail", lastaction: "lastaction" } },
    runs: [
      { after: ["app.log 644 0:0 ", "app.log.1 644 0:0 live|"] },
      // logrotate: app.log.1 = live2, and "live" is lost.
      { write: { "app.log": "live2\n" }, after: ["app.log 644 0:0 ", "app.log.1 644 0:0 live2|", "app.log.2.gz 644 0:0 gz[live|]"] },
    ],
    errors: ["ScriptError: postrotate"],
  },
  {
    name: "a failing firstaction rotates nothing [09g]",
    files: { "app.log": "live\n" },
    options: { keep: 2, scripts: { firstaction: "firstaction fail", prerotate: "prerotate" } },
    error: { type: ScriptError, message: /\/logs\/app\.log: the firstaction script exited with code 1: firstaction fail failed on purpose/ },
    events: ["sh firstaction fail app.log"],
  },
  {
    name: "a failing lastaction is reported after a complete rotation [09h]",
    files: { "app.log": "live\n" },
    options: { keep: 2, mode: "nocreate", scripts: { lastaction: "lastaction fail" } },
    after: ["app.log.1 644 0:0 live|"],
    errors: ["ScriptError: lastaction"],
  },
  {
    name: "a failing preremove keeps the file it was about [09i]",
    files: { "app.log": "live\n", "app.log.1": "v1\n", "app.log.2": "v2\n" },
    options: { keep: 2, mode: "nocreate", scripts: { preremove: "preremove fail" } },
    after: ["app.log.1 644 0:0 live|", "app.log.2 644 0:0 v1|", "app.log.3 644 0:0 v2|"],
    errors: ["ScriptError: preremove"],
  },
  {
    name: "with delaycompress, compression of the old .1 comes before any script and $2 is the plain .1 [09l]",
    files: { "app.log": "live\n", "app.log.1": "v1\n" },
    options: { keep: 3, compress: "gzip", delaycompress: true, mode: "nocreate", scripts: { postrotate: "postrotate" } },
    after: ["app.log.1 644 0:0 live|", "app.log.2.gz 644 0:0 gz[v1|]"],
    events: ["create app.log.1.gz.rotor-tmp", "rename app.log.1.gz.rotor-tmp -> app.log.1.gz", "unlink app.log.1", "rename app.log.1.gz -> app.log.2.gz", "rename app.log -> app.log.1", "sh postrotate app.log app.log.1"],
  },
  {
    name: "postrotate's $2 is the dated name in olddir, before compression [09m]",
    files: { "app.log": "live\n", old: { dir: true } },
    options: { keep: 3, dateext: true, olddir: "old", compress: "gzip", mode: "nocreate", scripts: { postrotate: "postrotate" } },
    after: ["old/ dir 755 0:0", "old/app.log-20260315.gz 644 0:0 gz[live|]"],
    events: [
      "rename app.log -> old/app.log-20260315",
      "sh postrotate app.log old/app.log-20260315",
      "create old/app.log-20260315.gz.rotor-tmp",
      "rename old/app.log-20260315.gz.rotor-tmp -> old/app.log-20260315.gz",
      "unlink old/app.log-20260315",
    ],
  },
  {
    name: "shred removes the plain .1 after compression and the disposed version [11d]",
    files: { "app.log": "live\n", "app.log.1.gz": { gz: "v1\n" } },
    options: { keep: 1, compress: "gzip", shred: true, mode: "nocreate" },
    after: ["app.log.1.gz 644 0:0 gz[live|]"],
    events: [
      "rename app.log.1.gz -> app.log.2.gz",
      "rename app.log -> app.log.1",
      "create app.log.1.gz.rotor-tmp",
      "rename app.log.1.gz.rotor-tmp -> app.log.1.gz",
      "shred app.log.1",
      "unlink app.log.1",
      "shred app.log.2.gz",
      "unlink app.log.2.gz",
    ],
  },
]);

const ten = (label: string): string => `${label.padEnd(9, "-")}\n`; // 10 bytes

table("the total-size budget (beyond logrotate)", [
  {
    name: "removes the oldest versions while all of them together exceed maxTotalSize",
    files: { "app.log": ten("live"), "app.log.1": ten("v1"), "app.log.2": ten("v2"), "app.log.3": ten("v3"), "app.log.4": ten("v4") },
    options: { keep: 10, maxTotalSize: 25, mode: "nocreate", scripts: { preremove: "preremove" } },
    after: ["app.log.1 644 0:0 live-----|", "app.log.2 644 0:0 v1-------|"],
    events: [
      "rename app.log.4 -> app.log.5",
      "rename app.log.3 -> app.log.4",
      "rename app.log.2 -> app.log.3",
      "rename app.log.1 -> app.log.2",
      "rename app.log -> app.log.1",
      "sh preremove app.log.5",
      "unlink app.log.5",
      "sh preremove app.log.4",
      "unlink app.log.4",
      "sh preremove app.log.3",
      "unlink app.log.3",
    ],
  },
  {
    name: "counts versions beyond a gap in the numbers",
    files: { "app.log": ten("live"), "app.log.1": ten("v1"), "app.log.3": ten("v3"), "app.log.4": ten("v4") },
    options: { keep: 10, maxTotalSize: 25, mode: "nocreate" },
    after: ["app.log.1 644 0:0 live-----|", "app.log.2 644 0:0 v1-------|"],
  },
  {
    name: "removes the oldest dated versions by the date in their name",
    files: { "app.log": ten("live"), "app.log-20260312": ten("d12"), "app.log-20260313": ten("d13"), "app.log-20260314": ten("d14") },
    options: { keep: 10, dateext: true, maxTotalSize: 25, mode: "nocreate" },
    after: ["app.log-20260314 644 0:0 d14------|", "app.log-20260315 644 0:0 live-----|"],
  },
  {
    name: "keeps everything while the versions fit",
    files: { "app.log": ten("live"), "app.log.1": ten("v1") },
    options: { keep: 10, maxTotalSize: 20, mode: "nocreate" },
    after: ["app.log.1 644 0:0 live-----|", "app.log.2 644 0:0 v1-------|"],
  },
]);

describe("planRotation on its own", () => {
  it("plans from a listing without touching the disk, and says where the rotated content ends up", async () => {
    const disk = createDisk({ "app.log": "live\n", "app.log.1.gz": { gz: "v1\n" } });
    const policy = resolvePolicy({ keep: 2, compress: "gzip", timezone: "UTC" });
    const plan = planRotation("/logs/app.log", await readListing(disk, "/logs/app.log", policy), policy, START);
    expect(disk.calls).toEqual([]);
    expect(plan).toMatchObject({ rotate: true, rotated: "/logs/app.log.1", newest: "/logs/app.log.1.gz" });
    if (!plan.rotate) return;
    expect([...plan.before, ...plan.during, ...plan.after].map((s) => s.kind)).toEqual(["rename", "rename", "create", "compress", "delete"]);
  });

  it("reads now only from its argument: the same listing a day later names the version after that day", async () => {
    const disk = createDisk({ "app.log": "live\n" });
    const policy = resolvePolicy({ keep: 2, dateext: true, timezone: "UTC" });
    const listing = await readListing(disk, "/logs/app.log", policy);
    const names = [START, START + DAY].map((now) => {
      const plan = planRotation("/logs/app.log", listing, policy, now);
      return plan.rotate ? plan.rotated : null;
    });
    expect(names).toEqual(["/logs/app.log-20260315", "/logs/app.log-20260316"]);
  });
});
