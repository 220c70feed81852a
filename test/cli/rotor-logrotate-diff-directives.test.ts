/**
 * rotor-logrotate against Debian's logrotate 3.21, third part: one small config per
 * directive not covered by the other differential files (naming, compression commands,
 * conditions, scripts, duplicates), each compared on files, modes, contents, owners, the
 * scripts' output, the state and the exit code.
 */
import { mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { HAS_FAKETIME, runBoth, runBothAt, scratch, stateDifferences } from "./support/logrotate-diff.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Case {
  name: string;
  /** The block's body for `$W/logs/app.log`, or a whole config when it starts with `$W`/a directive line. */
  body: string;
  files: Record<string, string>;
  /** Files given an mtime three days ago (maxage, minage). */
  old?: string[];
  /** Run under faketime at this instant (dated names); else the real clock. */
  at?: string;
  flags?: string[];
  code?: number;
  /** A line both must print. */
  stderr?: RegExp;
}

const live = { "app.log": "live\n" };
const SCRIPT = (stage: string) => `\n  ${stage}\n    echo "${stage} [$1] [$2]" >> $W/out\n  endscript`;
const cases: Case[] = [
  { name: "start 0 numbers versions from .0", body: "  rotate 2\n  start 0", files: { ...live, "app.log.0": "v0\n", "app.log.1": "v1\n" } },
  { name: "start 5 leaves lower numbers alone", body: "  rotate 2\n  start 5", files: { ...live, "app.log.5": "v5\n", "app.log.1": "v1\n" } },
  { name: "extension keeps the ending after the number", body: "  rotate 2\n  extension .log\n  compress", files: { ...live, "app.1.log.gz": "v1\n" } },
  { name: "addextension adds the ending", body: "  rotate 2\n  addextension .txt", files: live },
  { name: "compresscmd, compressoptions and compressext", body: "  rotate 2\n  compress\n  compresscmd /bin/gzip\n  compressoptions -9\n  compressext .gz", files: { ...live, "app.log.1.gz": "v1\n" } },
  { name: "nocompress after compress, with a compressed version around", body: "  rotate 2\n  compress\n  nocompress", files: { ...live, "app.log.1": "v1\n", "app.log.2.gz": "v2\n" } },
  { name: "nocreate leaves no live log", body: "  rotate 1\n  create\n  nocreate", files: live },
  { name: "create with a mode only", body: "  rotate 1\n  create 0600", files: live },
  { name: "ifempty rotates an empty log", body: "  rotate 1\n  ifempty", files: { "app.log": "" } },
  { name: "maxage removes old versions while shifting", body: "  rotate 5\n  maxage 1", files: { ...live, "app.log.1": "v1\n", "app.log.2": "v2\n" }, old: ["app.log.2"] },
  { name: "minage keeps a fresh log without -f", body: "  daily\n  minage 1", files: live, flags: [] },
  { name: "maxsize rotates a big log without -f even on its first sight", body: "  daily\n  maxsize 1\n  rotate 1", files: live, flags: [] },
  { name: "preremove runs for the disposed version and the compressed source", body: `  rotate 1\n  compress${SCRIPT("preremove")}`, files: { ...live, "app.log.1.gz": "v1\n" } },
  { name: "a failing preremove keeps the version, exit 1", body: "  rotate 1\n  preremove\n    exit 1\n  endscript", files: { ...live, "app.log.1": "v1\n" }, code: 1 },
  { name: "a failing postrotate skips compression, lastaction still runs", body: `  rotate 1\n  compress\n  postrotate\n    exit 1\n  endscript${SCRIPT("lastaction")}`, files: live, code: 1 },
  { name: "the deprecated errors directive alone is a warning in logrotate's words, exit 0", body: "  rotate 1\n  errors", files: live, stderr: /^warning: .*conf: 3: the errors directive is deprecated and no longer used\.$/m },
  { name: "dateext with dateformat and dateyesterday", body: "  rotate 2\n  dateext\n  dateformat -%Y-%m-%d\n  dateyesterday", files: { ...live, "app.log-2026-03-10": "d10\n" }, at: "2026-03-15 10:00:00" },
  { name: "hourly dateext with datehourago at midnight", body: "  hourly\n  rotate 2\n  dateext\n  datehourago", files: live, at: "2026-03-15 00:30:00" },
  { name: "dateext with compress, delaycompress and extension", body: "  rotate 2\n  dateext\n  compress\n  delaycompress\n  extension .log", files: { ...live, "app-20260314.log": "d14\n", "app-20260313.log.gz": "d13\n" }, at: "2026-03-15 10:00:00" },
];

const configs: Case[] = [
  // logrotate's `errors` takes no value: the address is read as a keyword and fails the block.
  { name: "the deprecated errors directive with an address fails its block, exit 1", body: "$W/logs/app.log {\n  rotate 1\n  errors root@localhost\n}\n$W/logs/b.log {\n  rotate 1\n}\n", files: { ...live, "b.log": "b\n" }, code: 1 },
  { name: "ignoreduplicates drops a later block's duplicate quietly", body: "ignoreduplicates\n$W/logs/app.log {\n  rotate 1\n}\n$W/logs/app.log $W/logs/b.log {\n  rotate 2\n}\n", files: { ...live, "b.log": "b\n" } },
  { name: "a duplicate without ignoreduplicates is an error, the rest of the block stays", body: "$W/logs/app.log {\n  rotate 1\n}\n$W/logs/app.log $W/logs/b.log {\n  rotate 2\n}\n", files: { ...live, "b.log": "b\n" }, code: 1 },
  { name: "global directives apply to the blocks after them only", body: "compress\n$W/logs/app.log {\n  rotate 1\n}\nnocompress\n$W/logs/b.log {\n  rotate 1\n}\n", files: { ...live, "b.log": "b\n" } },
];

function fixture(c: Case, whole: boolean): (work: string) => void {
  return (work) => {
    mkdirSync(join(work, "logs"));
    for (const [name, content] of Object.entries(c.files)) {
      const path = join(work, "logs", name);
      writeFileSync(path, name.endsWith(".gz") ? gzipSync(content) : content, { mode: 0o644 });
      if (c.old?.includes(name)) utimesSync(path, new Date(Date.now() - 3 * 86_400_000), new Date(Date.now() - 3 * 86_400_000));
    }
    const conf = whole ? c.body : `$W/logs/app.log {\n${c.body}\n}\n`;
    writeFileSync(join(work, "conf"), conf.replaceAll("$W", work));
  };
}

describe("rotor-logrotate gives what logrotate gives, directive by directive", () => {
  const rows = [...cases.map((c) => ({ name: c.name, c, whole: false })), ...configs.map((c) => ({ name: c.name, c, whole: true }))];
  it.each(rows)("$name", async ({ c, whole }) => {
    if (c.at && !HAS_FAKETIME) return;
    const dir = scratch();
    dirs.push(dir);
    const flags = c.flags ?? ["-f"];
    const result = c.at ? runBothAt(dir, c.at, fixture(c, whole), flags) : await runBoth(dir, fixture(c, whole), flags);
    expect(result.rotor.files).toEqual(result.logrotate.files);
    expect(result.rotor.owners).toEqual(result.logrotate.owners);
    expect(result.rotor.code, result.rotor.stderr).toBe(result.logrotate.code);
    expect(result.rotor.code).toBe(c.code ?? 0);
    expect(stateDifferences(result.logrotate.state, result.rotor.state)).toEqual([]);
    if (c.stderr) {
      expect(result.logrotate.stderr).toMatch(c.stderr);
      expect(result.rotor.stderr).toMatch(c.stderr);
    }
  });
});
