/**
 * The real filesystem: RotateFs on node:fs. The only file of src/rotate that imports it.
 *
 * WHY these choices:
 * - A no-replace rename is link(2) then unlink(2): link fails with EEXIST instead of
 *   silently replacing a version, and if the process dies between the two, both names
 *   point at the same inode, which the executor recognises and finishes. Where links are
 *   not allowed (EPERM, EXDEV), it falls back to a checked rename.
 * - Files are opened with O_NOFOLLOW and created with O_EXCL, so a symlink planted where a
 *   log or version goes is never followed; shred gets an open file, not a path.
 */
import { spawn } from "node:child_process";
import { constants, createReadStream, promises as fsp, type Stats } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import type { Readable, Writable } from "node:stream";
import { Writable as WritableStream } from "node:stream";
import type { FileInfo, FileType, RotateFs } from "./fs.js";

const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_RDONLY, O_RDWR, O_APPEND } = constants;

function typeOf(stats: Stats): FileType {
  if (stats.isSymbolicLink()) return "symlink";
  if (stats.isFile()) return "file";
  if (stats.isDirectory()) return "directory";
  return "other";
}

export function isCode(error: unknown, ...codes: string[]): boolean {
  return codes.includes((error as NodeJS.ErrnoException)?.code ?? "");
}

/** Reads /etc/passwd or /etc/group for the id of `name`. */
async function lookupId(file: string, name: string): Promise<number | undefined> {
  const text = await fsp.readFile(file, "utf8").catch(() => "");
  for (const line of text.split("\n")) {
    const fields = line.split(":");
    if (fields[0] === name && fields[2] !== undefined) return Number(fields[2]);
  }
  return undefined;
}

async function resolveId(kind: "user" | "group", value: string | number | undefined): Promise<number | undefined> {
  if (value === undefined) return undefined;
  if (typeof value === "number" || /^\d+$/.test(value)) return Number(value);
  const id = await lookupId(kind === "user" ? "/etc/passwd" : "/etc/group", value);
  if (id === undefined) throw new Error(`unknown ${kind} \`${value}\`: check the name, or give a numeric id`);
  return id;
}

/** What the engine keeps of an lstat. */
export function infoOf(s: Stats): FileInfo {
  return { type: typeOf(s), size: s.size, mtimeMs: s.mtimeMs, mode: s.mode & 0o7777, uid: s.uid, gid: s.gid, nlink: s.nlink, dev: s.dev, ino: s.ino };
}

export const nodeFs: RotateFs = {
  async lstat(path): Promise<FileInfo | null> {
    try {
      return infoOf(await fsp.lstat(path));
    } catch (error) {
      if (isCode(error, "ENOENT", "ENOTDIR")) return null;
      throw error;
    }
  },

  async readdir(dir) {
    try {
      return await fsp.readdir(dir);
    } catch (error) {
      if (isCode(error, "ENOENT")) return null;
      throw error;
    }
  },

  async renameNoReplace(from, to) {
    try {
      await fsp.link(from, to);
    } catch (error) {
      if (!isCode(error, "EPERM", "EXDEV", "ENOTSUP", "EOPNOTSUPP")) throw error;
      // No hard links here: check, then rename (a small window, logged by no one else).
      if ((await this.lstat(to)) !== null) throw Object.assign(new Error(`EEXIST: file already exists, rename '${from}' -> '${to}'`), { code: "EEXIST" });
      await fsp.rename(from, to);
      return;
    }
    await fsp.unlink(from);
  },

  async unlink(path) {
    try {
      await fsp.unlink(path);
      return true;
    } catch (error) {
      if (isCode(error, "ENOENT")) return false;
      throw error;
    }
  },

  async mkdir(path, mode) {
    try {
      // Missing parents too, with the same mode, as logrotate's createolddir (06d); only the
      // last one gets the exact mode (and, from the caller, the owner).
      if ((await fsp.mkdir(path, { mode, recursive: true })) === undefined) return false;
      await fsp.chmod(path, mode); // mkdir's mode is filtered by the umask
      return true;
    } catch (error) {
      if (isCode(error, "EEXIST")) return false;
      throw error;
    }
  },

  chown: (path, uid, gid) => fsp.lchown(path, uid, gid),
  chmod: (path, mode) => fsp.chmod(path, mode),

  async createExclusive(path, mode) {
    const handle = await fsp.open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
    try {
      await handle.chmod(mode); // open's mode is filtered by the umask
      await handle.sync();
    } finally {
      await handle.close();
    }
  },

  async truncate(path) {
    const handle = await fsp.open(path, O_WRONLY | O_NOFOLLOW);
    try {
      await handle.truncate(0);
    } finally {
      await handle.close();
    }
  },

  async readText(path) {
    try {
      return await fsp.readFile(path, { encoding: "utf8", flag: O_RDONLY | O_NOFOLLOW });
    } catch (error) {
      if (isCode(error, "ENOENT")) return null;
      throw error;
    }
  },

  writeNewDurable: (path, data, mode) => writeNewFile(path, data, mode, true),
  appendDurable: (path, data) => appendToFile(path, data, true),

  async fsyncDir(dir) {
    const handle = await fsp.open(dir, O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },

  openRead(path): Readable {
    // Node accepts numeric open flags here, though its types only declare strings.
    return createReadStream(path, { flags: (O_RDONLY | O_NOFOLLOW) as unknown as string });
  },

  openWriteNew(path, mode, durable = true): Writable {
    return syncedWriteStream(path, mode, durable);
  },

  async fsyncFile(path) {
    const handle = await fsp.open(path, O_RDONLY | O_NOFOLLOW);
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
  },

  async shred(path, cycles) {
    let handle: FileHandle;
    try {
      // Opened here, without following a symlink, and handed to shred as its stdout (`-`),
      // as logrotate does: shred never sees a path an attacker could swap.
      handle = await fsp.open(path, O_RDWR | O_NOFOLLOW);
    } catch (error) {
      if (isCode(error, "ENOENT")) return false;
      throw error;
    }
    try {
      const args = [...(cycles === null ? [] : ["-n", String(cycles)]), "-"];
      const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
        const child = spawn("shred", args, { stdio: ["ignore", handle.fd, "pipe"] });
        let stderr = "";
        child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.once("error", reject);
        child.once("close", (exitCode) => resolve({ code: exitCode, stderr }));
      });
      if (code !== 0) throw new Error(`shred ${path} failed: ${stderr.trim() || `exit code ${code}`}`);
    } finally {
      await handle.close();
    }
    return this.unlink(path);
  },

  async resolveOwner(user, group) {
    return { uid: await resolveId("user", user), gid: await resolveId("group", group) };
  },
};

/**
 * Writes `data` to a new file (O_EXCL, O_NOFOLLOW, exactly `mode`: the umask does not apply),
 * fsynced before it resolves if `durable`.
 *
 * @example
 * await writeNewFile("/var/log/.app.log.rotor-journal", text, 0o600, true);
 */
export async function writeNewFile(path: string, data: string, mode: number, durable: boolean): Promise<void> {
  const handle = await fsp.open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
  try {
    await handle.chmod(mode); // open's mode is filtered by the umask
    await handle.writeFile(data);
    if (durable) await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Appends `data` to an existing file (O_NOFOLLOW), fsynced before it resolves if `durable`.
 *
 * @example
 * await appendToFile("/var/log/.app.log.rotor-journal", '{"done":3}\n', true);
 */
export async function appendToFile(path: string, data: string, durable: boolean): Promise<void> {
  const handle = await fsp.open(path, O_WRONLY | O_APPEND | O_NOFOLLOW);
  try {
    await handle.writeFile(data);
    if (durable) await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A write stream to a new file whose 'finish' waits for chmod, fsync (if `durable`) and close. */
function syncedWriteStream(path: string, mode: number, durable: boolean): Writable {
  let handle: FileHandle | undefined;
  return new WritableStream({
    construct(callback) {
      fsp.open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode).then((opened) => {
        handle = opened;
        callback();
      }, callback);
    },
    write(chunk: Buffer, _encoding, callback) {
      handle!.write(chunk).then(() => callback(), callback);
    },
    writev(chunks, callback) {
      handle!.writev(chunks.map(({ chunk }) => chunk as Buffer)).then(() => callback(), callback);
    },
    final(callback) {
      const opened = handle!;
      handle = undefined;
      opened
        .chmod(mode) // open's mode is filtered by the umask
        .then(() => (durable ? opened.sync() : undefined))
        .finally(() => opened.close())
        .then(() => callback(), callback);
    },
    destroy(error, callback) {
      const opened = handle;
      handle = undefined;
      if (!opened) return callback(error);
      opened.close().then(
        () => callback(error),
        () => callback(error),
      );
    },
  });
}
