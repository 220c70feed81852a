/**
 * formatState and its parts: escaping, dates without padding, logrotate's table order,
 * and round trips of odd paths through parseState. The live comparison with the real
 * logrotate is in logrotate-golden.test.ts; the literal below is what it wrote in one run.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bucketCount, bucketOf, formatState, parseState, quotePath, writeOrder } from "../../../src/daemon/state/index.js";

const at = Date.UTC(2026, 2, 5, 7, 0, 0);

describe("formatState writes what logrotate 3.21 writes", () => {
  it("matches a state file written by logrotate for eight odd names", () => {
    // `faketime '2026-03-05 07:08:09' logrotate -s state conf` (TZ=UTC) with /tmp/lrx/logs/* daily:
    // each log seen for the first time, so each recorded at 7:00:00.
    const names = ["a.log", "back\\slash.log", "dollar$x.log", "new\nline.log", 'q"uote.log', "sp ace.log", "sq'x.log", "tab\tx.log"];
    const entries = new Map(names.map((name) => [`/tmp/lrx/logs/${name}`, at]));
    expect(formatState(entries, { timeZone: "UTC" })).toBe(
      [
        "logrotate state -- version 2",
        '"/tmp/lrx/logs/sp ace.log" 2026-3-5-7:0:0',
        '"/tmp/lrx/logs/back\\\\slash.log" 2026-3-5-7:0:0',
        '"/tmp/lrx/logs/a.log" 2026-3-5-7:0:0',
        '"/tmp/lrx/logs/tab\tx.log" 2026-3-5-7:0:0',
        "\"/tmp/lrx/logs/sq'x.log\" 2026-3-5-7:0:0",
        '"/tmp/lrx/logs/new\\nline.log" 2026-3-5-7:0:0',
        '"/tmp/lrx/logs/dollar$x.log" 2026-3-5-7:0:0',
        '"/tmp/lrx/logs/q\\"uote.log" 2026-3-5-7:0:0',
        "",
      ].join("\n"),
    );
  });

  it("writes dates in the injected zone, without zero padding", () => {
    const entries = new Map([["/a", Date.UTC(2026, 0, 2, 8, 4, 5)]]);
    expect(formatState(entries, { timeZone: "America/New_York" })).toBe('logrotate state -- version 2\n"/a" 2026-1-2-3:4:5\n');
  });

  it("quotes a path, escaping only \" \\ and newline", () => {
    expect(quotePath('/a "b"\\c\nd\te\r\'$')).toBe('"/a \\"b\\"\\\\c\\nd\te\r\'$"');
  });
});

describe("logrotate's table order", () => {
  it("hashes as logrotate 3.21 does (buckets observed in its output)", () => {
    expect(["sp ace.log", "back\\slash.log", "a.log", "tab\tx.log", "sq'x.log", "new\nline.log", "dollar$x.log", 'q"uote.log'].map((n) => bucketOf(`/tmp/lrx/logs/${n}`, 64))).toEqual([
      16, 20, 21, 44, 47, 52, 58, 60,
    ]);
    expect(["日本", "å", "ø", "é", "ü", "ñ", "ß", "ça"].map((n) => bucketOf(`/tmp/lrx/logs/${n}.log`, 64))).toEqual([16, 16, 19, 20, 23, 28, 42, 43]);
  });

  it("sizes the table by the state file as read: 64 buckets up to about 1 MB", () => {
    expect([0, 1_000, 1_039_999, 1_040_000, 1_988_923].map(bucketCount)).toEqual([64, 64, 64, 65, 124]);
  });

  it("writes a bucket's entries newest first, so colliding entries swap at each run", () => {
    // "/tmp/lrx/logs/日本.log" and "/tmp/lrx/logs/å.log" share bucket 16 of 64.
    const [a, b] = ["/tmp/lrx/logs/å.log", "/tmp/lrx/logs/日本.log"];
    expect(writeOrder([a!, b!], 64)).toEqual([b, a]);
    expect(writeOrder(writeOrder([a!, b!], 64), 64)).toEqual([a, b]);
  });
});

const odd = [
  "/var/log/plain.log",
  "/var/log/with space.log",
  '/var/log/"quoted".log',
  "/var/log/back\\slash.log",
  "/var/log/trailing\\",
  "/var/log/literal\\n.log",
  "/var/log/new\nline.log",
  "/var/log/tab\tand\rcr.log",
  "/var/log/it's.log",
  "/var/log/$(rm -rf).log",
  "/var/log/日本語.log",
  " leading blank",
  "#not-a-comment",
  "'",
];

describe("a state file round-trips every path", () => {
  it.each(odd)("%j", (path) => {
    const entries = new Map([[path, at]]);
    const parsed = parseState(formatState(entries, { timeZone: "UTC" }), "state", { timeZone: "UTC" });
    expect(parsed.problems).toEqual([]);
    expect([...parsed.entries]).toEqual([[path, at]]);
  });

  it("round-trips any set of paths and second-precise dates", () => {
    const path = fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 });
    const date = fc.integer({ min: Date.UTC(1970, 0, 2) / 1000, max: Date.UTC(2100, 11, 30) / 1000 }).map((s) => s * 1000);
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(path, date), { selector: ([p]) => p, maxLength: 20 }), (pairs) => {
        const entries = new Map(pairs);
        const parsed = parseState(formatState(entries, { timeZone: "Europe/Paris" }), "state", { timeZone: "Europe/Paris" });
        expect(parsed.problems).toEqual([]);
        // DST: a repeated local hour reads back as its first occurrence, as mktime does.
        for (const [p, ms] of entries) expect([ms, ms - 3_600_000]).toContain(parsed.entries.get(p));
        expect(new Set(parsed.entries.keys())).toEqual(new Set(entries.keys()));
      }),
    );
  });
});
