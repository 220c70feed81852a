/**
 * Blocks, globals, paths, scripts and logrotate's recovery from errors. Each behaviour was
 * first observed with `logrotate -d -f` 3.21 on the same config (see the differential test
 * for the ones checked against the real program on every run).
 */
import { describe, expect, it } from "vitest";
import { blocks, messages, parse } from "./support/parse.js";

describe("globals and blocks", () => {
  it("copies globals into later blocks only, and lets a block override them", () => {
    const result = parse("rotate 2\n/var/log/a.log {\n}\nrotate 5\ncompress\n/var/log/b.log {\n  rotate 9\n}\n/var/log/c.log {\n}\n");
    expect(result.model.logs.map((log) => [log.settings.keep, log.settings.compress])).toEqual([
      [2, false],
      [9, "gzip"],
      [5, "gzip"],
    ]);
  });

  it("does not let one block's directives reach the next", () => {
    const result = parse("/var/log/a.log {\n  rotate 3\n  postrotate\n    x\n  endscript\n}\n/var/log/b.log {\n}\n");
    expect(result.model.logs[1]!.settings).toMatchObject({ keep: 0, scripts: {} });
  });

  it("inherits scripts given outside blocks (logrotate accepts them there)", () => {
    const result = parse("postrotate\n  echo hi\nendscript\n/var/log/a.log {\n}\n");
    expect(result.model.logs[0]!.settings.scripts).toEqual({ postrotate: "\n  echo hi\n" });
  });

  it("keeps logrotate's defaults: size 1M, rotate 0, ifempty, no create", () => {
    const result = parse("/var/log/a.log {\n}\n");
    expect(result.model.logs[0]!.settings).toMatchObject({ keep: 0, start: 1, size: 1048576, frequency: { unit: "none" }, ifempty: true, mode: "nocreate", compress: false, origins: {} });
  });

  it("accepts `{` on a later line, one-line blocks, and directives right after `{`", () => {
    const result = parse("/var/log/a.log\n{\n  rotate 1\n}\n/var/log/b.log {missingok\n}\n/var/log/c.log {}\n");
    expect(blocks(result)).toEqual([["/var/log/a.log"], ["/var/log/b.log"], ["/var/log/c.log"]]);
    expect(result.model.logs[0]!.patternText).toBe("/var/log/a.log\n");
    expect(result.model.logs[1]!.settings.missingok).toBe(true);
  });

  it("reads a value to the end of its line, `}` included (`{ rotate 1 }` is a bad count)", () => {
    const result = parse("/var/log/a.log { rotate 1 }\n/var/log/b.log {\n}\n/var/log/c.log {\n}\n");
    expect(result.errors.map((e) => e.logrotate)).toEqual(["bad rotation count '1 }'"]);
    // The skip after the error ends at b's `}`: b is lost too, as in logrotate.
    expect(blocks(result)).toEqual([["/var/log/c.log"]]);
  });
});

describe("log paths", () => {
  it("splits paths as popt does: quotes, backslashes, several per block", () => {
    const result = parse(`"/l/a b.log" /l/c\\ d.log '/l/e f.log' "/l/g\\"h.log" '/l/i\\'j.log' "/l/k\\l.log" /l/m"n o".log {\n}\n`);
    expect(blocks(result)).toEqual([["/l/a b.log", "/l/c d.log", "/l/e f.log", '/l/g"h.log', "/l/i'j.log", "/l/k\\l.log", "/l/mn o.log"]]);
  });

  it("keeps the raw text before `{`, quotes and trailing blank included, for shared scripts' $1", () => {
    const result = parse(`"/var/log/*.log" {\n}\n/x/a.log /x/b.log {\n}\n`);
    expect(result.model.logs.map((log) => log.patternText)).toEqual(['"/var/log/*.log" ', "/x/a.log /x/b.log "]);
  });

  it("keeps globs as patterns, with their locations", () => {
    const result = parse("/var/log/a.log\n  /var/log/app/*.log {\n}\n");
    expect(result.model.logs[0]!.patterns).toEqual([
      { path: "/var/log/a.log", glob: false, location: { file: "/etc/lr.conf", line: 1, column: 1 } },
      { path: "/var/log/app/*.log", glob: true, location: { file: "/etc/lr.conf", line: 2, column: 3 } },
    ]);
  });

  it("accepts `~/` paths, left for expansion at rotation time", () => {
    expect(blocks(parse("~/logs/*.log {\n}\n"))).toEqual([["~/logs/*.log"]]);
  });

  it("accepts an unterminated quote, as popt does", () => {
    expect(blocks(parse('"/var/log/a.log {\n}\n'))).toEqual([["/var/log/a.log "]]);
  });

  it("takes `#` after a path as more paths (logrotate has no comments there)", () => {
    expect(blocks(parse("/var/log/a.log # note {\n}\n"))).toEqual([["/var/log/a.log", "#", "note"]]);
  });

  it("refuses a relative path or a glob at the start of a line, and stops reading the file", () => {
    expect(parse("logs/a.log {\n}\n").errors.map((e) => e.logrotate)).toEqual(["keyword 'logs' not properly separated, found 0x2f"]);
    const glob = parse("/var/log/a.log {\n}\n*.log {\n}\n/var/log/b.log {\n}\n");
    expect(messages(glob.errors)).toEqual([
      "/etc/lr.conf:3:1: Expected a directive or a log path (starting with /, ~, \" or '), got `*`; start the line with a directive or an absolute path, or comment it out with #",
    ]);
    expect(blocks(glob)).toEqual([["/var/log/a.log"]]);
  });
});

describe("duplicates", () => {
  it("drops a path already configured, keeping the rest of the block, as an error", () => {
    const result = parse("/var/log/a.log {\n}\n/var/log/a.log /var/log/b.log {\n}\n/var/log/c.log /var/log/c.log {\n}\n");
    expect(messages(result.errors)).toEqual([
      "/etc/lr.conf:3:1: `/var/log/a.log` is already configured at /etc/lr.conf:1:1; remove one of them, or put `ignoreduplicates` before this block to ignore later ones; this one was dropped",
      "/etc/lr.conf:5:16: `/var/log/c.log` is already configured at /etc/lr.conf:5:1; remove one of them, or put `ignoreduplicates` before this block to ignore later ones; this one was dropped",
    ]);
    expect(result.errors[0]!.logrotate).toBe("duplicate log entry for /var/log/a.log");
    expect(blocks(result)).toEqual([["/var/log/a.log"], ["/var/log/b.log"], ["/var/log/c.log"]]);
    expect(result.model.logs[1]!.patternText).toBe("/var/log/a.log /var/log/b.log ");
  });

  it("forgets the paths of a block dropped for an error", () => {
    const result = parse("/var/log/a.log {\n  rotate abc\n}\n/var/log/a.log {\n}\n");
    expect(result.errors.map((e) => e.code)).toEqual(["ERR_CONFIG_BAD_NUMBER"]);
    expect(blocks(result)).toEqual([["/var/log/a.log"]]);
  });

  it("ignores duplicates silently after a global `ignoreduplicates`", () => {
    const result = parse("ignoreduplicates\n/var/log/a.log {\n}\n/var/log/a.log /var/log/b.log {\n}\n");
    expect(result.errors).toEqual([]);
    expect(blocks(result)).toEqual([["/var/log/a.log"], ["/var/log/b.log"]]);
  });
});

describe("scripts", () => {
  it("keeps a script verbatim up to the line of `endscript`, `}` and `#` included", () => {
    const body = "\n    if [ -f /run/x.pid ]; then { kill -HUP $(cat /run/x.pid); }; fi\n    # not a comment to logrotate\n\n";
    const result = parse(`/var/log/a.log {\n  postrotate${body}  endscript\n  rotate 2\n}\n`);
    expect(result.model.logs[0]!.settings).toMatchObject({ keep: 2, scripts: { postrotate: body } });
  });

  it("reads the text after `endscript` on its line as directives", () => {
    const result = parse("/var/log/a.log {\n  prerotate\n    x\n  endscript compress\n}\n");
    expect(result.model.logs[0]!.settings).toMatchObject({ compress: "gzip", scripts: { prerotate: "\n    x\n" } });
  });

  it("stops reading the file at a script without `endscript`, dropping its block", () => {
    const result = parse("/var/log/a.log {\n}\n/var/log/b.log {\n  postrotate\n    echo hi\n}\n");
    expect(messages(result.errors)).toEqual(["/etc/lr.conf:4:3: `postrotate` without `endscript`; end the script with a line `endscript`"]);
    expect(result.errors[0]!.logrotate).toBe("prerotate, postrotate or preremove without endscript");
    expect(blocks(result)).toEqual([["/var/log/a.log"]]);
  });

  it("warns about `endscript` without a script, and goes on", () => {
    const result = parse("endscript\n/var/log/a.log {\n  endscript\n}\n");
    expect(result.warnings.map((w) => [w.code, w.line, w.logrotate])).toEqual([
      ["ERR_CONFIG_STRAY_ENDSCRIPT", 1, "unknown option 'endscript' -- ignoring line"],
      ["ERR_CONFIG_STRAY_ENDSCRIPT", 3, "unknown option 'endscript' -- ignoring line"],
    ]);
    expect(blocks(result)).toEqual([["/var/log/a.log"]]);
  });
});

describe("structural errors", () => {
  it("stops reading the file at `}` outside a block", () => {
    const result = parse("/var/log/a.log {\n}\n}\n/var/log/b.log {\n}\n");
    expect(messages(result.errors)).toEqual(["/etc/lr.conf:3:1: `}` outside a block; remove it, or add the log paths and `{` that open the block"]);
    expect(blocks(result)).toEqual([["/var/log/a.log"]]);
  });

  it("stops reading the file at paths without `{`", () => {
    const result = parse("/var/log/a.log\n  rotate 1\n");
    expect(messages(result.errors)).toEqual(["/etc/lr.conf:1:1: Log paths without `{` after them; add `{` after the paths and `}` after the block's directives"]);
    expect(result.model.logs).toEqual([]);
  });

  it("takes everything up to the next `{` as paths, as logrotate does", () => {
    expect(blocks(parse("/var/log/a.log\nrotate 1\n/var/log/b.log {\n}\n"))).toEqual([["/var/log/a.log", "rotate", "1", "/var/log/b.log"]]);
  });

  it("stops reading the file at an empty path list", () => {
    expect(parse('"" {\n}\n').errors.map((e) => [e.code, e.logrotate])).toEqual([["ERR_CONFIG_BAD_PATTERN", "error parsing filename"]]);
  });

  it("warns about text after `}` and ignores it", () => {
    const result = parse("/var/log/a.log {\n} junk\n/var/log/b.log {\n}\n");
    expect(messages(result.warnings)).toEqual(["/etc/lr.conf:2:3: Expected `}` to be alone on its line, got `} junk`; move the text to a line of its own; it was ignored"]);
    expect(blocks(result)).toEqual([["/var/log/a.log"], ["/var/log/b.log"]]);
  });

  it("keeps a block the file ends inside, with a warning (logrotate: silently)", () => {
    const result = parse("/var/log/a.log {\n  rotate 1\n");
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(["ERR_CONFIG_MISSING_CLOSE"]);
    expect(result.model.logs[0]!.settings.keep).toBe(1);
  });

  it("stops reading the file at an error outside blocks, keeping the blocks before it", () => {
    const result = parse("/var/log/a.log {\n}\nrotate abc\n/var/log/b.log {\n}\n");
    expect(result.errors.map((e) => [e.line, e.logrotate])).toEqual([[3, "bad rotation count 'abc'"]]);
    expect(blocks(result)).toEqual([["/var/log/a.log"]]);
  });

  it("makes every warning an error in strict mode", () => {
    const result = parse("bogus\n/var/log/a.log {\n}\n", {}, { strict: true });
    expect(result.warnings).toEqual([]);
    expect(result.errors.map((e) => e.code)).toEqual(["ERR_CONFIG_UNKNOWN_DIRECTIVE"]);
  });
});

describe("recovery after an error in a block (logrotate's skip to a `}` in column 1)", () => {
  const tail = "/var/log/b.log {\n}\n/var/log/c.log {\n}\n";
  it.each([
    ["an indented `}` does not end the skip: the next block is lost", "/var/log/a.log {\n  rotate abc\n  }\n", [["/var/log/c.log"]]],
    ["a blank line and comments are skipped", "/var/log/a.log {\n  rotate abc\n\n  # }\n  foo }\n}\n", [["/var/log/b.log"], ["/var/log/c.log"]]],
    ["a script's `}` does not end the skip", "/var/log/a.log {\n  rotate abc\n  postrotate\n}\n  endscript\n}\n", [["/var/log/b.log"], ["/var/log/c.log"]]],
    ["a nested block ends at the outer `}`", "/var/log/a.log {\n  /var/log/d.log {\n  }\n}\n", [["/var/log/b.log"], ["/var/log/c.log"]]],
    ["a nested block with `}` on its line swallows the next block", "/var/log/a.log {\n  /var/log/d.log }\n", [["/var/log/c.log"]]],
  ])("%s", (_name, head, expected) => {
    expect(blocks(parse(head + tail))).toEqual(expected);
  });

  it("reads the text after the skip's `}` as globals", () => {
    const result = parse("/var/log/a.log {\n  rotate abc\n} rotate 5\n/var/log/b.log {\n}\n");
    expect(result.warnings).toEqual([]);
    expect(result.model.logs.map((log) => log.settings.keep)).toEqual([5]);
  });

  it("keeps the failed block when the file ends during the skip, as logrotate does", () => {
    const result = parse("/var/log/a.log {\n  rotate abc\n");
    expect(result.errors.map((e) => e.logrotate)).toEqual(["bad rotation count 'abc'"]);
    expect(blocks(result)).toEqual([["/var/log/a.log"]]);
  });
});
