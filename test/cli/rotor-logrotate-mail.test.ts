/**
 * `mail`, `mailfirst`, `maillast` against Debian's logrotate 3.21: the `-m` command is a
 * script that appends its argv and stdin to `mail.out` (beside the scripts' own output), so
 * the comparison covers what is mailed, with which subject, uncompressed or not, and in which
 * order with preremove (docs/logrotate-behaviour.md 15a-15h).
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

const RECORDER = `#!/bin/sh\n{ printf '[%s]' "$0" "$@"; echo; cat; echo "--"; } >> "$(dirname "$0")/out"\n`;
const FAILING = `#!/bin/sh\ncat > /dev/null; echo "mail [$*]" >> "$(dirname "$0")/out"; exit 3\n`;
// Its own record file: it runs while the mailer reads from it, so a shared one would interleave.
const UNCOMPRESS = `#!/bin/sh\necho "uncompress [$*]" >> "$(dirname "$0")/uncompressed"; exec gzip -dc\n`;
const PREREMOVE = `\n  preremove\n    echo "preremove [$1]" >> $W/out\n  endscript`;
const LASTACTION = `\n  lastaction\n    echo "lastaction" >> $W/out\n  endscript`;

/** Versions by name: a `.gz` name gets real gzip data; `old` ones are given an mtime 3 days ago. */
function setup(block: string, files: Record<string, string>, mailer = RECORDER, pattern = "$W/logs/app.log", old: string[] = []): (work: string) => void {
  return (work) => {
    mkdirSync(join(work, "logs"));
    for (const [name, content] of Object.entries(files)) {
      const path = join(work, "logs", name);
      writeFileSync(path, name.endsWith(".gz") ? gzipSync(content) : content, { mode: 0o644 });
      if (old.includes(name)) utimesSync(path, new Date(Date.now() - 3 * 86_400_000), new Date(Date.now() - 3 * 86_400_000));
    }
    for (const [name, text] of [["mailer", mailer], ["uncompress", UNCOMPRESS]]) writeFileSync(join(work, name!), text!, { mode: 0o755 });
    writeFileSync(join(work, "conf"), `${pattern} {\n${block}\n}\n`.replaceAll("$W", work));
  };
}

interface Case {
  name: string;
  block: string;
  files: Record<string, string>;
  mailer?: string;
  pattern?: string;
  old?: string[];
  code?: number;
  /** Whether anything is mailed (default true). */
  mails?: boolean;
  /** Run on the real clock: maxage compares real mtimes, which faketime does not move (08d). */
  realClock?: boolean;
}

const live = { "app.log": "live\n" };
const cases: Case[] = [
  { name: "mails the version about to be removed, uncompressed, before its preremove (maillast, compress)", block: `  rotate 2\n  compress\n  mail me@example.org${PREREMOVE}`, files: { ...live, "app.log.1.gz": "v1\n", "app.log.2.gz": "v2\n" } },
  { name: "mails the version about to be removed as it is, without compress", block: `  rotate 2\n  mail me@example.org${PREREMOVE}`, files: { ...live, "app.log.1": "v1\n", "app.log.2": "v2\n" } },
  { name: "mails nothing when no version is removed (maillast)", block: `  rotate 3\n  mail me@example.org`, files: { ...live, "app.log.1": "v1\n" }, mails: false },
  { name: "mails the just-rotated version after its compression, with the log as subject (mailfirst, compress)", block: `  rotate 2\n  compress\n  mailfirst\n  mail me@example.org${PREREMOVE}\n  postrotate\n    echo "postrotate" >> $W/out\n  endscript`, files: { ...live, "app.log.1.gz": "v1\n", "app.log.2.gz": "v2\n" } },
  { name: "mails the just-rotated version even when nothing is removed (mailfirst)", block: `  rotate 3\n  mailfirst\n  mail me@example.org`, files: { ...live, "app.log.1": "v1\n" } },
  { name: "mails the delayed, plain version as it is (mailfirst, compress, delaycompress)", block: `  rotate 2\n  compress\n  delaycompress\n  mailfirst\n  mail me@example.org`, files: { ...live, "app.log.1": "v1\n", "app.log.2.gz": "v2\n" } },
  { name: "mails the removed version uncompressed with delaycompress (maillast)", block: `  rotate 2\n  compress\n  delaycompress\n  mail me@example.org`, files: { ...live, "app.log.1": "v1\n", "app.log.2.gz": "v2\n" } },
  { name: "mails the only version under rotate 0 before dropping it", block: `  rotate 0\n  mail me@example.org`, files: live },
  { name: "mails the only version once under rotate 0 with mailfirst and compress", block: `  rotate 0\n  compress\n  mailfirst\n  mail me@example.org`, files: live },
  { name: "mails the disposed version with copytruncate and compress", block: `  rotate 1\n  copytruncate\n  compress\n  mail me@example.org${PREREMOVE}`, files: { ...live, "app.log.1.gz": "v1\n" } },
  { name: "mails each excess dated version before its preremove, oldest first (dateext)", block: `  rotate 1\n  dateext\n  mail me@example.org${PREREMOVE}`, files: { ...live, "app.log-20260310": "d10\n", "app.log-20260311": "d11\n", "app.log-20260312": "d12\n" } },
  {
    name: "mails the early removals and then the new version through uncompresscmd, all with the log as subject (mailfirst, dateext, compress)",
    block: `  rotate 1\n  dateext\n  compress\n  mailfirst\n  uncompresscmd $W/uncompress\n  mail me@example.org`,
    files: { ...live, "app.log-20260310.gz": "d10\n", "app.log-20260311.gz": "d11\n", "app.log-20260312.gz": "d12\n" },
  },
  { name: "mails a version that maxage expires before removing it", block: `  rotate 3\n  maxage 1\n  mail me@example.org`, files: { ...live, "app.log.1": "v1\n", "app.log.2": "v2\n" }, old: ["app.log.1"], realClock: true },
  { name: "mails each log's removed version with sharedscripts", block: `  rotate 1\n  sharedscripts\n  mail me@example.org${LASTACTION}`, files: { "a.log": "a\n", "a.log.1": "a1\n", "b.log": "b\n", "b.log.1": "b1\n" }, pattern: "$W/logs/*.log" },
  { name: "keeps the version whose mail failed, with exit code 1, and runs lastaction", block: `  rotate 1\n  mail me@example.org${PREREMOVE}${LASTACTION}`, files: { ...live, "app.log.1": "v1\n" }, mailer: FAILING, code: 1 },
  { name: "stops the log's rotation when the mail of an early removal fails, and runs lastaction", block: `  rotate 1\n  dateext\n  mail me@example.org${LASTACTION}`, files: { ...live, "app.log-20260310": "d10\n", "app.log-20260311": "d11\n" }, mailer: FAILING, code: 1 },
];

describe.skipIf(!HAS_FAKETIME)("rotor-logrotate -m mails what logrotate -m mails", () => {
  it.each(cases)("$name", async (c) => {
    const dir = scratch();
    dirs.push(dir);
    const fixture = setup(c.block, c.files, c.mailer, c.pattern, c.old);
    const flags = ["-f", "-m", join(dir, "work", "mailer")];
    const result = c.realClock ? await runBoth(dir, fixture, flags) : runBothAt(dir, "2026-03-15 10:00:00", fixture, flags);
    expect(result.rotor.files).toEqual(result.logrotate.files);
    expect(result.rotor.code, result.rotor.stderr).toBe(result.logrotate.code);
    expect(result.rotor.code).toBe(c.code ?? 0);
    expect(stateDifferences(result.logrotate.state, result.rotor.state)).toEqual([]);
    if (c.mailer === FAILING) expect(result.rotor.stderr).toMatch(/^error: mail command failed for \/.*$/m);
    else if (c.mails === false) expect(result.rotor.files["out"]).toBeUndefined();
    else expect(result.rotor.files["out"]).toMatch(/\]\[-s\]\[/);
  });
});
