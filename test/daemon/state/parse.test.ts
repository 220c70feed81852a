/**
 * parseState, table-driven: valid files of both versions with every quirk logrotate 3.21
 * accepts (each row checked against the real logrotate, see the report of the state module),
 * and corrupt lines with their exact messages — each reported and skipped, never the end
 * of the reading.
 */
import { describe, expect, it } from "vitest";
import { parseState } from "../../../src/daemon/state/index.js";

const F = "/var/lib/rotor/status";
const V2 = "logrotate state -- version 2\n";
const V1 = "logrotate state -- version 1\n";
const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number => Date.UTC(y, mo - 1, d, h, mi, s);
const parse = (text: string) => parseState(text, F, { timeZone: "UTC" });

const valid: Array<{ name: string; text: string; entries: Array<[string, number]>; version?: 1 | 2 | null }> = [
  { name: "a version 2 line", text: `${V2}"/var/log/a.log" 2026-3-5-7:8:9\n`, entries: [["/var/log/a.log", utc(2026, 3, 5, 7, 8, 9)]] },
  { name: "a version 1 file with date-only lines", text: `${V1}"/var/log/a.log" 2026-3-15\n`, entries: [["/var/log/a.log", utc(2026, 3, 15)]], version: 1 },
  { name: "a date with the hour only", text: `${V2}"/x" 2026-3-1-5\n`, entries: [["/x", utc(2026, 3, 1, 5)]] },
  { name: "zero-padded fields", text: `${V2}"/x" 2026-02-03-01:02:03\n`, entries: [["/x", utc(2026, 2, 3, 1, 2, 3)]] },
  { name: "signs and trailing text after the date", text: `${V2}"/x" +2026-+2-3xyz\n`, entries: [["/x", utc(2026, 2, 3)]] },
  { name: "a CRLF line ending", text: `${V2}"/x" 2026-2-3-1:2:3\r\n`, entries: [["/x", utc(2026, 2, 3, 1, 2, 3)]] },
  { name: "an unquoted path", text: `${V2}/x/b.log 2026-3-1-1:2:3\n`, entries: [["/x/b.log", utc(2026, 3, 1, 1, 2, 3)]] },
  { name: "single quotes, tabs and extra blanks", text: `${V2}  '/x/b c.log'\t 2026-3-1-1:2:3  \n`, entries: [["/x/b c.log", utc(2026, 3, 1, 1, 2, 3)]] },
  { name: "escapes in quotes: \\\" \\\\ \\n, other backslashes kept", text: `${V2}"/x/q\\"uo\\\\te\\nnl\\tT" 2026-2-3\n`, entries: [['/x/q"uo\\te\nnl\\tT', utc(2026, 2, 3)]] },
  { name: "backslashes outside quotes", text: `${V2}/x/a\\ b\\"c 2026-2-3\n`, entries: [['/x/a b"c', utc(2026, 2, 3)]] },
  { name: "day 0: the last day of the month before", text: `${V2}"/x" 2026-3-0-1:2:3\n`, entries: [["/x", utc(2026, 2, 28, 1, 2, 3)]] },
  { name: "31 February: 3 March", text: `${V2}"/x" 2026-2-31-1:2:3\n`, entries: [["/x", utc(2026, 3, 3, 1, 2, 3)]] },
  { name: "year 1900", text: `${V2}"/x" 1900-1-1\n`, entries: [["/x", utc(1900, 1, 1)]] },
  { name: "empty lines", text: `${V2}\n"/x" 2026-1-1\n\n`, entries: [["/x", utc(2026, 1, 1)]] },
  { name: "a last line without a newline", text: `${V2}"/x" 2026-1-1-1:2:3`, entries: [["/x", utc(2026, 1, 1, 1, 2, 3)]] },
  { name: "a path twice: the last date, the first place", text: `${V2}"/a" 2026-1-1\n"/b" 2026-1-2\n"/a" 2026-1-3\n`, entries: [["/a", utc(2026, 1, 3)], ["/b", utc(2026, 1, 2)]] },
  {
    name: "plain lines sharing dates, and one with a space in its path (read on the fast path)",
    text: `${V2}"/a" 2026-1-2-3:4:5\n"/b b" 2026-1-2-3:4:6\n"/c" 2026-1-2-3:4:5\n"/d" 2026-01-02-03:04:05\n`,
    entries: [["/a", utc(2026, 1, 2, 3, 4, 5)], ["/b b", utc(2026, 1, 2, 3, 4, 6)], ["/c", utc(2026, 1, 2, 3, 4, 5)], ["/d", utc(2026, 1, 2, 3, 4, 5)]],
  },
  { name: "an empty file", text: "", entries: [], version: null },
  { name: "a header alone", text: V2, entries: [] },
];

describe("parseState reads what logrotate 3.21 reads", () => {
  it.each(valid)("$name", ({ text, entries, version = text.startsWith(V1) ? 1 : 2 }) => {
    const parsed = parse(text);
    expect(parsed.problems).toEqual([]);
    expect([...parsed.entries]).toEqual(entries);
    expect(parsed.version).toBe(version);
  });

  it("reads dates in the injected time zone, DST gaps moved forward as glibc's mktime does", () => {
    const parsed = parseState(`${V2}"/a" 2026-7-5-7:0:0\n"/g" 2026-3-8-2:30:0\n`, F, { timeZone: "America/New_York" });
    expect(parsed.entries.get("/a")).toBe(utc(2026, 7, 5, 11)); // EDT, UTC-4
    expect(parsed.entries.get("/g")).toBe(utc(2026, 3, 8, 7, 30)); // 02:30 does not exist: 03:30 EDT
  });
});

const corrupt: Array<{ name: string; line: string; column: number; code: string; logrotate: string; message?: string }> = [
  {
    name: "an unterminated quote",
    line: '"/x/b 2026-2-3',
    column: 1,
    code: "ERR_STATE_UNTERMINATED_QUOTE",
    logrotate: `bad line 3 in state file ${F}`,
    message: `${F}:3:1: A quote is not closed: \`\\"/x/b 2026-2-3\`, expected \`"path" Y-M-D-H:M:S\`; close the quote (a " inside a quoted path is written \\"); rotor skipped the line (logrotate 3.21 would stop reading the state file there and drop the entries after it)`,
  },
  {
    name: "a line of blanks",
    line: "   ",
    column: 1,
    code: "ERR_STATE_BAD_LINE",
    logrotate: `bad line 3 in state file ${F}`,
    message: `${F}:3:1: A line of blanks only, expected \`"path" Y-M-D-H:M:S\` or an empty line; fix or remove the line; rotor skipped the line (logrotate 3.21 would stop reading the state file there and drop the entries after it)`,
  },
  { name: "a path without a date", line: '"/x/b"', column: 1, code: "ERR_STATE_BAD_LINE", logrotate: `bad line 3 in state file ${F}` },
  {
    name: "an unquoted path with a blank",
    line: "/x/a b.log 2026-2-3",
    column: 6,
    code: "ERR_STATE_BAD_LINE",
    logrotate: `bad line 3 in state file ${F}`,
    message: `${F}:3:6: Expected a path and a date (\`"path" Y-M-D-H:M:S\`), got 3 words: \`/x/a b.log 2026-2-3\`; quote a path that contains blanks; fix or remove the line; rotor skipped the line (logrotate 3.21 would stop reading the state file there and drop the entries after it)`,
  },
  { name: "an empty quoted path (popt drops it)", line: '"" 2026-2-3', column: 1, code: "ERR_STATE_BAD_LINE", logrotate: `bad line 3 in state file ${F}` },
  { name: "a comment (there are none)", line: "# old 2026-2-3", column: 3, code: "ERR_STATE_BAD_LINE", logrotate: `bad line 3 in state file ${F}` },
  {
    name: "a date with two fields",
    line: '"/x/b" 2026-2',
    column: 8,
    code: "ERR_STATE_BAD_DATE",
    logrotate: `bad line 3 in state file ${F}`,
    message: `${F}:3:8: Expected a date \`Y-M-D-H:M:S\` (or \`Y-M-D\`) after the path, got \`2026-2\`; fix or remove the line; rotor skipped the line (logrotate 3.21 would stop reading the state file there and drop the entries after it)`,
  },
  {
    name: "year 1969",
    line: '"/x/b" 1969-3-1-1:2:3',
    column: 8,
    code: "ERR_STATE_DATE_RANGE",
    logrotate: `bad year 1969 for file /x/b in state file ${F}`,
    message: `${F}:3:8: Expected the year to be from 1970 to 2100, got \`1969\`; fix or remove the line; rotor skipped the line (logrotate 3.21 would stop reading the state file there and drop the entries after it)`,
  },
  { name: "year 2101", line: '"/x/b" 2101-3-1', column: 8, code: "ERR_STATE_DATE_RANGE", logrotate: `bad year 2101 for file /x/b in state file ${F}` },
  { name: "month 13", line: '"/x/b" 2026-13-1', column: 8, code: "ERR_STATE_DATE_RANGE", logrotate: `bad month 13 for file /x/b in state file ${F}` },
  { name: "a negative month", line: '"/x/b" 2026--2-3', column: 8, code: "ERR_STATE_DATE_RANGE", logrotate: `bad month -2 for file /x/b in state file ${F}` },
  { name: "minute 60 in a full date (the fast path leaves it to the slow one)", line: '"/x/b" 2026-2-3-1:60:0', column: 8, code: "ERR_STATE_DATE_RANGE", logrotate: `bad minute 60 for file /x/b in state file ${F}` },
  { name: "day 32", line: '"/x/b" 2026-2-32', column: 8, code: "ERR_STATE_DATE_RANGE", logrotate: `bad day 32 for file /x/b in state file ${F}` },
  { name: "hour 24", line: '"/x/b" 2026-2-3-24:2:3', column: 8, code: "ERR_STATE_DATE_RANGE", logrotate: `bad hour 24 for file /x/b in state file ${F}` },
  { name: "minute 60", line: '"/x/b" 2026-2-3-1:60:3', column: 8, code: "ERR_STATE_DATE_RANGE", logrotate: `bad minute 60 for file /x/b in state file ${F}` },
  { name: "second 60", line: "'/x/b' 2026-2-3-1:2:60", column: 8, code: "ERR_STATE_DATE_RANGE", logrotate: `bad second 60 for file /x/b in state file ${F}` },
];

describe("parseState reports a corrupt line and skips it", () => {
  it.each(corrupt)("$name", ({ line, column, code, logrotate, message }) => {
    const parsed = parse(`${V2}"/before" 2026-1-1\n${line}\n"/after" 2026-1-2\n`);
    expect([...parsed.entries.keys()]).toEqual(["/before", "/after"]);
    expect(parsed.problems).toHaveLength(1);
    const [problem] = parsed.problems;
    expect(problem).toMatchObject({ file: F, line: 3, column, code, logrotate });
    expect(problem!.message.startsWith(`${F}:3:${column}: `)).toBe(true);
    if (message !== undefined) expect(problem!.message).toBe(message);
  });

  it("reports every bad line of a file and keeps every good one", () => {
    const parsed = parse(`${V2}"/a" 2026-1-1\ngarbage\n"/b" 2026-13-1\n"/c" 2026-1-3\n"/d\n`);
    expect([...parsed.entries.keys()]).toEqual(["/a", "/c"]);
    expect(parsed.problems.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual(["3:1 ERR_STATE_BAD_LINE", "4:6 ERR_STATE_DATE_RANGE", "6:1 ERR_STATE_UNTERMINATED_QUOTE"]);
  });

  it("reports a bad first line and still reads the entries below it", () => {
    const parsed = parse(`logrotate state -- version 3\n"/a" 2026-1-1\n`);
    expect([...parsed.entries.keys()]).toEqual(["/a"]);
    expect(parsed.version).toBeNull();
    expect(parsed.problems).toEqual([
      {
        file: F,
        line: 1,
        column: 1,
        code: "ERR_STATE_BAD_HEADER",
        problem: "Expected the first line to be `logrotate state -- version 2` (or version 1), got `logrotate state -- version 3`",
        action: "check that this is the state file (-s/--state) and restore its first line; rotor read the entries below it (logrotate 3.21 would ignore them all)",
        logrotate: `bad top line in state file ${F}`,
        message: `${F}:1:1: Expected the first line to be \`logrotate state -- version 2\` (or version 1), got \`logrotate state -- version 3\`; check that this is the state file (-s/--state) and restore its first line; rotor read the entries below it (logrotate 3.21 would ignore them all)`,
      },
    ]);
  });

  it("takes an entry on a first line whose header is missing", () => {
    const parsed = parse(`"/a" 2026-1-1\n"/b" 2026-1-2\n`);
    expect([...parsed.entries.keys()]).toEqual(["/a", "/b"]);
    expect(parsed.problems.map((p) => p.code)).toEqual(["ERR_STATE_BAD_HEADER"]);
  });

  it("rejects a header with a CRLF ending, as logrotate does", () => {
    expect(parse(`logrotate state -- version 2\r\n"/a" 2026-1-1\n`).problems.map((p) => p.code)).toEqual(["ERR_STATE_BAD_HEADER"]);
  });
});
