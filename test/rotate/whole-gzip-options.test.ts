/**
 * wholeGzipOptions: the smallest window that holds the whole input gives exactly the bytes
 * of zlib's default window — checked at every window's boundary, for text, repetitive and
 * random inputs, at the default level and at 1 and 9.
 */
import { randomBytes } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { wholeGzipOptions } from "../../src/rotate/compress.js";

/** For each windowBits 9–14: the largest input it is chosen for, and one byte more. */
const BOUNDARIES = [9, 10, 11, 12, 13, 14].flatMap((bits) => [(1 << bits) - 262, (1 << bits) - 261]);
const SIZES = [0, 1, 100, ...BOUNDARIES, 4096, 32 * 1024, 100 * 1024];

function inputs(size: number): Array<[string, Buffer]> {
  const line = "2026-11-25T00:00:00Z host app[123]: request 0123456789abcdef took 12 ms\n";
  const text = Buffer.from(line.repeat(Math.ceil(size / line.length) + 1).slice(0, size));
  const varied = Buffer.from(text);
  for (let i = 0; i < size; i += 37) varied[i] = 0x41 + (i % 26);
  // Its first 32 bytes again at its end: the longest match there is, as far back as the input goes.
  const farRepeat = randomBytes(size);
  if (size >= 64) farRepeat.copy(farRepeat, size - 32, 0, 32);
  return [
    ["repetitive text", text],
    ["a repeat at the far end", farRepeat],
    ["varied text", varied],
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

  it.each(SIZES)("gives the default window's bytes for %i bytes", (size) => {
    for (const [, input] of inputs(size)) {
      for (const level of [null, 1, 9]) {
        const compressed = gzipSync(input, wholeGzipOptions(level, input.length));
        expect(compressed.equals(gzipSync(input, level === null ? {} : { level }))).toBe(true);
        expect(gunzipSync(compressed).equals(input)).toBe(true);
      }
    }
  });
});
