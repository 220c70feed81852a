/**
 * truncatedAlready: whether a copytruncate cut short by a crash had already emptied the live
 * log, so that finishing it does not truncate a second time (losing the lines written since).
 */
import type { RotateFs } from "./fs.js";

/** How much of a log and its copy truncatedAlready compares: enough to tell a rewrite apart. */
const COMPARED_BYTES = 64 * 1024;

/**
 * Whether a copytruncate cut short had already emptied the live log. It had if the log is
 * now smaller than its copy; it had not if the log still begins with the copied bytes. A
 * log as large as its copy that begins differently was emptied and written again since (a
 * restarted writer): it used to be truncated a second time, losing those lines. With no
 * copy (or an empty one) there is nothing to truncate that the copy holds.
 */
export async function truncatedAlready(fs: RotateFs, log: string, copied: string): Promise<boolean> {
  const [live, copy] = await Promise.all([fs.lstat(log), fs.lstat(copied)]);
  if (live === null) return false; // truncating will report the missing log
  if (copy === null || copy.size === 0 || live.size < copy.size) return true;
  const length = Math.min(copy.size, COMPARED_BYTES);
  const [a, b] = await Promise.all([head(fs, log, length), head(fs, copied, length)]);
  return !a.equals(b);
}

/** The first `length` bytes of a file (fewer if it is shorter). */
async function head(fs: RotateFs, path: string, length: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let read = 0;
  for await (const chunk of fs.openRead(path)) {
    chunks.push(chunk as Buffer);
    read += (chunk as Buffer).length;
    if (read >= length) break;
  }
  return Buffer.concat(chunks).subarray(0, length);
}
