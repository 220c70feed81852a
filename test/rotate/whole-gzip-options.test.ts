/**
 * wholeGzipOptions: the smallest window that holds the whole input gives exactly the bytes
 * of zlib's default window — checked around every window's limit, for repetitive text,
 * random bytes and an input whose farthest match needs the whole window, at every level.
 */
import { randomBytes } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { wholeGzipOptions } from "../../src/rotate/compress.js";
import { farMatch, WINDOW_TEST_SIZES } from "./support/gzip-inputs.js";

function inputs(size: number): Array<[string, Buffer]> {
  const line = "2026-11-25T00:00:00Z host app[123]: request 0123456789abcdef took 12 ms\n";
  const text = Buffer.from(line.repeat(Math.ceil(size / line.length) + 1).slice(0, size));
  return [
    ["repetitive text", text],
    ["a match reaching back nearly the whole input", farMatch(size)],
    ["random bytes", randomBytes(size)],
  ];
}

describe("wholeGzipOptions", () => {
  it("chooses the smallest windowBits whose reach holds the input, 15 beyond 32 KiB less the lookahead", () => {
    expect(wholeGzipOptions(null, 0)).toEqual({ windowBits: 9 });
    expect(wholeGzipOptions(null, 250)).toEqual({ windowBits: 9 });
    expect(wholeGzipOptions(null, 251)).toEqual({ windowBits: 10 });
    expect(wholeGzipOptions(6, 4096)).toEqual({ level: 6, windowBits: 13 });
    expect(wholeGzipOptions(null, 32 * 1024 - 262)).toEqual({ windowBits: 15 });
    expect(wholeGzipOptions(9, 1 << 20)).toEqual({ level: 9, windowBits: 15 });
  });

  it.each(WINDOW_TEST_SIZES)("gives the default window's bytes for %i bytes, at every level", (size) => {
    for (const [, input] of inputs(size)) {
      for (const level of [null, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) {
        const compressed = gzipSync(input, wholeGzipOptions(level, input.length));
        expect(compressed.equals(gzipSync(input, level === null ? {} : { level }))).toBe(true);
        expect(gunzipSync(compressed).equals(input)).toBe(true);
      }
    }
  });
});
