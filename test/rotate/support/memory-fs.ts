/**
 * An in-memory RotateFs for fast tests of rotation logic: directories, regular files,
 * hard links (several names for one node) and symlinks (never followed: every RotateFs
 * operation works on the last component itself). Time comes from `now()` so tests on the
 * virtual clock get stable mtimes.
 */
import { posix } from "node:path";
import { Readable, Writable } from "node:stream";
import type { FileInfo, RotateFs } from "../../../src/rotate/fs.js";

interface Node {
  type: "file" | "directory" | "symlink";
  data: Buffer;
  mode: number;
  uid: number;
  gid: number;
  mtimeMs: number;
  ino: number;
  nlink: number;
}

function errno(code: string, op: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${op} '${path}'`), { code, path, syscall: op });
}

export class MemoryFs implements RotateFs {
  readonly #nodes = new Map<string, Node>();
  #nextIno = 1;
  now: () => number;
  /** Every mutating call, in order: for tests of what a plan does. */
  readonly calls: string[] = [];

  constructor(options: { now?: () => number } = {}) {
    this.now = options.now ?? (() => 0);
    this.#nodes.set("/", this.#node("directory", 0o755));
  }

  // ---- test helpers -----------------------------------------------------------------

  /** Creates a file (and its parent directories) with `content`. */
  write(path: string, content: string | Buffer, options: { mode?: number; mtimeMs?: number; uid?: number; gid?: number } = {}): void {
    this.mkdirs(posix.dirname(path));
    const node = this.#node("file", options.mode ?? 0o644);
    node.data = Buffer.from(content);
    if (options.mtimeMs !== undefined) node.mtimeMs = options.mtimeMs;
    if (options.uid !== undefined) node.uid = options.uid;
    if (options.gid !== undefined) node.gid = options.gid;
    this.#nodes.set(path, node);
  }

  /** Appends to an existing file, as a log writer does. */
  append(path: string, content: string): void {
    const node = this.#file(path, "append");
    node.data = Buffer.concat([node.data, Buffer.from(content)]);
    node.mtimeMs = this.now();
  }

  mkdirs(path: string, mode = 0o755): void {
    if (path === "/" || this.#nodes.has(path)) return;
    this.mkdirs(posix.dirname(path), mode);
    this.#nodes.set(path, this.#node("directory", mode));
  }

  /** The target of a symlink made with symlink(), for listings. */
  readlink(path: string): string | undefined {
    const node = this.#nodes.get(path);
    return node?.type === "symlink" ? node.data.toString() : undefined;
  }

  symlink(target: string, path: string): void {
    const node = this.#node("symlink", 0o777);
    node.data = Buffer.from(target);
    this.#nodes.set(path, node);
  }

  hardlink(existing: string, path: string): void {
    const node = this.#file(existing, "link");
    node.nlink++;
    this.#nodes.set(path, node);
  }

  read(path: string): string | undefined {
    return this.readBytes(path)?.toString();
  }

  readBytes(path: string): Buffer | undefined {
    const node = this.#nodes.get(path);
    return node?.type === "file" ? Buffer.from(node.data) : undefined;
  }

  /** Every path under `dir` (files and directories), sorted, relative to it. */
  list(dir = "/"): string[] {
    const prefix = dir.endsWith("/") ? dir : `${dir}/`;
    return [...this.#nodes.keys()].filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length)).sort();
  }

  // ---- RotateFs -------------------------------------------------------------------

  async lstat(path: string): Promise<FileInfo | null> {
    const node = this.#nodes.get(path);
    if (!node) return null;
    return { type: node.type, size: node.data.length, mtimeMs: node.mtimeMs, mode: node.mode, uid: node.uid, gid: node.gid, nlink: node.nlink, dev: 1, ino: node.ino };
  }

  async readdir(dir: string): Promise<string[] | null> {
    const node = this.#nodes.get(dir);
    if (!node) return null;
    if (node.type !== "directory") throw errno("ENOTDIR", "scandir", dir);
    const prefix = dir === "/" ? "/" : `${dir}/`;
    return [...this.#nodes.keys()].filter((p) => p.startsWith(prefix) && p !== dir && !p.slice(prefix.length).includes("/")).map((p) => p.slice(prefix.length));
  }

  async renameNoReplace(from: string, to: string): Promise<void> {
    this.calls.push(`rename ${from} -> ${to}`);
    const node = this.#nodes.get(from);
    if (!node) throw errno("ENOENT", "rename", from);
    this.#parentDir(to, "rename");
    if (this.#nodes.has(to)) throw errno("EEXIST", "rename", to);
    this.#nodes.set(to, node);
    this.#nodes.delete(from);
  }

  async unlink(path: string): Promise<boolean> {
    const node = this.#nodes.get(path);
    if (!node) return false;
    if (node.type === "directory") throw errno("EISDIR", "unlink", path);
    this.calls.push(`unlink ${path}`);
    node.nlink--;
    this.#nodes.delete(path);
    return true;
  }

  async mkdir(path: string, mode: number): Promise<boolean> {
    if (this.#nodes.has(path)) return false;
    this.#parentDir(path, "mkdir");
    this.calls.push(`mkdir ${path}`);
    this.#nodes.set(path, this.#node("directory", mode));
    return true;
  }

  async chown(path: string, uid: number, gid: number): Promise<void> {
    const node = this.#existing(path, "chown");
    node.uid = uid;
    node.gid = gid;
  }

  async chmod(path: string, mode: number): Promise<void> {
    this.#existing(path, "chmod").mode = mode;
  }

  async createExclusive(path: string, mode: number): Promise<void> {
    this.calls.push(`create ${path}`);
    this.#parentDir(path, "open");
    if (this.#nodes.has(path)) throw errno("EEXIST", "open", path);
    this.#nodes.set(path, this.#node("file", mode));
  }

  async truncate(path: string): Promise<void> {
    this.calls.push(`truncate ${path}`);
    const node = this.#file(path, "open");
    node.data = Buffer.alloc(0);
    node.mtimeMs = this.now();
  }

  async readText(path: string): Promise<string | null> {
    const node = this.#nodes.get(path);
    if (!node) return null;
    if (node.type !== "file") throw errno("ELOOP", "open", path);
    return node.data.toString();
  }

  async writeNewDurable(path: string, data: string, mode: number): Promise<void> {
    await this.createExclusive(path, mode);
    this.#file(path, "write").data = Buffer.from(data);
  }

  async appendDurable(path: string, data: string): Promise<void> {
    const node = this.#file(path, "open");
    node.data = Buffer.concat([node.data, Buffer.from(data)]);
  }

  async fsyncDir(dir: string): Promise<void> {
    this.#existing(dir, "open");
  }

  openRead(path: string): Readable {
    const node = this.#nodes.get(path);
    if (!node || node.type !== "file") {
      const stream = new Readable({ read() {} });
      process.nextTick(() => stream.destroy(errno(node ? "ELOOP" : "ENOENT", "open", path)));
      return stream;
    }
    return Readable.from([Buffer.from(node.data)]);
  }

  openWriteNew(path: string, mode: number): Writable {
    const chunks: Buffer[] = [];
    return new Writable({
      construct: (callback) => this.createExclusive(path, mode).then(() => callback(), callback),
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
      final: (callback) => {
        this.#file(path, "write").data = Buffer.concat(chunks);
        callback();
      },
    });
  }

  /** Records the shred (tests look for it in `calls`), zeroes the data, then removes the file. */
  async shred(path: string, cycles: number | null): Promise<boolean> {
    const node = this.#nodes.get(path);
    if (!node) return false;
    if (node.type !== "file") throw errno("ELOOP", "open", path);
    this.calls.push(`shred${cycles === null ? "" : ` -n ${cycles}`} ${path}`);
    node.data = Buffer.alloc(node.data.length);
    return this.unlink(path);
  }

  async resolveOwner(user: string | number | undefined, group: string | number | undefined): Promise<{ uid?: number; gid?: number }> {
    const id = (value: string | number | undefined, names: Record<string, number>): number | undefined => {
      if (value === undefined) return undefined;
      if (typeof value === "number" || /^\d+$/.test(value)) return Number(value);
      if (!(value in names)) throw new Error(`unknown user or group \`${value}\``);
      return names[value];
    };
    return { uid: id(user, { root: 0, daemon: 1, nobody: 65534 }), gid: id(group, { root: 0, daemon: 1, adm: 4, nogroup: 65534 }) };
  }

  // ---- internals ------------------------------------------------------------------

  #node(type: Node["type"], mode: number): Node {
    return { type, data: Buffer.alloc(0), mode, uid: 0, gid: 0, mtimeMs: this.now(), ino: this.#nextIno++, nlink: 1 };
  }

  #existing(path: string, op: string): Node {
    const node = this.#nodes.get(path);
    if (!node) throw errno("ENOENT", op, path);
    return node;
  }

  #file(path: string, op: string): Node {
    const node = this.#existing(path, op);
    if (node.type === "symlink") throw errno("ELOOP", op, path);
    if (node.type !== "file") throw errno("EISDIR", op, path);
    return node;
  }

  #parentDir(path: string, op: string): void {
    const parent = this.#nodes.get(posix.dirname(path));
    if (!parent) throw errno("ENOENT", op, path);
    if (parent.type !== "directory") throw errno("ENOTDIR", op, path);
  }
}
