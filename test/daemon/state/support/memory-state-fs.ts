/**
 * An in-memory StateFs for tests: files in a Map, a table of live processes, an optional
 * flock holder, a log of the operations performed, and faults to inject by operation.
 */
import type { FlockProbe, StateFs } from "../../../../src/daemon/state/index.js";

export interface MemoryFile {
  data: string;
  mode: number;
}

function errno(code: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${path}`), { code });
}

export class MemoryStateFs implements StateFs {
  readonly files = new Map<string, MemoryFile>();
  /** Operations in order, as `op path` — compare the whole sequence. */
  readonly ops: string[] = [];
  /** Pids that exist on this host, besides our own. */
  readonly alive = new Set<number>();
  /** Paths on which "another program" holds an flock. */
  readonly flocked = new Set<string>();
  /** Make the next call of an operation fail with this errno code. */
  readonly faults = new Map<string, string>();
  readonly pid: number;
  readonly hostname: string;

  constructor(options: { pid?: number; hostname?: string } = {}) {
    this.pid = options.pid ?? 4242;
    this.hostname = options.hostname ?? "testhost";
  }

  /** Another process on the same "host" and disk: same files, its own pid. */
  sibling(pid: number): MemoryStateFs {
    const other = new MemoryStateFs({ pid, hostname: this.hostname });
    Object.assign(other, { files: this.files, alive: this.alive, flocked: this.flocked });
    return other;
  }

  #fault(op: string, path: string): void {
    const code = this.faults.get(op);
    if (code !== undefined) {
      this.faults.delete(op);
      throw errno(code, path);
    }
  }

  async readText(path: string): Promise<string | null> {
    this.#fault("readText", path);
    return this.files.get(path)?.data ?? null;
  }

  async writeNew(path: string, data: string, mode: number): Promise<void> {
    this.ops.push(`writeNew ${path}`);
    if (this.files.has(path)) throw errno("EEXIST", path);
    this.#fault("writeNew", path);
    this.files.set(path, { data, mode });
  }

  async rename(from: string, to: string): Promise<void> {
    this.ops.push(`rename ${from} ${to}`);
    this.#fault("rename", from);
    const file = this.files.get(from);
    if (file === undefined) throw errno("ENOENT", from);
    this.files.delete(from);
    this.files.set(to, file);
  }

  async unlink(path: string): Promise<boolean> {
    const existed = this.files.delete(path);
    if (existed) this.ops.push(`unlink ${path}`);
    return existed;
  }

  async fsyncDir(dir: string): Promise<void> {
    this.ops.push(`fsyncDir ${dir}`);
    this.#fault("fsyncDir", dir);
  }

  processExists(pid: number): boolean {
    return pid === this.pid || this.alive.has(pid);
  }

  async probeFlock(path: string): Promise<FlockProbe> {
    return this.flocked.has(path) ? "held" : "free";
  }
}
