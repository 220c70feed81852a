/**
 * Every directive of the table, one row each: the line inside a block and the settings it
 * leads to; then bad values with their exact messages (rotor's and logrotate's words).
 * Values and phrasing were established with `logrotate -d` 3.21 on one-block configs.
 */
import { describe, expect, it } from "vitest";
import { DIRECTIVES, type LogSettings } from "../../src/config/index.js";
import { messages, parse, settingsOf } from "./support/parse.js";

type Row = [line: string, expected: Partial<LogSettings>];

const rows: Row[] = [
  ["rotate 5", { keep: 5 }],
  ["rotate = 5", { keep: 5 }],
  ["rotate=5", { keep: 5 }],
  ["rotate 0x10", { keep: 16 }],
  ["rotate 010", { keep: 8 }],
  ["rotate +3", { keep: 3 }],
  ["rotate -1", { keep: -1 }],
  ["rotate 4294967295", { keep: -1 }],
  ["rotate 4294967296", { keep: 0 }],
  ["rotate 99999999999999999999", { keep: -1 }],
  ["start 0", { start: 0 }],
  ["start 4294967296", { start: 0 }],
  ["olddir /var/log/old", { olddir: "/var/log/old" }],
  ["olddir \"/tmp\"", { olddir: '"/tmp"' }],
  ["olddir old\n  noolddir", { olddir: null }],
  ["su www-data adm", { su: { user: "www-data", group: "adm" } }],
  ["su 0 0", { su: { user: "0", group: "0" } }],
  ["hourly", { frequency: { unit: "hourly" } }],
  ["daily", { frequency: { unit: "daily" } }],
  ["weekly", { frequency: { unit: "weekly", weekday: 0 } }],
  ["weekly 3", { frequency: { unit: "weekly", weekday: 3 } }],
  ["weekly 7", { frequency: { unit: "weekly", weekday: 7 } }],
  ["weekly +7", { frequency: { unit: "weekly", weekday: 7 } }],
  ["monthly", { frequency: { unit: "monthly" } }],
  ["yearly", { frequency: { unit: "yearly" } }],
  ["size 100", { size: 100, frequency: { unit: "none" } }],
  ["size 1k", { size: 1024 }],
  ["size 1K", { size: 1024 }],
  ["size 2M", { size: 2 * 1024 ** 2 }],
  ["size 3G", { size: 3 * 1024 ** 3 }],
  ["size 0x1k", { size: 1024 }],
  ["size k", { size: 0 }],
  ["size 2147483648", { size: 2147483648 }],
  ["daily\n  size 10", { size: 10, frequency: { unit: "none" } }],
  ["size 10\n  daily", { size: 10, frequency: { unit: "daily" } }],
  ["missingok", { missingok: true }],
  ["missingok\n  nomissingok", { missingok: false }],
  ["ignoreduplicates", { ignoreduplicates: true }],
  ["notifempty", { ifempty: false }],
  ["notifempty\n  ifempty", { ifempty: true }],
  ["minage 2", { minage: 2 }],
  ["maxage 30", { maxage: 30 }],
  ["minsize 1M", { minsize: 1024 ** 2 }],
  ["maxsize 5k", { maxsize: 5120 }],
  ["create", { create: true, mode: "create", createMode: null, owner: null, group: null }],
  ["create 0640 www-data adm", { create: true, createMode: 0o640, owner: "www-data", group: "adm" }],
  ["create 640", { createMode: 0o640 }],
  ["create www-data adm", { createMode: null, owner: "www-data", group: "adm" }],
  ["create 0640 root", { createMode: 0o640, owner: "root", group: null }],
  ["create 0640root", { createMode: 0o640, owner: "root" }],
  ["create 1000 0", { createMode: 0o1000, owner: "0" }],
  ["create 0600\n  nocreate", { create: false, mode: "nocreate", createMode: 0o600 }],
  ["createolddir", { createolddir: { mode: null, owner: null, group: null } }],
  ["createolddir 0750 root adm", { createolddir: { mode: 0o750, owner: "root", group: "adm" } }],
  ["createolddir root", { createolddir: { mode: null, owner: "root", group: null } }],
  ["createolddir 0750\n  nocreateolddir", { createolddir: false }],
  ["copy", { copy: true, mode: "copy" }],
  ["copy\n  nocopy", { copy: false, mode: "nocreate" }],
  ["copytruncate", { copytruncate: true, mode: "copytruncate" }],
  ["copytruncate\n  create", { mode: "copytruncate", create: true }],
  ["copytruncate\n  nocopytruncate", { copytruncate: false }],
  ["renamecopy", { renamecopy: true, mode: "renamecopy" }],
  ["copytruncate\n  renamecopy", { renamecopy: true, copytruncate: false, mode: "renamecopy" }],
  ["renamecopy\n  copytruncate", { renamecopy: false, copytruncate: true, mode: "copytruncate" }],
  ["renamecopy\n  norenamecopy", { renamecopy: false }],
  ["shred", { shred: true }],
  ["shred\n  noshred", { shred: false }],
  ["shredcycles 3", { shredcycles: 3 }],
  ["allowhardlink", { allowhardlink: true }],
  ["allowhardlink\n  noallowhardlink", { allowhardlink: false }],
  ["compress", { compressFlag: true, compress: "gzip" }],
  ["compress\n  nocompress", { compressFlag: false, compress: false }],
  ["compress\n  compresscmd /usr/bin/xz", { compress: { command: "/usr/bin/xz", args: [], ext: ".xz" }, compressext: ".xz" }],
  ["compress\n  compresscmd /usr/bin/bzip2", { compress: { command: "/usr/bin/bzip2", args: [], ext: ".bz2" } }],
  ["compress\n  compresscmd zstd", { compress: { command: "zstd", args: [], ext: ".zst" } }],
  ["compress\n  compresscmd /usr/local/bin/lz4", { compress: { command: "/usr/local/bin/lz4", args: [], ext: ".gz" }, compressext: null }],
  ["compress\n  compressext .foo\n  compresscmd xz", { compressext: ".xz" }],
  ["compress\n  compressoptions -9 -T0", { compress: { command: "/bin/gzip", args: ["-9", "-T0"], ext: ".gz" } }],
  ["compress\n  compressext .z", { compress: { command: "/bin/gzip", args: [], ext: ".z" } }],
  ["compresscmd /usr/bin/xz", { compress: false, compresscmd: "/usr/bin/xz" }],
  ["uncompresscmd /usr/bin/unxz", { uncompresscmd: "/usr/bin/unxz" }],
  ["delaycompress", { delaycompress: true }],
  ["delaycompress\n  nodelaycompress", { delaycompress: false }],
  ["extension .log", { extension: ".log" }],
  ["extension a b", { extension: "a b" }],
  ["addextension .log", { addextension: ".log" }],
  ["dateext", { dateext: true }],
  ["dateext\n  nodateext", { dateext: false }],
  ["dateformat -%Y-%m-%d-%s", { dateformat: "-%Y-%m-%d-%s" }],
  ["dateformat -%a", { dateformat: "-%a" }],
  ["dateyesterday", { dateyesterday: true }],
  ["datehourago", { datehourago: true }],
  ["mail admin@example.org", { mail: "admin@example.org", mailfirst: false }],
  ["mail a@b\n  nomail", { mail: null }],
  ["mailfirst", { mailfirst: true }],
  ["mailfirst\n  maillast", { mailfirst: false }],
  ["sharedscripts", { sharedscripts: true }],
  ["sharedscripts\n  nosharedscripts", { sharedscripts: false }],
  ["prerotate\n    echo pre\n  endscript", { scripts: { prerotate: "\n    echo pre\n" } }],
  ["postrotate\n    echo post\n  endscript", { scripts: { postrotate: "\n    echo post\n" } }],
  ["firstaction\n    echo first\n  endscript", { scripts: { firstaction: "\n    echo first\n" } }],
  ["lastaction\n    echo last\n  endscript", { scripts: { lastaction: "\n    echo last\n" } }],
  ["preremove\n    echo rm $1\n  endscript", { scripts: { preremove: "\n    echo rm $1\n" } }],
  ["compress delaycompress", { compressFlag: true, delaycompress: true }],
  ["missingok notifempty", { missingok: true, ifempty: false }],
  ["daily # rotate every day", { frequency: { unit: "daily" } }],
];

describe("logrotate directives", () => {
  it.each(rows)("reads `%s`", (line, expected) => {
    expect(settingsOf(`  ${line}`)).toMatchObject(expected);
  });

  it("has a row for every directive of the table", () => {
    const tested = new Set(rows.flatMap(([line]) => line.split(/\s+/)));
    const untested = Object.keys(DIRECTIVES).filter((name) => !tested.has(name) && !["include", "tabooext", "taboopat", "errors"].includes(name));
    expect(untested).toEqual([]);
  });
});

type Bad = [line: string, message: string, logrotate: string];

const at = (column: number) => `/etc/lr.conf:2:${column}: `;

const bad: Bad[] = [
  ["rotate abc", `${at(10)}Expected \`rotate\` to be an integer >= -1, got \`abc\`; write a whole number such as \`rotate 4\` (decimal, 0x hex or 0 octal, as strtoul reads it)`, "bad rotation count 'abc'"],
  ["rotate -2", `${at(10)}Expected \`rotate\` to be an integer >= -1, got \`-2\`; write a whole number such as \`rotate 4\` (decimal, 0x hex or 0 octal, as strtoul reads it)`, "bad rotation count '-2'"],
  ["rotate 2147483648", `${at(10)}Expected \`rotate\` to be an integer >= -1, got \`2147483648\`; write a whole number such as \`rotate 4\` (decimal, 0x hex or 0 octal, as strtoul reads it)`, "bad rotation count '2147483648'"],
  ["rotate 08", `${at(10)}Expected \`rotate\` to be an integer >= -1, got \`08\`; write a whole number such as \`rotate 4\` (decimal, 0x hex or 0 octal, as strtoul reads it)`, "bad rotation count '08'"],
  ["rotate 5 6", `${at(10)}Expected \`rotate\` to be an integer >= -1, got \`5 6\`; write a whole number such as \`rotate 4\` (decimal, 0x hex or 0 octal, as strtoul reads it)`, "bad rotation count '5 6'"],
  ["rotate 5 # five", `${at(10)}Expected \`rotate\` to be an integer >= -1, got \`5 # five\`; write a whole number such as \`rotate 4\` (decimal, 0x hex or 0 octal, as strtoul reads it)`, "bad rotation count '5 # five'"],
  ["start -1", `${at(9)}Expected \`start\` to be an integer >= 0, got \`-1\`; write a whole number such as \`start 1\` (decimal, 0x hex or 0 octal, as strtoul reads it)`, "bad start count '-1'"],
  ["maxage 1.5", `${at(10)}Expected \`maxage\` to be an integer >= 0, got \`1.5\`; write a whole number such as \`maxage 30\` (decimal, 0x hex or 0 octal, as strtoul reads it)`, "bad maximum age '1.5'"],
  ["minage x", `${at(10)}Expected \`minage\` to be an integer >= 0, got \`x\`; write a whole number such as \`minage 2\` (decimal, 0x hex or 0 octal, as strtoul reads it)`, "bad minimum age 'x'"],
  ["shredcycles -1", `${at(15)}Expected \`shredcycles\` to be an integer >= 0, got \`-1\`; write a whole number such as \`shredcycles 3\` (decimal, 0x hex or 0 octal, as strtoul reads it)`, "bad shred cycles '-1'"],
  ["size 1m", `${at(8)}Expected \`size\` to be a size with unit k, K, M or G, got \`1m\`; write bytes, or a number followed at once by k, M or G, such as \`size 100k\``, "unknown unit 'm'"],
  ["minsize 1kb", `${at(11)}Expected \`minsize\` to be a size with unit k, K, M or G, got \`1kb\`; write bytes, or a number followed at once by k, M or G, such as \`minsize 100k\``, "unknown unit 'b'"],
  ["maxsize 1 M", `${at(11)}Expected \`maxsize\` to be a size such as 100k, got \`1 M\`; write bytes, or a number followed at once by k, M or G, such as \`maxsize 100k\``, "bad size '1 '"],
  ["size -1", `${at(8)}Expected \`size\` to be a size such as 100k, got \`-1\`; write bytes, or a number followed at once by k, M or G, such as \`size 100k\``, "bad size '-1'"],
  ["olddir /tmp /var", `${at(10)}Expected \`olddir\` to be one path without blanks, got \`/tmp /var\`; remove the blanks; logrotate takes quotes here literally, so a path with a space cannot be given`, "bad olddir path /tmp /var"],
  ["compresscmd /usr/bin/xz -9", `${at(15)}Expected \`compresscmd\` to be one path without blanks, got \`/usr/bin/xz -9\`; remove the blanks; logrotate takes quotes here literally, so a path with a space cannot be given`, "bad compress path /usr/bin/xz -9"],
  ["compressext .a b", `${at(15)}Expected \`compressext\` to be one path without blanks, got \`.a b\`; remove the blanks; logrotate takes quotes here literally, so a path with a space cannot be given`, "bad compress-ext path .a b"],
  ["compressoptions", `${at(3)}Expected \`compressoptions\` to be options such as -9, got \`\`; give at least one option, or remove the line`, "invalid compression options"],
  ["mail a b", `${at(8)}Expected \`mail\` to be one address such as admin@example.org, got \`a b\`; give a single address without blanks`, "bad mail address a b"],
  ["create 0640 nosuchuser", `${at(10)}User \`nosuchuser\` does not exist; create the user or name an existing one (a name, or a numeric id that exists)`, "unknown user 'nosuchuser'"],
  ["create 0999", `${at(10)}User \`999\` does not exist; create the user or name an existing one (a name, or a numeric id that exists)`, "unknown user '999'"],
  ["create 0640 root nosuchgroup", `${at(10)}Group \`nosuchgroup\` does not exist; create the group or name an existing one (a name, or a numeric id that exists)`, "unknown group 'nosuchgroup'"],
  ["create 0640 root root extra", `${at(10)}Expected \`create\` to be at most a mode, an owner and a group, got \`0640 root root extra\`; remove \`extra\``, "extra arguments for create"],
  ["createolddir 0750 root root x", `${at(16)}Expected \`createolddir\` to be at most a mode, an owner and a group, got \`0750 root root x\`; remove \`x\``, "extra arguments for createolddir"],
  ["su", `${at(3)}Expected \`su\` to be a user and a group, got \`\`; add the user, such as \`su www-data adm\``, "no user for su"],
  ["su root", `${at(6)}Expected \`su\` to be a user and a group, got \`root\`; add the group, such as \`su www-data adm\``, "no group for su"],
  ["su root root x", `${at(6)}Expected \`su\` to be a user and a group, got \`root root x\`; remove \`x\``, "extra arguments for su"],
  ['su "root" root', `${at(6)}User \`"root"\` does not exist; create the user or name an existing one (a name, or a numeric id that exists)`, `unknown user '"root"'`],
  ["rotate5", `${at(3)}Expected a blank or \`=\` after \`rotate\`, got \`5\`; write \`rotate value\` with a space`, "keyword 'rotate' not properly separated, found 0x35"],
  ["daily#c", `${at(3)}Expected a blank or \`=\` after \`daily\`, got \`#\`; write \`daily value\` with a space`, "keyword 'daily' not properly separated, found 0x23"],
  ["daily 5", `${at(9)}Expected a directive or a log path (starting with /, ~, " or '), got \`5\`; start the line with a directive or an absolute path, or comment it out with #`, "lines must begin with a keyword or a filename (possibly in double quotes)"],
  ["compress=1", `${at(11)}Expected a directive or a log path (starting with /, ~, " or '), got \`=\`; start the line with a directive or an absolute path, or comment it out with #`, "lines must begin with a keyword or a filename (possibly in double quotes)"],
  ["tabooext .x", `${at(3)}\`tabooext\` inside a log block, expected it outside any block; move it above the blocks; it applies to the includes that follow it`, "tabooext may not appear inside of log file definition"],
  ["taboopat *.x", `${at(3)}\`taboopat\` inside a log block, expected it outside any block; move it above the blocks; it applies to the includes that follow it`, "taboopat may not appear inside of log file definition"],
  ["/var/log/b.log {", `${at(3)}A log path inside a block, expected directives or \`}\`; close the block with \`}\` before starting another one (blocks do not nest)`, "unexpected log filename"],
];

/** A missing value: logrotate's skip then starts one character into the next line (see parser.ts). */
const missing: Bad[] = [
  ["rotate", `${at(3)}Expected a value after \`rotate\`, got the end of the line; write the value on the same line, such as \`rotate VALUE\``, "argument expected after rotate count"],
  ["olddir", `${at(3)}Expected a value after \`olddir\`, got the end of the line; write the value on the same line, such as \`olddir VALUE\``, "argument expected after olddir"],
  ["addextension", `${at(3)}Expected a value after \`addextension\`, got the end of the line; write the value on the same line, such as \`addextension VALUE\``, "argument expected after addextension name"],
];

describe("logrotate directives with bad values", () => {
  it.each(bad)("drops the block for `%s`", (line, message, logrotate) => {
    const result = parse(`/var/log/a.log {\n  ${line}\n}\n/var/log/z.log {\n}\n`);
    expect(messages(result.errors)).toEqual([message]);
    expect(result.errors[0]!.logrotate).toBe(logrotate);
    expect(result.model.logs.map((log) => log.patternText)).toEqual(["/var/log/z.log "]);
  });

  it.each(missing)("drops the block for `%s`, and with it the next block when `}` follows at once (as logrotate)", (line, message, logrotate) => {
    const result = parse(`/var/log/a.log {\n  ${line}\n}\n/var/log/y.log {\n}\n/var/log/z.log {\n}\n`);
    expect(messages(result.errors)).toEqual([message]);
    expect(result.errors[0]!.logrotate).toBe(logrotate);
    expect(result.model.logs.map((log) => log.patternText)).toEqual(["/var/log/z.log "]);
  });

  it("gives every error a stable code", () => {
    const result = parse("/var/log/a.log {\n  rotate abc\n}\n");
    expect(result.errors[0]).toMatchObject({ name: "ConfigError", code: "ERR_CONFIG_BAD_NUMBER", file: "/etc/lr.conf", line: 2, column: 10 });
  });

  it.each([
    ["size", "argument expected after size"],
    ["minsize", "argument expected after minsize"],
    ["maxsize", "argument expected after maxsize"],
    ["dateformat", "argument expected after dateformat"],
  ])("only warns for `%s` without a value, and keeps the block (as logrotate)", (name, logrotate) => {
    const result = parse(`/var/log/a.log {\n  ${name}\n}\n`);
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => [w.code, w.logrotate])).toEqual([["ERR_CONFIG_MISSING_VALUE", logrotate]]);
    expect(result.model.logs).toHaveLength(1);
  });

  it("warns about an unknown directive, ignores the rest of its line, and goes on", () => {
    const result = parse("/var/log/a.log {\n  rotate 3\n  bogus 1 2\n  compress nonsense\n}\n");
    expect(messages(result.warnings)).toEqual([
      "/etc/lr.conf:3:3: Unknown directive `bogus`, expected one of logrotate 3.21's directives; check the spelling (directives are lower case) or remove the line; the line was ignored",
      "/etc/lr.conf:4:12: Unknown directive `nonsense`, expected one of logrotate 3.21's directives; check the spelling (directives are lower case) or remove the line; the line was ignored",
    ]);
    expect(result.model.logs[0]!.settings).toMatchObject({ keep: 3, compress: "gzip" });
  });

  it("treats directive names as case-sensitive", () => {
    expect(parse("/var/log/a.log {\n  Compress\n}\n").warnings[0]!.logrotate).toBe("unknown option 'Compress' -- ignoring line");
  });

  it("warns that `errors` is deprecated, and reads the rest of its line as directives", () => {
    const result = parse("/var/log/a.log {\n  errors root\n}\n");
    expect(result.warnings.map((w) => w.logrotate)).toEqual(["the errors directive is deprecated and no longer used.", "unknown option 'root' -- ignoring line"]);
  });

  it("stops reading the file at a bad weekday, dropping the block being read", () => {
    const result = parse("/var/log/a.log {\n}\n/var/log/b.log {\n  weekly 8\n}\n/var/log/c.log {\n}\n");
    expect(result.errors.map((e) => [e.code, e.logrotate, e.line])).toEqual([["ERR_CONFIG_BAD_WEEKDAY", "bad weekly directive ' 8'", 4]]);
    expect(result.model.logs.map((log) => log.patternText)).toEqual(["/var/log/a.log "]);
  });

  it("does not check user names when no account database is given", () => {
    const result = parse("/var/log/a.log {\n  create 0640 anyone anygroup\n}\n", {}, { accounts: undefined });
    expect(result.errors).toEqual([]);
    expect(result.model.logs[0]!.settings).toMatchObject({ owner: "anyone", group: "anygroup" });
  });
});
