/**
 * overlapLogs: the due logs of a block rotated at once (a bounded number at a time) where
 * nothing observable depends on their order.
 *
 * WHY: logrotate rotates one log after another; rotor makes each rotation durable (journal,
 * fsyncs), and one after another those waits add up (9 fsyncs per log, about 12 ms each on a
 * shared VM). Rotated together, the rotations share their fsyncs through the pass's group
 * journal (group commit) and the state is written once per wave, not once per log.
 *
 * WHEN (`canOverlap`): only what logrotate's order cannot show. A block with a per-log
 * script (prerotate, postrotate, preremove), mail or su runs one log after another, as do
 * sharedscripts blocks (shared.ts): scripts see the files, so their order is observable.
 * firstaction and lastaction stay around the whole block (block.ts). And no log's versions
 * may be confused with another's: if one log's name is a prefix of another's (a glob that
 * matches `app.log` and `app.log.1`), the block runs in order, as logrotate's result then
 * depends on it. Messages are printed in the logs' order, whatever order they finish in.
 *
 * Each directory is listed once per block (DirIndex): the listing of a log only uses the
 * names that start with its stem, which only its own rotation changes (no log's stem is a
 * prefix of another's); a stale name is harmless, as every step re-checks the disk and
 * renames never replace.
 */
import { posix } from "node:path";
import type { LogEntry } from "../../config/index.js";
import type { RotateFileOptions, RotateFs } from "../../rotate/index.js";
import { all, Semaphore, type Operation } from "../../scheduler/index.js";
import type { BlockContext } from "./block.js";
import { rotateOneLog, type LogOutcome } from "./one-log.js";

/**
 * Rotations in flight at once. Each waits for about five group commits (plan, one per step),
 * so a pass takes about 5 × logs / IN_FLIGHT commits: 1,024 was faster than 256 for 10,000
 * forced rotations (4.6–5.4 s against 5.3–10.6 s on the loaded 2-vCPU VM), and each costs
 * only a suspended task.
 */
const IN_FLIGHT = 1024;
/**
 * Compressions at once. A compression holds its slot until its output is fsynced, a wait on
 * the disk, not the CPU; zlib's work runs on libuv's pool of 4 threads, which bounds the CPU
 * anyway. The engine's default of 2 made 1,000 compressions wait on 500 fsyncs in a row: 16
 * took 4.3–4.9 s against 5.9–6.1 s (1,000 logs of 4 KiB, loaded 2-vCPU VM; 64: no better).
 */
const COMPRESSIONS = 16;
/**
 * Rotations recorded in memory between two writes of the state file. Each write renders the
 * whole file (10,000 lines: 5 ms); the group journal keeps the rotations until it is durable.
 */
const STATE_WAVE = 1024;

/**
 * Whether the due logs of `entry` may be rotated at once.
 *
 * @example
 * if (canOverlap(entry, due, options, ctx)) yield* overlapLogs(entry, due, options, ctx);
 */
export function canOverlap(entry: LogEntry, due: readonly string[], options: RotateFileOptions, ctx: BlockContext): boolean {
  const s = entry.settings;
  // onStep (verbose step lines) would interleave the logs' steps.
  if (due.length < 2 || ctx.journal === null || ctx.store === null || options.onStep !== undefined) return false;
  if (s.sharedscripts || s.scripts.prerotate || s.scripts.postrotate || s.scripts.preremove || s.mail !== null) return false;
  // su switches the effective user of the whole process around one log's rotation (su.ts).
  if (s.su !== null) return false;
  const stems = due.map((log) => stemOf(posix.basename(log), s.addextension || s.extension)).sort();
  // Sorted, a name that is a prefix of any later one is a prefix of the next one.
  for (let i = 1; i < stems.length; i++) if (stems[i]!.startsWith(stems[i - 1]!)) return false;
  return true;
}

function stemOf(name: string, extension: string | null): string {
  return extension && name.endsWith(extension) && name !== extension ? name.slice(0, -extension.length) : name;
}

/**
 * Rotates `due` at once under the pass's group journal, records each rotation in the state
 * (written once per wave), and prints each log's messages in order.
 *
 * @example
 * yield* overlapLogs(entry, due, options, ctx);
 */
export function* overlapLogs(entry: LogEntry, due: readonly string[], options: RotateFileOptions, ctx: BlockContext): Operation<void> {
  const store = ctx.store!;
  const group = yield* ctx.journal!.group();
  const at = { patternText: entry.patternText, shared: false };
  const listings = new DirIndex(options.fs!);
  const engine: RotateFileOptions = { ...options, journalGroup: group, compressionSlots: options.compressionSlots ?? new Semaphore(COMPRESSIONS) };
  const ext = entry.settings.addextension || entry.settings.extension;
  const outcomes: Array<LogOutcome | undefined> = new Array(due.length);
  let next = 0;
  let printed = 0;
  let unwritten: string[] = [];
  const writeState = function* (): Operation<void> {
    const recorded = unwritten;
    unwritten = [];
    yield* store.flush(); // carries every rotation remembered so far
    for (const log of recorded) group.settle(log);
  };
  const worker = function* (): Operation<void> {
    while (next < due.length) {
      const index = next++;
      const log = due[index]!;
      const outcome = yield* rotateOneLog(log, { ...engine, fs: listings.fsFor(stemOf(posix.basename(log), ext)) }, at);
      outcomes[index] = outcome;
      if (outcome.record) {
        store.remember(outcome.log, ctx.now);
        unwritten.push(outcome.log);
      }
      for (; printed < due.length && outcomes[printed] !== undefined; printed++) {
        const done = outcomes[printed]!;
        for (const message of done.messages) ctx.out[message.level](message.text);
        if (done.rotated) ctx.out.report.rotated.push(done.log);
      }
      if (unwritten.length >= STATE_WAVE) yield* writeState();
    }
  };
  yield* all(Array.from({ length: Math.min(IN_FLIGHT, due.length) }, () => worker()));
  yield* writeState();
}

/**
 * Each directory's names, read once per block and sorted, so that each log gets only the
 * names that start with its stem (a binary search), not the whole directory: in a directory
 * of 10,000 logs, listing it again for each of them was quadratic.
 */
class DirIndex {
  readonly #names = new Map<string, Promise<string[] | null>>();

  constructor(readonly fs: RotateFs) {}

  /** `fs` as seen by the rotation of the log whose versions are named `stem*`. */
  fsFor(stem: string): RotateFs {
    const readdir = (dir: string): Promise<string[] | null> => this.#startingWith(dir, stem);
    return new Proxy(this.fs, {
      get(target, key) {
        if (key === "readdir") return readdir;
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  async #startingWith(dir: string, prefix: string): Promise<string[] | null> {
    let sorted = this.#names.get(dir);
    if (sorted === undefined) this.#names.set(dir, (sorted = this.fs.readdir(dir).then((names) => names?.sort() ?? null)));
    const names = await sorted;
    if (names === null) return null;
    let low = 0;
    let high = names.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (names[middle]! < prefix) low = middle + 1;
      else high = middle;
    }
    let end = low;
    while (end < names.length && names[end]!.startsWith(prefix)) end++;
    return names.slice(low, end);
  }
}
