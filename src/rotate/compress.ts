/**
 * Compression of a closed version: gzip through node:zlib (its work runs on libuv's
 * thread pool, so the loop never blocks), zstd through the `zstd` program (Node 20's zlib
 * has no zstd), or an external command (logrotate's compresscmd), streaming from the
 * source into a new file that is fsynced before the caller renames it into place (or, with
 * `durable` false, left for the caller to fsync: a batch's one barrier for many files).
 */
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
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
): Promise<void> {
  if (method === "gzip") {
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
