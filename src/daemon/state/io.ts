/**
 * Reading and writing the state file through a StateFs. A write is atomic and durable: the
 * new state goes to `<state>.tmp` in the same directory (so the rename cannot cross
 * filesystems), is fsynced, renamed over the old file, and the directory is fsynced. A
 * crash leaves either the old state file or the new one, never a mix — logrotate 3.21 does
 * the same up to the rename, but does not fsync the directory.
 *
 * DEVIATION (mode): rotor writes the state file with mode 0600, whatever was there before.
 * logrotate 3.21 creates it 0644 & ~umask and then keeps the old file's mode minus the
 * world-read bit (0640 with the usual umask 022): it refuses to lock a world-readable state
 * file, since anyone who can open it can flock it. 0600 is the mode the issue asks for: the
 * state file names every log on the machine, and no one but its owner needs to read it.
 */
import { dirname } from "node:path";
import { StateReadError, StateWriteError } from "./errors.js";
import { formatState, type FormatStateOptions } from "./format.js";
import { parseState, type ParsedState } from "./parse.js";
import { hasCode, type StateFs } from "./state-fs.js";

/** The mode rotor gives the state file (and its lock file). */
export const STATE_MODE = 0o600;

export interface ReadStateOptions {
  fs: StateFs;
  /** IANA zone the dates are in; default the host's. */
  timeZone?: string;
}

export interface ReadState extends ParsedState {
  /** Size of the file in bytes (0 when missing): logrotate sizes its table by it. */
  bytes: number;
  /** False when there was no state file (a first run). */
  existed: boolean;
}

/**
 * Reads and parses a state file. A missing file is an empty state; bad lines are reported
 * in `problems` and skipped. Throws StateReadError only when the file cannot be read at all.
 *
 * @example
 * const { entries, problems } = await readState("/var/lib/logrotate/status", { fs: nodeStateFs });
 */
export async function readState(path: string, options: ReadStateOptions): Promise<ReadState> {
  let text: string | null;
  try {
    text = await options.fs.readText(path);
  } catch (error) {
    const reason = hasCode(error, "EISDIR") ? "it is a directory; point --state at a file" : error instanceof Error ? error.message : String(error);
    throw new StateReadError(path, reason, { cause: error });
  }
  if (text === null) return { entries: new Map(), problems: [], version: null, bytes: 0, existed: false };
  const parsed = parseState(text, path, { timeZone: options.timeZone });
  return { ...parsed, bytes: new TextEncoder().encode(text).length, existed: true };
}

export interface WriteStateOptions extends FormatStateOptions {
  fs: StateFs;
}

/**
 * Writes `text` as the state file at `path`, atomically and durably, with mode 0600.
 * On failure the old state file is untouched, the temporary file is removed, and a
 * StateWriteError says what happened.
 *
 * @example
 * await writeStateText("/var/lib/rotor/status", formatState(entries), nodeStateFs);
 */
export async function writeStateText(path: string, text: string, fs: StateFs): Promise<void> {
  const temporary = `${path}.tmp`;
  try {
    // Left by a crash between create and rename; the caller holds the lock, so it is no one's.
    await fs.unlink(temporary);
    await fs.writeNew(temporary, text, STATE_MODE);
    await fs.rename(temporary, path);
  } catch (error) {
    await fs.unlink(temporary).catch(() => false);
    throw new StateWriteError(path, error);
  }
  try {
    await fs.fsyncDir(dirname(path));
  } catch (error) {
    throw new StateWriteError(path, error);
  }
}

/**
 * Formats `entries` as logrotate would and writes them as the state file at `path`
 * (see writeStateText).
 *
 * @example
 * await writeState("/var/lib/rotor/status", new Map([["/var/log/app.log", now]]), { fs: nodeStateFs });
 */
export async function writeState(path: string, entries: ReadonlyMap<string, number>, options: WriteStateOptions): Promise<void> {
  await writeStateText(path, formatState(entries, options), options.fs);
}
