/**
 * Compression of a closed version: gzip through node:zlib (its work runs on libuv's
 * thread pool, so the loop never blocks), zstd through the `zstd` program (Node 20's zlib
 * has no zstd), or an external command (logrotate's compresscmd), streaming from the
 * source into a new file that is fsynced before the caller renames it into place (or, with
 * `durable` false, left for the caller to fsync: a batch's one barrier for many files).
 */
import type { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip, gzip, gzipSync, type ZlibOptions } from "node:zlib";
import type { RunCommand } from "./commands.js";
import type { RotateFs } from "./fs.js";
import type { Compression } from "./policy.js";

/** Compresses `from` into the new file `to` (created exclusively with `mode`, fsynced if `durable`). */
export async function compressFile(
  fs: RotateFs,
  run: RunCommand,
  method: Compression,
  level: number | null,
  from: string,
  to: string,
  mode: number,
  signal?: AbortSignal,
  durable = true,
  size = Infinity,
): Promise<void> {
  if (method === "gzip") {
    if (size <= WHOLE_BYTES && fs.readWhole !== undefined && fs.writeNewBytes !== undefined) {
      const data = await fs.readWhole(from);
      const options = wholeGzipOptions(level, data.length);
      // A thread-pool hop costs more than compressing a few KiB here (~50 µs for 4 KiB).
      const compressed = data.length <= INLINE_BYTES ? gzipSync(data, options) : await gzipBuffer(data, options);
      return fs.writeNewBytes(to, compressed, mode, durable);
    }
    if (size <= WHOLE_BYTES) return gzipWhole(fs.openRead(from), level, fs.openWriteNew(to, mode, durable), signal);
    await pipeline(fs.openRead(from), createGzip(level === null ? {} : { level }), fs.openWriteNew(to, mode, durable), { signal });
    return;
  }
  const [command, args] = method === "zstd" ? ["zstd", ["-q", "-c", ...(level === null ? [] : [`-${level}`])]] : [method.command, method.args ?? []];
  const result = await run(command, args, { stdin: fs.openRead(from), stdout: fs.openWriteNew(to, mode, durable), signal }).catch((error: NodeJS.ErrnoException) => {
    if (error?.code !== "ENOENT") throw error;
    const advice = method === "zstd" ? 'install zstd (Node 20 has no zstd built in), or use compress: "gzip"' : "check compresscmd, or give its full path";
    throw new Error(`the compressor \`${command}\` was not found: ${advice}`);
  });
  if (result.code !== 0) {
    const how = result.signal ? `was killed by ${result.signal}` : `exited with code ${result.code}`;
    throw new Error(`${command} ${how}${result.stderr.trim() ? `: ${result.stderr.trim()}` : ""}`);
  }
}

/**
 * Sources up to this size (by their lstat) are gzipped in one piece: read whole, one zlib
 * call on the thread pool, one write. A stream pipeline costs a fixed ~0.3 ms of CPU per
 * file in stream machinery, which dominated passes over many small logs; above this size
 * the pipeline's bounded memory matters more. A source that grew since its lstat is still
 * read whole (it is a closed version: it does not grow much).
 */
const WHOLE_BYTES = 1 << 20;

/** Up to this size a whole file is gzipped on the calling thread (about 1 ms for 64 KiB), or by a batch's gzipMany. */
export const INLINE_BYTES = 64 * 1024;

/** What deflate keeps ahead of the current position (zlib's MIN_LOOKAHEAD): a match reaches back at most the window less this. */
const LOOKAHEAD = 262;

/**
 * The options for gzipping `length` bytes in one piece: the `level` asked for, and the
 * smallest window (`windowBits` 9–15) whose reach holds the whole input.
 *
 * WHY: deflate sets up its window for every stream (64 KiB of it, and as much again for its
 * chains, at the default `windowBits` 15), and for a small file that set-up is a large part
 * of the cost: 500 gzips of 4 KiB in a fresh node process took 76–108 ms with the default
 * window and 51–75 ms with the smallest (`npx tsx bench/logrotate/gzip-window-cost.ts`, two
 * runs of 7 rounds). In a process whose allocator has already grown (one run under a TypeScript
 * loader) the two were alike. The output is the same bytes: no match of an input that fits
 * is ever out of reach, and the gzip format does not record the window
 * (test/rotate/whole-gzip-options.test.ts compares them at every window's boundary).
 * gzipJob (gzip-many.ts) applies the same rule; it cannot call this (the helper thread runs
 * its source).
 */
export function wholeGzipOptions(level: number | null, length: number): ZlibOptions {
  let windowBits = 9;
  while (windowBits < 15 && length > (1 << windowBits) - LOOKAHEAD) windowBits++;
  return level === null ? { windowBits } : { level, windowBits };
}

function gzipBuffer(data: Buffer, options: ZlibOptions): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => gzip(data, options, (error, result) => (error ? reject(error) : resolve(result))));
}

/** gzip of a small file in one piece (see WHOLE_BYTES). */
async function gzipWhole(source: Readable, level: number | null, sink: Writable, signal?: AbortSignal): Promise<void> {
  // Listened to at once: the sink opens its file as soon as it is made, and may fail then.
  const finished = new Promise<void>((resolve, reject) => {
    sink.once("error", reject);
    sink.once("finish", resolve);
  });
  finished.catch(() => undefined); // awaited below, unless reading fails first
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of source) chunks.push(chunk as Buffer);
    signal?.throwIfAborted();
    const data = Buffer.concat(chunks);
    const compressed = await gzipBuffer(data, wholeGzipOptions(level, data.length));
    sink.end(compressed);
    await finished;
  } catch (error) {
    source.destroy();
    sink.destroy();
    throw error;
  }
}
