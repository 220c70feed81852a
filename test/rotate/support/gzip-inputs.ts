/**
 * Inputs for checking that a gzip window chosen by size gives the default window's bytes
 * (compress.ts's wholeGzipOptions and gzipJob's copy of its rule).
 */
import { randomInt } from "node:crypto";

/**
 * Sizes around each window's limit: the largest input wholeGzipOptions gives that window,
 * one byte more, and sizes a few to 62 bytes beyond it, where a window chosen too small
 * would leave farMatch's match out of reach; then a few others.
 */
export const WINDOW_TEST_SIZES = [0, 1, 3, 100, ...[9, 10, 11, 12, 13, 14].flatMap((bits) => [262, 261, 250, 200].map((less) => (1 << bits) - less)), 4096, 32 * 1024, 40_000];

/**
 * `size` random letters of a 16-letter alphabet (Huffman-coded, never a stored block), whose
 * first 8 bytes come again at its end: a match reaching back nearly the whole input, which
 * a window too small for it cannot make, so that the output differs.
 */
export function farMatch(size: number): Buffer {
  const data = Buffer.alloc(size);
  for (let i = 0; i < size; i++) data[i] = 0x61 + randomInt(16);
  if (size >= 16) data.copy(data, size - 8, 0, 8);
  return data;
}
