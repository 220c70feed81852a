/**
 * rotor against the real logrotate 3.21, side by side on real temporary directories: for
 * each case (named after the docs/logrotate-behaviour.md scenario it mirrors) the same files
 * are made in two directories, `logrotate -f -s STATE CONF` runs on one and rotateFile()
 * with the equivalent options on the other, at the same instant (logrotate under `faketime`,
 * rotor on a VirtualClock started there), and the two whole listings (names, modes, owners,
 * contents with .gz decompressed) must be equal, as must the outcome (logrotate's exit code
 * 1 ⇔ rotor threw or reported an error) and what the scripts saw.
 *
 * Where rotor deliberately differs (a DEVIATION comment in src/rotate), the case asserts
 * both documented listings instead. Both sides compress with the real gzip, except the one
 * case that checks rotor's built-in node:zlib gzip against it.
 *
 * logrotate must be installed (CI does: `apt-get install -y logrotate`); without it this
 * suite fails rather than skips. Cases that need `faketime` (dates, .backup names) are
 * skipped with that reason when it is missing, and cases that give files to daemon:adm
 * need root (the experiments ran as root).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rotateFile, type CompressCommand, type RotationOptions } from "../../src/rotate/index.js";
import { VirtualClock } from "../../src/scheduler/index.js";
import { IS_ROOT, cleanupTempDirs, makeTempDir, putDiskFiles } from "./support/disk-files.js";
import { diskListing } from "./support/listing.js";
import type { Files } from "./support/plan-harness.js";

const LOGROTATE = "/usr/sbin/logrotate";
const HAS_FAKETIME = spawnSync("faketime", ["2026-03-15 10:00:00", "true"]).status === 0;
const GZIP: CompressCommand = { command: existsSync("/bin/gzip") ? "/bin/gzip" : "gzip", ext: ".gz" };
const NOW = "2026-03-15 10:00:00";
/** The owner of files the tests make: root:root in CI, as in the experiments. */
const OWN = `${process.getuid?.() ?? 0}:${process.getgid?.() ?? 0}`;

type Outcome = "rotates" | "skips" | "fails";

interface Run {
  /** faketime's "now" for this run (local time), default NOW. */
  at?: string;
  /** Files (re)written on both sides before this run. */
  write?: Files;
  outcome?: Outcome;
}

interface DiffCase {
  name: string;
  /** Files in the logs directory (`../x` for siblings of it). */
  files: Files;
  /** The log's name in the logs directory (default app.log). */
  log?: string;
  /** The directives of logrotate's block; `$ROOT` is the side's directory. */
  conf: string;
  /** rotor's equivalent; `$ROOT` in strings is the side's directory. */
  options: RotationOptions;
  runs?: Run[];
  /** Expected outcome of every run (default "rotates"). */
  outcome?: Outcome;
  /** "real": both sides use the real clock (maxage: faketime does not move mtimes). */
  clock?: "real";
  needs?: Array<"faketime" | "root">;
  /** A documented difference: each side's listing after the last run (names relative to logs/). */
  deviation?: { logrotate: string[]; rotor: string[]; outcomes?: { logrotate: Outcome; rotor: Outcome } };
  /** Compare what the scripts wrote to $ROOT/scripts.out. */
  scripts?: boolean;
}

/** One script line recording its stage, $1, $2, $# and the visible names in logs/. */
const sl = (stage: string, extra = ""): string => `echo "${stage} 1=[$1] 2=[$2] argc=$# ls=[$(ls "$ROOT/logs" | tr "\\n" " ")]" >> "$ROOT/scripts.out"${extra}`;
const block = (stage: string, body: string): string => `${stage}\n  ${body}\nendscript`;

const v123: Files = { "app.log": "live\n", "app.log.1": "v1\n", "app.log.2": "v2\n", "app.log.3": "v3\n" };
const daemonLive = { text: "live\n", mode: 0o640, uid: 1, gid: 4 };

const cases: DiffCase[] = [
  // 1. Numbered rotation
  { name: "[01a] rotate 3 with .1 .2 .3", files: v123, conf: "rotate 3", options: { keep: 3, mode: "nocreate" } },
  { name: "[01b] rotate 3 with a gap: .1 and .3", files: { "app.log": "live\n", "app.log.1": "v1\n", "app.log.3": "v3\n" }, conf: "rotate 3", options: { keep: 3, mode: "nocreate" } },
  { name: "[01c] rotate 3 with strays .4 and .5", files: { ...v123, "app.log.4": "v4\n", "app.log.5": "v5\n" }, conf: "rotate 3", options: { keep: 3, mode: "nocreate" } },
  {
    name: "[01d] start 0",
    files: { "app.log": "live\n", "app.log.0": "v0\n", "app.log.1": "v1\n", "app.log.2": "v2\n", "app.log.3": "v3\n" },
    conf: "rotate 3\nstart 0",
    options: { keep: 3, start: 0, mode: "nocreate" },
  },
  { name: "[01g] no rotate directive: rotate 0 keeps a stray .1 as .2", files: { "app.log": "live\n", "app.log.1": "v1\n" }, conf: "", options: { keep: 0, mode: "nocreate" } },
  // 2. Compression
  {
    name: "[02a] compress: the new .gz has the rotated log's mode and owner",
    needs: ["root"],
    files: { "app.log": daemonLive, "app.log.1.gz": { gz: "v1\n" }, "app.log.2.gz": { gz: "v2\n" } },
    conf: "rotate 3\ncompress",
    options: { keep: 3, compress: GZIP, mode: "nocreate" },
  },
  {
    name: "[02a] compress with rotor's built-in gzip (node:zlib) gives what gzip gives",
    files: { "app.log": "live\n", "app.log.1.gz": { gz: "v1\n" } },
    conf: "rotate 3\ncompress",
    options: { keep: 3, compress: "gzip", mode: "nocreate" },
  },
  {
    name: "[02b] compress turned on with plain .1 and .2 (DEVIATION: logrotate overwrites .1)",
    files: { "app.log": "live\n", "app.log.1": "v1\n", "app.log.2": "v2\n" },
    conf: "rotate 3\ncompress",
    options: { keep: 3, compress: GZIP, mode: "nocreate" },
    deviation: {
      logrotate: [`app.log.1.gz 644 ${OWN} gz[live|]`, `app.log.2 644 ${OWN} v2|`],
      rotor: [`app.log.1.gz 644 ${OWN} gz[live|]`, `app.log.2 644 ${OWN} v2|`, `app.log.2.gz 644 ${OWN} gz[v1|]`],
    },
  },
  {
    name: "[02c] compressext .z",
    files: { "app.log": "live\n", "app.log.1.z": { gz: "v1\n" } },
    conf: "rotate 3\ncompress\ncompressext .z",
    options: { keep: 3, compress: GZIP, compressext: ".z", mode: "nocreate" },
  },
  {
    name: "[02g] a failing compressor keeps the plain version",
    files: { "app.log": "live\n", "app.log.1.gz": { gz: "v1\n" } },
    conf: "rotate 3\ncompress\ncompresscmd /bin/false\ncompressext .gz",
    options: { keep: 3, compress: { command: "/bin/false", ext: ".gz" }, mode: "nocreate" },
    outcome: "fails",
  },
  // 3. delaycompress
  {
    name: "[03a] compress + delaycompress over three runs",
    files: { "app.log": "live1\n" },
    conf: "rotate 3\ncompress\ndelaycompress",
    options: { keep: 3, compress: GZIP, delaycompress: true, mode: "nocreate" },
    runs: [{}, { write: { "app.log": "live2\n" } }, { write: { "app.log": "live3\n" } }, { write: { "app.log": "live4\n" } }],
  },
  {
    name: "[03b] compress + delaycompress with rotate 1, two runs",
    files: { "app.log": "live1\n" },
    conf: "rotate 1\ncompress\ndelaycompress",
    options: { keep: 1, compress: GZIP, delaycompress: true, mode: "nocreate" },
    runs: [{}, { write: { "app.log": "live2\n" } }],
  },
  {
    name: "[14e] delaycompress with .1.gz in the way: moved aside to a .backup",
    needs: ["faketime"],
    files: { "app.log": "live\n", "app.log.1": "v1\n", "app.log.1.gz": { gz: "v1gz\n" } },
    conf: "rotate 3\ncompress\ndelaycompress",
    options: { keep: 3, compress: GZIP, delaycompress: true, mode: "nocreate" },
  },
  // 4. dateext
  { name: "[04a] dateext", needs: ["faketime"], files: { "app.log": "live\n" }, conf: "rotate 2\ndateext", options: { keep: 2, dateext: true, mode: "nocreate" } },
  {
    name: "[04b] dateformat -%Y-%m-%d-%s",
    needs: ["faketime"],
    files: { "app.log": "live\n" },
    conf: "rotate 2\ndateext\ndateformat -%Y-%m-%d-%s",
    options: { keep: 2, dateext: true, dateformat: "-%Y-%m-%d-%s", mode: "nocreate" },
  },
  {
    name: "[04c] dateyesterday",
    needs: ["faketime"],
    files: { "app.log": "live\n" },
    conf: "rotate 2\ndateext\ndateyesterday",
    options: { keep: 2, dateext: true, dateyesterday: true, mode: "nocreate" },
  },
  {
    // logrotate names yesterday at noon (tm_hour = 12), keeping minutes and seconds: %H reads 12.
    name: "[04c2] dateyesterday with %H and %s in the format, just after midnight",
    needs: ["faketime"],
    files: { "app.log": "live\n" },
    conf: "rotate 2\ndateext\ndateyesterday\ndateformat -%Y%m%d%H-%s",
    options: { keep: 2, dateext: true, dateyesterday: true, dateformat: "-%Y%m%d%H-%s", mode: "nocreate" },
    runs: [{ at: "2026-03-15 00:30:07" }],
  },
  {
    name: "[04e] hourly + datehourago across midnight",
    needs: ["faketime"],
    files: { "app.log": "live\n" },
    conf: "hourly\nrotate 2\ndateext\ndatehourago",
    options: { keep: 2, dateext: true, dateformat: "-%Y%m%d%H", datehourago: true, mode: "nocreate" },
    runs: [{ at: "2026-03-15 00:30:00" }],
  },
  {
    name: "[04g] a second dated rotation on the same day is refused",
    needs: ["faketime"],
    files: { "app.log": "live1\n" },
    conf: "rotate 2\ndateext",
    options: { keep: 2, dateext: true, mode: "nocreate" },
    runs: [{}, { write: { "app.log": "live2\n" }, outcome: "fails" }],
  },
  {
    name: "[04g2] a same-day rotation with old versions in excess (DEVIATION: logrotate deletes them, then refuses)",
    needs: ["faketime"],
    files: { "app.log": "live\n", "app.log-20260301": "d01\n", "app.log-20260302": "d02\n", "app.log-20260315": "today\n" },
    conf: "rotate 1\ndateext",
    options: { keep: 1, dateext: true, mode: "nocreate" },
    outcome: "fails",
    deviation: {
      logrotate: [`app.log 644 ${OWN} live|`, `app.log-20260315 644 ${OWN} today|`],
      rotor: [`app.log 644 ${OWN} live|`, `app.log-20260301 644 ${OWN} d01|`, `app.log-20260302 644 ${OWN} d02|`, `app.log-20260315 644 ${OWN} today|`],
    },
  },
  {
    name: "[04i] dateext retention ignores names that do not match",
    needs: ["faketime"],
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
    conf: "rotate 2\ndateext",
    options: { keep: 2, dateext: true, mode: "nocreate" },
  },
  {
    name: "[04j] dateformat -%d%m%Y: retention by the date in the name",
    needs: ["faketime"],
    files: { "app.log": "live\n", "app.log-01032026": "mar01\n", "app.log-10032026": "mar10\n", "app.log-28022026": "feb28\n" },
    conf: "rotate 2\ndateext\ndateformat -%d%m%Y",
    options: { keep: 2, dateext: true, dateformat: "-%d%m%Y", mode: "nocreate" },
  },
  {
    name: "[04k] dateext + compress leaves a plain dated version alone",
    needs: ["faketime"],
    files: { "app.log": "live\n", "app.log-20260311": "d11\n", "app.log-20260312.gz": { gz: "d12\n" }, "app.log-20260313.gz": { gz: "d13\n" }, "app.log-20260314.gz": { gz: "d14\n" } },
    conf: "rotate 2\ndateext\ncompress",
    options: { keep: 2, dateext: true, compress: GZIP, mode: "nocreate" },
  },
  {
    name: "[04l] dateext + compress + delaycompress over three days",
    needs: ["faketime"],
    files: { "app.log": "live15\n" },
    conf: "rotate 2\ndateext\ncompress\ndelaycompress",
    options: { keep: 2, dateext: true, compress: GZIP, delaycompress: true, mode: "nocreate" },
    runs: [{ at: "2026-03-15 10:00:00" }, { at: "2026-03-16 10:00:00", write: { "app.log": "live16\n" } }, { at: "2026-03-17 10:00:00", write: { "app.log": "live17\n" } }],
  },
  {
    name: "[04m] dateext ignores numbered leftovers",
    needs: ["faketime"],
    files: { "app.log": "live\n", "app.log.1": "n1\n", "app.log.2": "n2\n" },
    conf: "rotate 1\ndateext",
    options: { keep: 1, dateext: true, mode: "nocreate" },
  },
  // 5. extension
  {
    name: "[05a] extension .log, two runs",
    files: { "app.log": "live1\n" },
    conf: "rotate 3\nextension .log",
    options: { keep: 3, extension: ".log", mode: "nocreate" },
    runs: [{}, { write: { "app.log": "live2\n" } }],
  },
  {
    name: "[05b] extension .log + compress, two runs",
    files: { "app.log": "live1\n" },
    conf: "rotate 3\nextension .log\ncompress",
    options: { keep: 3, extension: ".log", compress: GZIP, mode: "nocreate" },
    runs: [{}, { write: { "app.log": "live2\n" } }],
  },
  {
    name: "[05d] extension .log + dateext + compress",
    needs: ["faketime"],
    files: { "app.log": "live\n" },
    conf: "rotate 3\nextension .log\ndateext\ncompress",
    options: { keep: 3, extension: ".log", dateext: true, compress: GZIP, mode: "nocreate" },
  },
  {
    name: "[05g] extension .log on app.prod.log",
    files: { "app.prod.log": "live\n", "app.prod.1.log": "v1\n" },
    log: "app.prod.log",
    conf: "rotate 3\nextension .log",
    options: { keep: 3, extension: ".log", mode: "nocreate" },
  },
  // 6. olddir
  {
    name: "[06a] olddir relative, with a stray version next to the log",
    files: { "app.log": "live\n", "app.log.1": "stray1\n", old: { dir: true }, "old/app.log.1": "o1\n", "old/app.log.2": "o2\n" },
    conf: "rotate 2\nolddir old",
    options: { keep: 2, olddir: "old", mode: "nocreate" },
  },
  { name: "[06b] olddir absolute", files: { "app.log": "live\n", "../archive": { dir: true } }, conf: "rotate 2\nolddir $ROOT/archive", options: { keep: 2, olddir: "$ROOT/archive", mode: "nocreate" } },
  { name: "[06c] a missing olddir is refused", files: { "app.log": "live\n" }, conf: "rotate 2\nolddir old", options: { keep: 2, olddir: "old", mode: "nocreate" }, outcome: "fails" },
  {
    name: "[06d] createolddir 0750 root root",
    needs: ["root"],
    files: { "app.log": "live\n" },
    conf: "rotate 2\nolddir old\ncreateolddir 0750 root root",
    options: { keep: 2, olddir: "old", createolddir: { mode: 0o750, owner: "root", group: "root" }, mode: "nocreate" },
  },
  {
    name: "[06f] createolddir without a mode (DEVIATION: logrotate makes it 07777)",
    files: { "app.log": "live\n" },
    conf: "rotate 2\nolddir old\ncreateolddir",
    options: { keep: 2, olddir: "old", createolddir: true, mode: "nocreate" },
    deviation: {
      logrotate: [`old/ dir 7777 ${OWN}`, `old/app.log.1 644 ${OWN} live|`],
      rotor: [`old/ dir 755 ${OWN}`, `old/app.log.1 644 ${OWN} live|`],
    },
  },
  {
    name: "[06g] olddir + dateext + compress",
    needs: ["faketime"],
    files: { "app.log": "live\n", old: { dir: true } },
    conf: "rotate 2\nolddir old\ndateext\ncompress",
    options: { keep: 2, olddir: "old", dateext: true, compress: GZIP, mode: "nocreate" },
  },
  // 7. create, nocreate, copytruncate, copy, renamecopy
  { name: "[07a] create: the fresh log has the old one's mode and owner", needs: ["root"], files: { "app.log": { text: "live\n", mode: 0o604, uid: 1, gid: 4 } }, conf: "rotate 2\ncreate", options: { keep: 2 } },
  {
    name: "[07b] create 0640 root adm",
    needs: ["root"],
    files: { "app.log": { text: "live\n", mode: 0o644, uid: 1, gid: 1 } },
    conf: "rotate 2\ncreate 0640 root adm",
    options: { keep: 2, createMode: 0o640, owner: "root", group: "adm" },
  },
  { name: "[07c] create 0600", needs: ["root"], files: { "app.log": { text: "live\n", uid: 1, gid: 4 } }, conf: "rotate 2\ncreate 0600", options: { keep: 2, createMode: 0o600 } },
  { name: "[07e] nocreate", files: { "app.log": "live\n" }, conf: "rotate 2\nnocreate", options: { keep: 2, mode: "nocreate" } },
  {
    name: "[07f] copytruncate + compress: the copy has the live log's mode and owner",
    needs: ["root"],
    files: { "app.log": daemonLive },
    conf: "rotate 2\ncopytruncate\ncompress",
    options: { keep: 2, mode: "copytruncate", compress: GZIP },
  },
  {
    name: "[07f] copytruncate + compress with a plain .1 in the way (DEVIATION: logrotate moves it out of the chain to a .backup)",
    needs: ["root", "faketime"],
    files: { "app.log": daemonLive, "app.log.1": "v1\n" },
    conf: "rotate 2\ncopytruncate\ncompress",
    options: { keep: 2, mode: "copytruncate", compress: GZIP },
    deviation: {
      logrotate: ["app.log 640 1:4 ", `app.log.1-2026031510.backup 644 ${OWN} v1|`, "app.log.1.gz 640 1:4 gz[live|]"],
      rotor: ["app.log 640 1:4 ", "app.log.1.gz 640 1:4 gz[live|]", `app.log.2.gz 644 ${OWN} gz[v1|]`],
    },
  },
  { name: "[07g] copy leaves the live log as it was", files: { "app.log": "live\n" }, conf: "rotate 2\ncopy", options: { keep: 2, mode: "copy" } },
  {
    name: "[07h] renamecopy + create + compress: what prerotate and postrotate see",
    files: { "app.log": "live\n", "app.log.1.gz": { gz: "v1\n" } },
    conf: `rotate 2\nrenamecopy\ncreate\ncompress\n${block("prerotate", sl("prerotate"))}\n${block("postrotate", sl("postrotate"))}`,
    options: { keep: 2, mode: "renamecopy", compress: GZIP, scripts: { prerotate: sl("prerotate"), postrotate: sl("postrotate") } },
    scripts: true,
  },
  {
    name: "[07k] copytruncate + compress: what prerotate and postrotate see",
    files: { "app.log": "live\n" },
    conf: `rotate 2\ncopytruncate\ncompress\n${block("prerotate", sl("prerotate"))}\n${block("postrotate", sl("postrotate"))}`,
    options: { keep: 2, mode: "copytruncate", compress: GZIP, scripts: { prerotate: sl("prerotate"), postrotate: sl("postrotate") } },
    scripts: true,
  },
  // 8. rotate 0 / -1, maxage, conditions
  { name: "[08a] rotate 0 with create", files: { "app.log": "live\n", "app.log.1": "v1\n" }, conf: "rotate 0\ncreate", options: { keep: 0 } },
  {
    name: "[08b] rotate 0 + compress + postrotate",
    files: { "app.log": "live\n" },
    conf: `rotate 0\ncompress\n${block("postrotate", sl("postrotate"))}`,
    options: { keep: 0, compress: GZIP, mode: "nocreate", scripts: { postrotate: sl("postrotate") } },
    scripts: true,
  },
  {
    name: "[08c2] rotate -1 with a gap",
    files: { "app.log": "live\n", "app.log.1": "v1\n", "app.log.2": "v2\n", "app.log.7": "v7\n" },
    conf: "rotate -1",
    options: { keep: -1, mode: "nocreate" },
  },
  {
    name: "[08d] maxage 2 (real clock, mtimes in the past)",
    clock: "real",
    files: {
      "app.log": { text: "live\n", ageDays: 30 },
      "app.log.1": { text: "v1\n", ageDays: 1 },
      "app.log.2": { text: "v2\n", ageDays: 3 },
      "app.log.3": { text: "v3\n", ageDays: 10 },
      "app.log.9": { text: "v9\n", ageDays: 10 },
      "app.log.bak": { text: "bak\n", ageDays: 10 },
    },
    conf: "rotate 5\nmaxage 2",
    options: { keep: 5, maxage: 2, mode: "nocreate" },
  },
  {
    name: "[08e] maxage 2 + rotate -1 (real clock)",
    clock: "real",
    files: { "app.log": "live\n", "app.log.1": { text: "v1\n", ageDays: 1 }, "app.log.2": { text: "v2\n", ageDays: 3 }, "app.log.3": { text: "v3\n", ageDays: 10 } },
    conf: "rotate -1\nmaxage 2",
    options: { keep: -1, maxage: 2, mode: "nocreate" },
  },
  {
    name: "[08f] maxage 2 + dateext (real clock): by mtime, not by the date in the name",
    clock: "real",
    files: {
      "app.log": "live\n",
      "app.log-20200101": { text: "old-name-new-mtime\n", ageDays: 1 },
      "app.log-20200102": { text: "old-name-old-mtime\n", ageDays: 10 },
      "app.log-20990101": { text: "new-name-old-mtime\n", ageDays: 10 },
    },
    conf: "rotate 10\ndateext\nmaxage 2",
    options: { keep: 10, dateext: true, maxage: 2, mode: "nocreate" },
  },
  { name: "[08j] ifempty rotates an empty log", files: { "app.log": "" }, conf: "rotate 2\nifempty\ncreate", options: { keep: 2 } },
  { name: "[08k] notifempty skips an empty log", files: { "app.log": "", "app.log.1": "v1\n" }, conf: "rotate 2\nnotifempty", options: { keep: 2, ifempty: false }, outcome: "skips" },
  { name: "[08l] a missing log is an error", files: {}, conf: "rotate 2", options: { keep: 2 }, outcome: "fails" },
  { name: "[08m] missingok skips a missing log", files: { "app.log.1": "v1\n" }, conf: "rotate 2\nmissingok", options: { keep: 2, missingok: true }, outcome: "skips" },
  // 9. Scripts
  {
    name: "[09a] all five scripts: order, arguments and what each sees",
    files: { "app.log": "live\n", "app.log.1.gz": { gz: "v1\n" }, "app.log.2.gz": { gz: "v2\n" } },
    conf: ["rotate 2", "compress", ...["firstaction", "prerotate", "postrotate", "lastaction", "preremove"].map((s) => block(s, sl(s)))].join("\n"),
    options: {
      keep: 2,
      compress: GZIP,
      mode: "nocreate",
      scripts: { firstaction: sl("firstaction"), prerotate: sl("prerotate"), postrotate: sl("postrotate"), lastaction: sl("lastaction"), preremove: sl("preremove") },
    },
    scripts: true,
  },
  {
    name: "[09e] a failing prerotate: the chain is shifted, the log is not rotated, lastaction runs",
    files: { "app.log": "live\n", "app.log.1": "v1\n" },
    conf: `rotate 2\ncreate\n${block("prerotate", sl("prerotate", "; exit 1"))}\n${block("postrotate", sl("postrotate"))}\n${block("lastaction", sl("lastaction"))}`,
    options: { keep: 2, scripts: { prerotate: sl("prerotate", "; exit 1"), postrotate: sl("postrotate"), lastaction: sl("lastaction") } },
    outcome: "fails",
    scripts: true,
  },
  {
    name: "[09f] a failing postrotate, then a second run (DEVIATION: logrotate overwrites the plain .1 left by the first)",
    files: { "app.log": "live\n" },
    conf: `rotate 2\ncompress\ncreate\n${block("postrotate", "exit 1")}`,
    options: { keep: 2, compress: GZIP, scripts: { postrotate: "exit 1" } },
    runs: [{}, { write: { "app.log": "live2\n" } }],
    outcome: "fails",
    deviation: {
      logrotate: [`app.log 644 ${OWN} `, `app.log.1 644 ${OWN} live2|`],
      rotor: [`app.log 644 ${OWN} `, `app.log.1 644 ${OWN} live2|`, `app.log.2.gz 644 ${OWN} gz[live|]`],
    },
  },
  {
    name: "[09i] a failing preremove keeps the file",
    files: { "app.log": "live\n", "app.log.1": "v1\n", "app.log.2": "v2\n" },
    conf: `rotate 2\n${block("preremove", sl("preremove", "; exit 1"))}`,
    options: { keep: 2, mode: "nocreate", scripts: { preremove: sl("preremove", "; exit 1") } },
    outcome: "fails",
    scripts: true,
  },
  // 10. Safety rules
  { name: "[10a] a log with two hard links is skipped", files: { "app.log": "live\n", "other-link": { hardlinkOf: "app.log" } }, conf: "rotate 2", options: { keep: 2 }, outcome: "skips" },
  { name: "[10b] allowhardlink + create", files: { "app.log": "live\n", "other-link": { hardlinkOf: "app.log" } }, conf: "rotate 2\nallowhardlink\ncreate", options: { keep: 2, allowhardlink: true } },
  { name: "[10c] a log that is a symlink is skipped", files: { "app.log": { symlink: "real.log" }, "real.log": "live\n" }, conf: "rotate 2", options: { keep: 2 }, outcome: "skips" },
  { name: "[10d] a log in a world-writable directory is refused", files: { ".": { dir: true, mode: 0o777 }, "app.log": "live\n" }, conf: "rotate 2", options: { keep: 2 }, outcome: "fails" },
  {
    name: "[10f] a log in a 0775 root:adm directory is refused",
    needs: ["root"],
    files: { ".": { dir: true, mode: 0o775, uid: 0, gid: 4 }, "app.log": "live\n" },
    conf: "rotate 2",
    options: { keep: 2 },
    outcome: "fails",
  },
  {
    name: "[10g] a log in a world-writable directory with su root root",
    needs: ["root"],
    files: { ".": { dir: true, mode: 0o777 }, "app.log": "live\n" },
    conf: "rotate 2\nsu root root",
    options: { keep: 2, mode: "nocreate", su: { user: "root", group: "root" } },
  },
  // 11, 12. shred; a version path that is a directory
  { name: "[11a] shred", files: { "app.log": "live\n", "app.log.1": "v1\n", "app.log.2": "v2\n" }, conf: "rotate 1\nshred", options: { keep: 1, shred: true, mode: "nocreate" } },
  {
    name: "[12a] a directory named like a version (DEVIATION: logrotate shifts it along; rotor refuses, changing nothing)",
    files: { "app.log": "live\n", "app.log.1": "v1\n", "app.log.2": { dir: true }, "app.log.2/inside": "x\n" },
    conf: "rotate 3",
    options: { keep: 3, mode: "nocreate" },
    deviation: {
      outcomes: { logrotate: "rotates", rotor: "fails" },
      logrotate: [`app.log.1 644 ${OWN} live|`, `app.log.2 644 ${OWN} v1|`, `app.log.3/ dir 755 ${OWN}`, `app.log.3/inside 644 ${OWN} x|`],
      rotor: [`app.log 644 ${OWN} live|`, `app.log.1 644 ${OWN} v1|`, `app.log.2/ dir 755 ${OWN}`, `app.log.2/inside 644 ${OWN} x|`],
    },
  },
  {
    name: "[12b] a directory at the dispose slot: both refuse and change nothing",
    files: { "app.log": "live\n", "app.log.1": "v1\n", "app.log.2": "v2\n", "app.log.3": { dir: true }, "app.log.3/inside": "x\n" },
    conf: "rotate 2",
    options: { keep: 2, mode: "nocreate" },
    outcome: "fails",
  },
  // 13. Odd names
  ...['my app.log', 'it"s.log', "a'b.log", "$(touch PWNED).log"].map(
    (log): DiffCase => ({
      name: `[13a] an odd name reaches the scripts as one argument and is never expanded: ${log}`,
      files: { [log]: "live\n" },
      log,
      conf: `rotate 2\ncompress\n${block("prerotate", sl("prerotate"))}\n${block("postrotate", sl("postrotate"))}`,
      options: { keep: 2, compress: GZIP, mode: "nocreate", scripts: { prerotate: sl("prerotate"), postrotate: sl("postrotate") } },
      scripts: true,
    }),
  ),
];

/** Replaces `$ROOT` in every string of `value`. */
function withRoot<T>(value: T, root: string): T {
  return JSON.parse(JSON.stringify(value).replaceAll("$ROOT", root)) as T;
}

/** logrotate's config for one log, quoted as the experiments quoted odd names (13a). */
function configFor(root: string, c: DiffCase): string {
  const path = join(root, "logs", c.log ?? "app.log");
  const quoted = path.includes('"') ? `'${path}'` : `"${path}"`;
  return `${quoted} {\n${withRoot(c.conf, root)}\n}\n`;
}

/** The listing of a side, relative to its logs/ directory (siblings as ../name). */
function listSide(root: string): string[] {
  return diskListing(root, { skip: (name) => name === "scripts.out" || name === "PWNED" })
    .filter((line) => !line.startsWith("logs/ dir "))
    .map((line) => (line.startsWith("logs/") ? line.slice("logs/".length) : line));
}

function scriptsOut(root: string): string {
  const path = join(root, "scripts.out");
  return existsSync(path) ? readFileSync(path, "utf8").replaceAll(root, "$ROOT") : "";
}

function runLogrotate(root: string, state: string, conf: string, at: string | null): Outcome {
  const args = ["-f", "-s", state, conf];
  // `-f`: logrotate's clock stands still at `at`, as rotor's virtual clock does; a plain
  // faketime clock runs on from `at`, so a slow start on a loaded machine moved `%s` names.
  const result = at === null ? spawnSync(LOGROTATE, args, { cwd: root }) : spawnSync("faketime", ["-f", at, LOGROTATE, ...args], { cwd: root });
  if (result.status !== 0 && result.status !== 1) throw new Error(`logrotate exited with ${result.status}: ${result.stderr}`);
  return result.status === 0 ? "rotates" : "fails";
}

async function runRotor(root: string, c: DiffCase, at: number): Promise<Outcome> {
  try {
    const report = await rotateFile(join(root, "logs", c.log ?? "app.log"), { ...withRoot(c.options, root), clock: new VirtualClock({ autojump: true, start: at }) });
    return report.errors.length > 0 ? "fails" : report.rotated ? "rotates" : "skips";
  } catch {
    return "fails";
  }
}

/** faketime's local-time string as epoch ms (both sides read it in the local time zone). */
const localTime = (text: string): number => new Date(text.replace(" ", "T")).getTime();

async function check(c: DiffCase): Promise<void> {
  const [lr, rr] = [makeTempDir("lr"), makeTempDir("rotor")];
  const stateDir = makeTempDir("lr-state");
  const conf = join(stateDir, "conf");
  writeFileSync(conf, configFor(lr, c), { mode: 0o644 });
  const realNow = Date.now();
  for (const root of [lr, rr]) {
    mkdirSync(join(root, "logs"));
    chmodSync(join(root, "logs"), 0o755);
    putDiskFiles(join(root, "logs"), c.files, realNow);
  }
  expect(listSide(rr), "both sides start equal").toEqual(listSide(lr));
  const runs = c.runs ?? [{}];
  for (const [i, r] of runs.entries()) {
    const label = `run ${i + 1}`;
    for (const root of [lr, rr]) if (r.write) putDiskFiles(join(root, "logs"), r.write, realNow);
    // Without faketime (cases that do not need it) both sides read the real clock.
    const fake = c.clock !== "real" && HAS_FAKETIME;
    const at = r.at ?? NOW;
    const lrOutcome = runLogrotate(lr, join(stateDir, "state"), conf, fake ? at : null);
    const rotorOutcome = await runRotor(rr, c, fake ? localTime(at) : Date.now());
    const last = i === runs.length - 1;
    if (last && c.deviation) {
      const outcomes = c.deviation.outcomes ?? { logrotate: c.outcome ?? "rotates", rotor: c.outcome ?? "rotates" };
      expect(lrOutcome, `${label}: logrotate's outcome`).toBe(outcomes.logrotate === "skips" ? "rotates" : outcomes.logrotate);
      expect(rotorOutcome, `${label}: rotor's outcome`).toBe(outcomes.rotor);
      expect(listSide(lr), `${label}: logrotate's documented result`).toEqual(c.deviation.logrotate);
      expect(listSide(rr), `${label}: rotor's documented result`).toEqual(c.deviation.rotor);
    } else {
      const expected = r.outcome ?? c.outcome ?? "rotates";
      expect(lrOutcome, `${label}: logrotate's outcome`).toBe(expected === "skips" ? "rotates" : expected);
      expect(rotorOutcome, `${label}: rotor's outcome`).toBe(expected);
      expect(listSide(rr), `${label}: rotor's listing against logrotate's`).toEqual(listSide(lr));
    }
  }
  if (c.scripts) {
    // logrotate's first/lastaction get the block's raw pattern text, quotes and a trailing
    // space included (rule 25: `"$ROOT/logs/app.log" `); rotor, which rotates one log and has
    // no pattern, gives them the log's path. That is the only difference allowed here.
    const logrotateSaw = scriptsOut(lr).replace(/^((?:first|last)action 1=\[)"([^"]*)" \]/gm, "$1$2]");
    expect(scriptsOut(rr)).toEqual(logrotateSaw);
    expect(scriptsOut(rr)).not.toBe("");
  }
  for (const root of [lr, rr]) expect(existsSync(join(root, "PWNED")) || existsSync(join(root, "logs", "PWNED")), "no name was expanded").toBe(false);
}

describe("rotor and logrotate 3.21 on the same files", () => {
  beforeAll(() => {
    if (!existsSync(LOGROTATE)) throw new Error(`${LOGROTATE} is missing: the differential tests need the real logrotate. Install it with \`apt-get install -y logrotate\` (CI does).`);
  });
  afterAll(cleanupTempDirs);

  for (const c of cases) {
    const missing = [...(c.needs ?? []), ...(c.runs?.some((r) => r.at) || c.needs?.includes("faketime") ? ["faketime" as const] : [])].filter(
      (need) => (need === "faketime" && !HAS_FAKETIME) || (need === "root" && !IS_ROOT),
    );
    const why = missing.map((need) => (need === "faketime" ? "faketime is not installed (apt-get install -y faketime)" : "needs root to give files to daemon:adm")).join("; ");
    it.skipIf(missing.length > 0)(missing.length > 0 ? `${c.name} — skipped: ${why}` : c.name, () => check(c));
  }

  it("finds no file created by a name's $(...) outside the temporary directories", () => {
    expect(existsSync(join(process.cwd(), "PWNED"))).toBe(false);
  });
});
