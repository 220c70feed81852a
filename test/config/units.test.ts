/**
 * The small pieces under the parser: strtoul and sizes, popt's word splitting, fnmatch,
 * the derived settings, the directive table's coverage and the help generated from it.
 */
import { describe, expect, it } from "vitest";
import { DIRECTIVES, defaultSettings, directiveHelp, finishSettings, fnmatch } from "../../src/config/index.js";
import { intCount, parseSize, strtoul } from "../../src/config/logrotate/numbers.js";
import { splitWords } from "../../src/config/logrotate/popt.js";
import { settingsOf } from "./support/parse.js";

describe("strtoul and logrotate's int counts", () => {
  it.each([
    ["10", 0, 10n, ""],
    ["010", 0, 8n, ""],
    ["08", 0, 0n, "8"],
    ["0x1f", 0, 31n, ""],
    ["0X1F", 0, 31n, ""],
    ["0x", 0, 0n, "x"],
    ["  +7", 0, 7n, ""],
    ["-1", 0, 2n ** 64n - 1n, ""],
    ["99999999999999999999", 0, 2n ** 64n - 1n, ""],
    ["abc", 0, 0n, "abc"],
    ["", 0, 0n, ""],
    ["010", 10, 10n, ""],
    ["0x10", 10, 0n, "x10"],
  ] as const)("reads %j in base %d as %d, leaving %j", (text, base, value, rest) => {
    expect(strtoul(text, base)).toEqual({ value, rest });
  });

  it.each([
    ["4294967295", -1],
    ["4294967296", 0],
    ["2147483648", -2147483648],
    ["-0", 0],
    ["1e3", null],
    ["5 ", null],
  ] as const)("stores %j in an int as %s", (text, value) => {
    expect(intCount(text)).toBe(value);
  });

  it.each([
    ["100", { bytes: 100 }],
    ["100k", { bytes: 102400 }],
    ["1G", { bytes: 1024 ** 3 }],
    ["k", { bytes: 0 }],
    ["1g", { unknownUnit: "g" }],
    ["1 k", { bad: "1 " }],
    ["+7", { bytes: 7 }],
    ["-7", { bad: "-7" }],
  ] as const)("reads the size %j", (text, result) => {
    expect(parseSize(text)).toEqual(result);
  });
});

describe("popt word splitting", () => {
  it.each([
    ["/a /b", ["/a", "/b"]],
    ['"/a b" c', ["/a b", "c"]],
    ["'x\\'y'", ["x'y"]],
    ['"x\\y"', ["x\\y"]],
    ["a\\ b", ["a b"]],
    ['a"b c"d', ["ab cd"]],
    ['"unterminated', ["unterminated"]],
  ])("splits %j", (text, words) => {
    expect(splitWords(text)?.map((word) => word.text)).toEqual(words);
  });

  it.each(['""', "   ", "a\\"])("fails on %j, as popt does", (text) => {
    expect(splitWords(text)).toBeNull();
  });

  it("gives each word's offset", () => {
    expect(splitWords('  /a  "/b c"')).toEqual([
      { text: "/a", offset: 2 },
      { text: "/b c", offset: 6 },
    ]);
  });
});

describe("fnmatch", () => {
  it.each([
    ["*.rpmsave", "a.rpmsave", true],
    ["*~", "a~", true],
    ["*.rhn-cfg-tmp-*", "a.rhn-cfg-tmp-x1", true],
    ["b.c??f", "b.conf", true],
    ["a*", ".a", false],
    ["*", ".hidden", true],
    ["[ab].conf", "b.conf", true],
    ["[!ab].conf", "b.conf", false],
    ["*.BAK", "c.bak", false],
    ["\\*", "*", true],
    ["[", "[", true],
  ] as const)("%j against %j: %s", (pattern, name, match) => {
    expect(fnmatch(pattern, name)).toBe(match);
  });
});

describe("settings", () => {
  it("derives the engine's mode and compression from logrotate's flags", () => {
    const s = defaultSettings();
    s.compressFlag = true;
    s.compressoptions = ["-9"];
    s.copy = true;
    s.create = true;
    expect(finishSettings(s)).toMatchObject({ mode: "copy", compress: { command: "/bin/gzip", args: ["-9"], ext: ".gz" } });
  });

  it("records where each setting was given", () => {
    const settings = settingsOf("  rotate 3\n  compress", "daily\n");
    expect(settings.origins).toMatchObject({
      frequency: { file: "/etc/lr.conf", line: 1, column: 1 },
      keep: { line: 3, column: 3 },
      compressFlag: { line: 4, column: 3 },
    });
    expect(settings.origins.olddir).toBeUndefined();
  });
});

describe("the directive table", () => {
  // Every directive name in logrotate 3.21's binary and man page.
  const logrotate321 =
    "addextension allowhardlink compress compresscmd compressext compressoptions copy copytruncate create createolddir daily dateext dateformat datehourago dateyesterday delaycompress errors extension firstaction hourly ifempty ignoreduplicates include lastaction mail mailfirst maillast maxage maxsize minage minsize missingok monthly noallowhardlink nocompress nocopy nocopytruncate nocreate nocreateolddir nodateext nodelaycompress nomail nomissingok noolddir norenamecopy nosharedscripts noshred notifempty olddir postrotate preremove prerotate renamecopy rotate sharedscripts shred shredcycles size start su tabooext taboopat uncompresscmd weekly yearly";

  it("has exactly logrotate 3.21's directives", () => {
    expect(Object.keys(DIRECTIVES).sort()).toEqual(logrotate321.split(" ").sort());
  });

  it("generates one help line per directive", () => {
    const help = directiveHelp();
    expect(help).toHaveLength(Object.keys(DIRECTIVES).length);
    expect(help).toContain("rotate VALUE — Versions to keep; 0 deletes the rotated log, -1 keeps all.");
    expect(help).toContain("postrotate … endscript — Script run after each log (or once, shared) rotated.");
  });
});
