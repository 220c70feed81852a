/**
 * Fault injection for the in-memory filesystem: the process "dies" at the n-th change to
 * the disk. From then on every operation fails, as nothing runs after a SIGKILL; what is on
 * the MemoryFs is what a restarted process would find.
 */
import type { RotateFs } from "../../../src/rotate/fs.js";
import type { MemoryFs } from "./memory-fs.js";

export class Crash extends Error {
  constructor() {
    super("simulated crash");
  }
}

const CHANGES = new Set(["renameNoReplace", "unlink", "mkdir", "chown", "chmod", "createExclusive", "truncate", "writeNewDurable", "appendDurable", "openWriteNew"]);

/** A RotateFs over `disk` that crashes before its change number `crashAt` (0-based). */
export function crashingFs(disk: MemoryFs, crashAt: number): RotateFs & { changes: number; crashed: boolean } {
  const state = { changes: 0, crashed: false };
  return new Proxy(disk as unknown as RotateFs & typeof state, {
    get(target, key, receiver) {
      if (key === "changes" || key === "crashed") return state[key];
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (!state.crashed && CHANGES.has(String(key))) {
          if (state.changes === crashAt) state.crashed = true;
          else state.changes++;
        }
        if (state.crashed) {
          if (key === "openRead" || key === "openWriteNew") throw new Crash();
          return Promise.reject(new Crash());
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
