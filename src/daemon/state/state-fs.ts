/**
 * The few host operations the state file and its lock need, injected so that the same code
 * runs on the real disk (node-state-fs.ts, the only file here that imports node:fs) and on
 * an in-memory host in tests. Each operation is one system call's worth of meaning.
 */

/** Whether a program holds flock(2) on a file: "unknown" when it cannot be told here. */
export type FlockProbe = "held" | "free" | "unknown";

/** An flock(2) this process holds (see flock-hold.ts); `release()` lets it go. */
export interface FlockHold {
  release(): Promise<void>;
  /**
   * Takes the flock on the file now at `path` (a new inode: the state was rewritten) and
   * lets the old one go; false when it could not (then nothing is held until the next
   * renew). Optional: without it, a new hold is taken and this one released.
   */
  renew?(path: string): Promise<boolean>;
}

export interface StateFs {
  /** The whole file as UTF-8 text, or null when nothing is at `path`. */
  readText(path: string): Promise<string | null>;
  /**
   * Creates a file that must not exist yet (O_EXCL, EEXIST otherwise) holding `data`,
   * with exactly `mode` (the umask does not apply), and fsyncs it before resolving.
   */
  writeNew(path: string, data: string, mode: number): Promise<void>;
  /** rename(2): replaces whatever is at `to`, atomically. */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file; false when it was already gone. */
  unlink(path: string): Promise<boolean>;
  /** fsync(2) of a directory, so that a rename in it survives a crash. */
  fsyncDir(dir: string): Promise<void>;

  /** This process's id, written into lock files. */
  readonly pid: number;
  /** This host's name: a pid means something only on the host that wrote it. */
  readonly hostname: string;
  /** Whether a process with this id exists on this host (kill(pid, 0)). */
  processExists(pid: number): boolean;
  /**
   * Whether some program holds an flock on `path`, which must exist. Optional: a host
   * without a way to tell leaves it out, and the lock then relies on lock files alone.
   */
  probeFlock?(path: string): Promise<FlockProbe>;
  /**
   * Takes an flock on `path` and keeps it until released, as logrotate holds its own:
   * "taken" if another program holds one, "unsupported" if this host cannot. Optional;
   * where present it is used instead of `probeFlock`.
   */
  holdFlock?(path: string): Promise<FlockHold | "taken" | "unsupported">;
}

/**
 * Whether an error from the host has this errno code.
 *
 * @example
 * if (hasCode(error, "ENOENT")) return null;
 */
export function hasCode(error: unknown, code: string): boolean {
  return (error as { code?: unknown } | null)?.code === code;
}
