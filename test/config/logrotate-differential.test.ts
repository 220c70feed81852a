/**
 * The parser against the real logrotate 3.21 (`.ci/run` installs it; skipped where it is
 * missing or we are not root). For each config: logrotate exits 1 exactly when the parser
 * reports errors, it reads the same blocks in the same order, and what its debug output
 * says about each block (pattern text, criterion, count, olddir, ifempty, minsize, maxsize,
 * mail) is what the model says.
 */
import { chmodSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { createNodeAccounts, createNodeReader, parseLogrotate } from "../../src/config/index.js";
import { describeLog, haveLogrotate, runLogrotate, scratch, type Scratch } from "./support/real-logrotate.js";

interface Case {
  name: string;
  config: string;
  files?: Record<string, string>;
}

const L = "@D/logs";

const cases: Case[] = [
  { name: "globals, inheritance and overrides", config: `rotate 4\nweekly\n${L}/a.log {\n  rotate 2\n  daily\n}\nrotate 6\nnotifempty\n${L}/b.log ${L}/c.log {\n  minsize 1k\n}\n` },
  { name: "every frequency", config: `${L}/a.log {\n hourly\n}\n${L}/b.log {\n monthly\n}\n${L}/c.log {\n yearly\n}\n${L}/d.log {\n weekly 3\n}\n` },
  { name: "sizes and units", config: `${L}/a.log {\n size 10k\n}\n${L}/b.log {\n size 0x1M\n maxsize 2G\n}\n${L}/c.log {\n daily\n size 5\n}\n${L}/d.log {\n size 5\n daily\n}\n` },
  { name: "counts as strtoul and int read them", config: `${L}/a.log {\n rotate 010\n}\n${L}/b.log {\n rotate 4294967295\n}\n${L}/c.log {\n rotate 0x10\n}\n${L}/d.log {\n rotate 4294967296\n}\n` },
  { name: "olddir, mail, flags on one line", config: `${L}/a.log {\n olddir /tmp\n mail root@localhost\n missingok notifempty\n compress delaycompress\n}\n` },
  { name: "quoted paths and a glob", config: `missingok\n"${L}/x y.log" '${L}/p q.log' ${L}/r\\ s.log {\n}\n"${L}/*.log" {\n}\n` },
  { name: "scripts, shared", config: `${L}/a.log ${L}/b.log {\n sharedscripts\n postrotate\n   echo "}" # {\n endscript\n rotate 1\n}\n` },
  { name: "unknown directive (warning)", config: `${L}/a.log {\n rotate 3\n bogus 1 2\n compress nonsense\n}\n` },
  { name: "text after } (warning)", config: `${L}/a.log {\n} junk\n${L}/b.log {\n}\n` },
  { name: "stray endscript (warning)", config: `endscript\n${L}/a.log {\n}\n` },
  { name: "missing } at the end (accepted)", config: `${L}/a.log {\n rotate 1\n` },
  { name: "bad count in a block", config: `${L}/a.log {\n rotate abc\n}\n${L}/b.log {\n rotate 2\n}\n` },
  { name: "bad count outside blocks", config: `${L}/a.log {\n}\nrotate abc\n${L}/b.log {\n}\n` },
  { name: "missing value swallows the next block", config: `${L}/a.log {\n rotate\n}\n${L}/b.log {\n}\n${L}/c.log {\n}\n` },
  { name: "indented } does not end the skip", config: `${L}/a.log {\n rotate abc\n  }\n${L}/b.log {\n}\n${L}/c.log {\n}\n` },
  { name: "nested block", config: `${L}/a.log {\n ${L}/b.log {\n  rotate 2\n }\n}\n${L}/c.log {\n rotate 3\n}\n` },
  { name: "} outside a block", config: `${L}/a.log {\n}\n}\n${L}/b.log {\n}\n` },
  { name: "paths without {", config: `${L}/a.log\n rotate 1\n` },
  { name: "script without endscript", config: `${L}/a.log {\n}\n${L}/b.log {\n postrotate\n  echo\n}\n` },
  { name: "duplicate log", config: `${L}/a.log {\n}\n${L}/a.log ${L}/b.log {\n rotate 5\n}\n` },
  { name: "a dropped block's paths are free again", config: `${L}/a.log {\n rotate abc\n}\n${L}/a.log {\n}\n` },
  { name: "ignoreduplicates", config: `ignoreduplicates\n${L}/a.log {\n}\n${L}/a.log ${L}/b.log {\n}\n` },
  { name: "bad weekly stops the file", config: `${L}/a.log {\n}\n${L}/b.log {\n weekly 8\n}\n${L}/c.log {\n}\n` },
  { name: "bad size unit", config: `${L}/a.log {\n size 1m\n}\n${L}/b.log {\n size 1kb\n}\n${L}/c.log {\n}\n` },
  { name: "size without value (warning)", config: `${L}/a.log {\n size\n}\n` },
  { name: "keyword not separated", config: `${L}/a.log {\n rotate5\n}\n${L}/b.log {\n}\n` },
  { name: "create and su with real accounts", config: `${L}/a.log {\n create 0640 root root\n su root root\n}\n${L}/b.log {\n create 0640 nosuchuserx\n}\n${L}/c.log {\n su root\n}\n${L}/d.log {\n}\n` },
  { name: "tabooext inside a block", config: `${L}/a.log {\n tabooext .x\n}\n${L}/b.log {\n}\n` },
  { name: "compressoptions and compresscmd", config: `${L}/a.log {\n compress\n compresscmd /usr/bin/xz\n compressoptions -9\n}\n${L}/b.log {\n compresscmd /usr/bin/xz -9\n}\n${L}/c.log {\n}\n` },
  {
    name: "include directory, taboo, sorted, globals undone on error",
    config: `tabooext + .conf\ntaboopat + *.skip\ninclude @D/inc\n${L}/d.log {\n}\n`,
    files: { "inc/b": `${L}/b.log {\n}\n`, "inc/a": `rotate 7\n${L}/a.log {\n}\nrotate abc\n`, "inc/c.conf": `${L}/c.log {\n}\n`, "inc/c.skip": `${L}/c.log {\n}\n` },
  },
  {
    name: "a block's error undoes its file's globals for the files read after it",
    config: `include @D/inc\n${L}/d.log {\n}\n`,
    files: { "inc/a": `rotate 7\ncompress\n${L}/a.log {\n}\n${L}/x.log {\n rotate abc\n}\n`, "inc/b": `${L}/b.log {\n}\n` },
  },
  { name: "include of a missing file", config: `include @D/nope\n${L}/a.log {\n}\n` },
  { name: "include inside a block", config: `${L}/a.log {\n include @D/inc\n}\n${L}/b.log {\n}\n`, files: { inc: "rotate 9\nnotifempty\n" } },
  { name: "text after endscript is read as directives", config: `${L}/a.log {\n prerotate\n  x\n endscript compress\n}\n` },
  { name: "# after a path is more paths", config: `missingok\n${L}/a.log # note {\n}\n` },
  { name: "a value runs to the end of the line, } included", config: `${L}/a.log { rotate 1 }\n${L}/b.log {\n}\n${L}/c.log {\n}\n` },
  { name: "scripts outside blocks are inherited", config: `postrotate\n echo hi\nendscript\n${L}/a.log {\n}\n` },
  { name: "skip over blank lines, comments and a script's }", config: `${L}/a.log {\n rotate abc\n\n # }\n foo }\n postrotate\n}\n endscript\n}\n${L}/b.log {\n}\n` },
  { name: "text after the skip's } is read as globals", config: `${L}/a.log {\n rotate abc\n} rotate 5\n${L}/b.log {\n}\n` },
  { name: "the file ends during the skip: the block is kept", config: `${L}/a.log {\n rotate abc\n` },
  { name: "empty path list", config: `"" {\n}\n` },
  { name: "relative path", config: `logs/a.log {\n}\n` },
  { name: "glob at the start of a line", config: `${L}/a.log {\n}\n*.log {\n}\n` },
  { name: "unterminated quote", config: `missingok\n"${L}/a.log {\n}\n` },
  { name: "{ on the next line, {} and directives after {", config: `${L}/a.log\n{\n rotate 1\n}\n${L}/b.log {missingok\n}\n${L}/c.log {}\n` },
  { name: "errors is deprecated", config: `${L}/a.log {\n errors root\n}\n` },
  { name: "daily 5 and compress=1", config: `${L}/a.log {\n daily 5\n}\n${L}/b.log {\n compress=1\n}\n${L}/c.log {\n}\n` },
  {
    name: "taboopat without + replaces the extensions too",
    config: `tabooext + .conf\ntaboopat a*\ninclude @D/inc\n`,
    files: { "inc/a.x": `${L}/a.log {\n}\n`, "inc/b.conf": `${L}/b.log {\n}\n`, "inc/c.rpmsave": `${L}/c.log {\n}\n` },
  },
];

const scratches: Scratch[] = [];
afterAll(() => scratches.forEach((s) => s.remove()));

describe.skipIf(!haveLogrotate)("the parser against logrotate 3.21", () => {
  it.each(cases)("agrees on: $name", ({ config, files }) => {
    const s = scratch(config, files);
    scratches.push(s);
    const real = runLogrotate(s);
    const ours = parseLogrotate([s.conf], { reader: createNodeReader(), accounts: createNodeAccounts() });
    const context = `logrotate's output:\n${real.output}\nrotor's errors: ${ours.errors.map((e) => e.message).join("\n")}`;
    expect(real.status, context).toBe(ours.errors.length > 0 ? 1 : 0);
    // logrotate prints each problem as `error: FILE:LINE PHRASE` (or without `error:` for some).
    for (const problem of [...ours.errors, ...ours.warnings]) if (problem.logrotate !== "") expect(real.output, context).toContain(problem.logrotate.slice(0, 40));
    const patterns = [...real.output.matchAll(/^rotating pattern: /gm)].length;
    expect(patterns, context).toBe(ours.model.logs.length);
    let from = 0;
    for (const log of ours.model.logs) {
      const described = describeLog(log);
      const at = real.output.indexOf(described, from);
      expect(at, `${context}\nexpected to find:\n${described}`).toBeGreaterThanOrEqual(from);
      from = at + described.length;
    }
  });

  it("ignores a config file writable by others, as logrotate does, with exit code 0", () => {
    const s = scratch(`${L}/a.log {\n}\n`);
    scratches.push(s);
    chmodSync(s.conf, 0o666);
    const real = runLogrotate(s);
    const ours = parseLogrotate([s.conf], { reader: createNodeReader() });
    expect(real.status).toBe(0);
    expect(real.output).toContain(ours.warnings[1]!.logrotate);
    expect([ours.errors.length, ours.model.logs.length]).toEqual([0, 0]);
  });
});

