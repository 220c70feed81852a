/**
 * Whole-directory listings for comparing rotation results, in the format of
 * docs/logrotate-behaviour.md: one line per entry, sorted by name,
 * `name mode uid:gid content`, where the content has newlines shown as `|` and compressed
 * files are shown decompressed as `gz[...]` (or `xz[...]`, `zst[...]`). A directory is
 * `name/ dir mode uid:gid`, a symlink `name -> target`. Two runs that give equal listings
 * left the same names, bytes, modes and owners behind.
 */
import { execFileSync } from "node:child_process";
import { lstatSync, readFileSync, readdirSync, readlinkSync } from "node:fs";
import { join, posix } from "node:path";
import { gunzipSync } from "node:zlib";
import type { MemoryFs } from "./memory-fs.js";

/** A file's bytes as a listing shows them. */
export function showContent(bytes: Buffer): string {
  const text = (b: Buffer): string => b.toString("utf8").replaceAll("\n", "|");
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return `gz[${text(gunzipSync(bytes))}]`;
  if (bytes[0] === 0xfd && bytes[1] === 0x37) return `xz[${text(execFileSync("xz", ["-dc"], { input: bytes }))}]`;
  if (bytes[0] === 0x28 && bytes[1] === 0xb5) return `zst[${text(execFileSync("zstd", ["-dcq"], { input: bytes }))}]`;
  return text(bytes);
}

/** The content of a file, decompressed if it is compressed, newlines kept (for exact checks). */
export function plainContent(bytes: Buffer): string {
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
}

const octal = (mode: number): string => mode.toString(8);

/**
 * Every entry of the in-memory disk, sorted, except the root and the directories `hidden`
 * (by default `/logs`): names under `/logs` relative to it, the rest absolute.
 */
export async function memoryListing(disk: MemoryFs, hidden: readonly string[] = ["/logs"]): Promise<string[]> {
  const lines: string[] = [];
  for (const relative of disk.list("/")) {
    const path = `/${relative}`;
    if (relative === "" || hidden.includes(path)) continue;
    const name = path.startsWith("/logs/") ? path.slice("/logs/".length) : path;
    const info = (await disk.lstat(path))!;
    const owner = `${info.uid}:${info.gid}`;
    if (info.type === "directory") lines.push(`${name}/ dir ${octal(info.mode)} ${owner}`);
    else if (info.type === "symlink") lines.push(`${name} -> ${disk.readlink(path)}`);
    else lines.push(`${name} ${octal(info.mode)} ${owner} ${showContent(disk.readBytes(path)!)}`);
  }
  return lines.sort();
}

/** Every entry under a real directory, recursively, relative to it (the directory itself left out). */
export function diskListing(dir: string, options: { owners?: boolean; skip?: (name: string) => boolean } = {}): string[] {
  const lines: string[] = [];
  const walk = (relative: string): void => {
    for (const name of readdirSync(join(dir, relative)).sort()) {
      const entry = relative === "" ? name : posix.join(relative, name);
      if (options.skip?.(entry)) continue;
      const path = join(dir, entry);
      const info = lstatSync(path);
      const owner = options.owners === false ? "" : ` ${info.uid}:${info.gid}`;
      if (info.isSymbolicLink()) lines.push(`${entry} -> ${readlinkSync(path)}`);
      else if (info.isDirectory()) {
        lines.push(`${entry}/ dir ${octal(info.mode & 0o7777)}${owner}`);
        walk(entry);
      } else if (info.isFile()) lines.push(`${entry} ${octal(info.mode & 0o7777)}${owner} ${showContent(readFileSync(path))}`);
      else lines.push(`${entry} other ${octal(info.mode & 0o7777)}${owner}`);
    }
  };
  walk("");
  return lines.sort();
}
