/**
 * rotor-logrotate's `-v`, `-l FILE` and `-l syslog` against logrotate 3.21's: the lines that
 * carry issue 4's key phrases ("reading config file", "Handling N logs", "rotating pattern:",
 * "considering log", "log needs rotating", "log does not need rotating", "renaming",
 * "compressing log with", "removing old log", and the other step lines) must come out the
 * same and in the same order. logrotate's extra detail is normalised away first: the no-op
 * renames of missing slots ("old log X does not exist"), the "(rotatecount ...)" suffix, the
 * dateext and state bookkeeping lines, and the compressor's path (rotor's gzip is built in).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { createSyslogSink } from "../../src/cli/logrotate/syslog.js";
import { runBoth, scratch } from "./support/logrotate-diff.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const KEY = /^(reading config file|Handling \d+ logs|rotating pattern:|olddir is (?!now)|empty log files|considering log|log needs rotating|log does not need rotating|rotating log|renaming|copying|truncating|creating new|compressing log with|removing old log|running .* script)/;

/** The key lines of a -v output, logrotate's detail normalised away. */
function keyLines(output: string): string[] {
  const lines = output.split("\n").map((line) => line.trim());
  const kept: string[] = [];
  for (const [i, line] of lines.entries()) {
    // logrotate renames slots that do not exist, then says so; rotor plans no such rename.
    if (line.startsWith("renaming ") && lines[i + 1]?.startsWith("old log ")) continue;
    if (!KEY.test(line)) continue;
    kept.push(line.replace(/ \(rotatecount \d+, logstart \d+, i \d+\),$/, "").replace(/^(compressing log with:).*/, "$1"));
  }
  return kept;
}

function setup(conf: string, files: Record<string, string>): (work: string) => void {
  return (work) => {
    mkdirSync(join(work, "logs"));
    for (const name of Object.keys(files)) mkdirSync(join(work, "logs", name, ".."), { recursive: true });
    for (const [name, content] of Object.entries(files)) writeFileSync(join(work, "logs", name), name.endsWith(".gz") ? gzipSync(content) : content, { mode: 0o644 });
    writeFileSync(join(work, "conf"), conf.replaceAll("$W", work));
  };
}

const cases: Array<{ name: string; conf: string; files: Record<string, string>; flags?: string[] }> = [
  { name: "a numbered rotation with compress and scripts", conf: `$W/logs/app.log {\n  rotate 2\n  compress\n  create 0640\n  postrotate\n    true\n  endscript\n}\n`, files: { "app.log": "x\n", "app.log.1.gz": "1\n", "app.log.2.gz": "2\n" } },
  { name: "copytruncate with olddir, notifempty and a missing log", conf: `$W/logs/app.log $W/logs/gone.log {\n  rotate 1\n  copytruncate\n  olddir $W/logs/old\n  notifempty\n  missingok\n}\n`, files: { "app.log": "x\n", "old/app.log.1": "1\n" } },
  { name: "blocks that are not due, by size and by time", conf: `$W/logs/a.log {\n  size 1k\n}\n$W/logs/b.log {\n  daily\n  rotate -1\n  minsize 1\n  mail me@example.org\n}\n`, files: { "a.log": "x\n", "b.log": "x\n" } },
  // dateext: logrotate -d prints the renames of every numbered slot, present or not (docs 17d).
  { name: "-d says the same as -v and changes nothing", conf: `$W/logs/app.log {\n  rotate 1\n  dateext\n  compress\n  postrotate\n    true\n  endscript\n}\n`, files: { "app.log": "x\n" }, flags: ["-d", "-f"] },
  // logrotate -d also checks the version to dispose of on the unchanged disk (docs 17d).
];

describe("rotor-logrotate -v says what logrotate -v says", () => {
  it.each(cases)("$name", async (c) => {
    const dir = scratch();
    dirs.push(dir);
    const flags = c.flags ?? (c.name.startsWith("blocks") ? ["-v"] : ["-v", "-f"]);
    const result = await runBoth(dir, setup(c.conf, c.files), flags);
    expect(keyLines(result.rotor.stderr)).toEqual(keyLines(result.logrotate.stderr));
    expect(result.rotor.files).toEqual(result.logrotate.files);
    expect(keyLines(result.rotor.stderr).length).toBeGreaterThan(4);
  });
});

describe("rotor-logrotate -l", () => {
  it("writes every message to the -l file, debug lines too without -v, and starts the file afresh, as logrotate", async () => {
    const dir = scratch();
    dirs.push(dir);
    const log = join(dir, "messages");
    const base = setup(`$W/logs/app.log $W/logs/missing.log {\n  rotate 1\n}\n`, { "app.log": "x\n" });
    let runs = 0;
    // The fixture is set up again before rotor's run: keep what logrotate wrote by then.
    const fixture = (work: string) => {
      if (runs++ === 1) writeFileSync(`${log}.logrotate`, readFileSync(log));
      base(work);
    };
    writeFileSync(log, "an older run\n");
    const result = await runBoth(dir, fixture, ["-f", "-l", log]);
    const logrotate = readFileSync(`${log}.logrotate`, "utf8");
    const rotor = readFileSync(log, "utf8");
    expect(logrotate).not.toContain("an older run");
    expect(rotor).not.toContain("an older run");
    expect(keyLines(rotor)).toEqual(keyLines(logrotate));
    expect(rotor).toMatch(/^error: stat of .*missing\.log failed: No such file or directory$/m);
    expect(keyLines(rotor)).toContain("log needs rotating");
    expect(result.rotor.stderr).not.toContain("log needs rotating");
  });

  it("hands syslog lines to logger in order, with logrotate's tag and priorities", async () => {
    const dir = scratch();
    dirs.push(dir);
    const logger = join(dir, "logger");
    writeFileSync(logger, `#!/bin/sh\n{ echo "$*"; cat; } > "${dir}/syslog"\n`, { mode: 0o755 });
    const sink = createSyslogSink(logger);
    sink.write("debug", "considering log /x/app.log");
    sink.write("debug", "");
    sink.write("error", "stat of /x/app.log failed: No such file or directory");
    await sink.close();
    expect(readFileSync(join(dir, "syslog"), "utf8")).toBe("-t logrotate --prio-prefix --socket-errors=off\n<14>considering log /x/app.log\n<11>stat of /x/app.log failed: No such file or directory\n");
  });
});
