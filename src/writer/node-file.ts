/**
 * The writer's one door to the filesystem: the live file (open for append, write a whole
 * buffer, fsync, close), its lock file and its symlink. Every call goes through libuv's
 * thread pool, so the event loop never waits on the disk.
 */
import { constants, createReadStream, createWriteStream, promises as fsp, writev, fsync, close, open, fstat } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { posix } from "node:path";

/**
 * Opens (creating it if needed; with `exclusive`, only a new file) `path` for appending;
 * resolves with the fd and the file's size.
 */
export function openAppend(path: string, mode: number, exclusive = false): Promise<{ fd: number; size: number }> {
  return new Promise((resolve, reject) => {
    const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | (exclusive ? constants.O_EXCL : 0);
    open(path, flags, mode, (error, fd) => {
      if (error) return reject(error);
      fstat(fd, (statError, stats) => (statError ? close(fd, () => reject(statError)) : resolve({ fd, size: stats.size })));
    });
  });
}

/** Writes all of the buffers, in order, at the end of the file: one writev(2), continued if short. */
export function writevAll(fd: number, buffers: Buffer[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let rest = buffers;
    const next = (): void =>
      writev(fd, rest, (error, written) => {
        if (error) return reject(error);
        // A short write: drop what went out, keep the tail of the buffer it stopped in.
        while (rest.length > 0 && written >= rest[0]!.length) {
          written -= rest[0]!.length;
          rest = rest.slice(1);
        }
        if (rest.length === 0) return resolve();
        if (written > 0) rest = [rest[0]!.subarray(written), ...rest.slice(1)];
        next();
      });
    next();
  });
}

export function fsyncFd(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
}

export function closeFd(fd: number): Promise<void> {
  return new Promise((resolve, reject) => close(fd, (error) => (error ? reject(error) : resolve())));
}

/** Whether anything is at `path` (a dangling symlink too). */
export async function exists(path: string): Promise<boolean> {
  try {
    await fsp.lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

/** Appends the bytes of file `from` to file `to`, then removes `from`. */
export async function appendFileTo(from: string, to: string): Promise<void> {
  await pipeline(createReadStream(from), createWriteStream(to, { flags: "a" }));
  await fsp.unlink(from);
}

/** A file this process created and keeps open, with its identity. */
export interface HeldFile {
  handle: FileHandle;
  dev: number;
  ino: number;
}

/**
 * Creates `path` exclusively with `text` and keeps it open (so that its inode cannot be
 * reused while it is held); null when something is already there.
 */
export async function createHeldFile(path: string, text: string): Promise<HeldFile | null> {
  let handle: FileHandle;
  try {
    handle = await fsp.open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return null;
    throw error;
  }
  try {
    await handle.writeFile(text);
    const { dev, ino } = await handle.stat();
    return { handle, dev, ino };
  } catch (error) {
    await handle.close();
    await fsp.unlink(path).catch(() => undefined);
    throw error;
  }
}

/** Whether `path` is (still) the file with this device and inode number. */
export async function isSameFile(path: string, dev: number, ino: number): Promise<boolean> {
  try {
    const stats = await fsp.lstat(path);
    return stats.dev === dev && stats.ino === ino;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

/** A small file's text, or null when it is missing. */
export async function readTextOrNull(path: string): Promise<string | null> {
  try {
    return await fsp.readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

export async function removeIfPresent(path: string): Promise<void> {
  await fsp.rm(path, { force: true });
}

/** Whether a process with this id exists (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function ownPid(): number {
  return process.pid;
}

/** Points `link` at `target`: a new link under a temporary name, renamed over the old one. */
export async function replaceSymlink(link: string, target: string): Promise<void> {
  const temporary = posix.join(posix.dirname(link), `.${posix.basename(link)}.${process.pid}.tmp`);
  await fsp.rm(temporary, { force: true });
  await fsp.symlink(target, temporary);
  await fsp.rename(temporary, link);
}
