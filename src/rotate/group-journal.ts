/**
 * GroupJournal: one journal file for many rotations that run at once, with group commit.
 *
 * WHY: a rotation's own journal (journal.ts) makes each step durable on its own: about nine
 * fsyncs per rotation, one after the other. A pass over thousands of logs rotates many of
 * them at once, and their records can share the disk's work: every record that arrives
 * while one commit is on the disk waits for the next commit, which carries them all.
 *
 * HOW a commit works (the ordering is what keeps it crash-safe):
 * 1. take every pending line and every directory a step changed since the last commit;
 * 2. fsync those directories (at once), so the renames and removals are durable;
 * 3. append the lines and fsync the file; only then resolve the waiters.
 * So a `done` mark is never durable before the change it records, as with the file journal,
 * and each plan's steps still run in order, each after its predecessor's mark is durable.
 *
 * Format: JSON lines. The first is `{"format":"rotor-group-journal/1"}`; then per rotation
 * `{"id":n,"plan":{...}}`, `{"id":n,"done":i}` (with `"failed":true` when it failed), and
 * `{"id":n,"settled":true}` once its owner has recorded it (the pass: in the state file).
 * A batch (batch.ts) marks one step of many plans with one line, `{"ids":[...],"done":i}`
 * (with `"failed":[...]`, the ids among them whose step failed). A torn last line is ignored.
 *
 * Invariant: the file exists while one of its plans is not settled; its owner removes it
 * (`remove`) when all are, and a later run finishes and settles what a crash left.
 */
import { posix } from "node:path";
import { eachBounded } from "./bounded.js";
import { JournalError } from "./errors.js";
import type { RotateFs } from "./fs.js";
import type { JournalPlan, JournalWriter } from "./journal.js";

const FORMAT = "rotor-group-journal/1";
/** Directories a commit fsyncs at once (each open meanwhile: see bounded.ts). */
const DIRS_AT_ONCE = 64;

/** One rotation of a group journal as read back after a crash. */
export interface GroupEntryState {
  id: number;
  plan: JournalPlan;
  done: Set<number>;
  failed: Set<number>;
  /** Its owner had recorded it: nothing is left to do for it. */
  settled: boolean;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * A group journal being written. Create one with `GroupJournal.create` (or `resume` one that
 * `read` found), take one `entry` per rotation, `settle` each once recorded, then `remove`.
 *
 * @example
 * const group = await GroupJournal.create(nodeFs, "/var/lib/rotor/.status.rotor-pass-journal");
 * yield* rotation(log, { ...options, journalGroup: group });
 * yield* store.record(log, now);
 * group.settle(log);
 * await group.remove();
 */
export class GroupJournal {
  /** Invariant: lines and directories not yet committed, and who waits for them. */
  #lines: string[] = [];
  readonly #dirs = new Set<string>();
  #waiters: Waiter[] = [];
  #committing: Promise<void> | null = null;
  #nextId: number;
  /** The id of each log's rotation in this group, from its `begin` until it is settled. */
  readonly #ids = new Map<string, number>();
  /** The ids whose plan ran to its end (a plan stopped by an error stays, to be finished). */
  readonly #ended = new Set<number>();

  private constructor(
    readonly fs: RotateFs,
    readonly path: string,
    nextId: number,
  ) {
    this.#nextId = nextId;
  }

  /** Writes a new, empty group journal durably (temporary file, fsync, rename, directory fsync). */
  static async create(fs: RotateFs, path: string): Promise<GroupJournal> {
    const temporary = `${path}.tmp`;
    await fs.unlink(temporary);
    await fs.writeNewDurable(temporary, `${JSON.stringify({ format: FORMAT })}\n`, 0o600);
    await fs.renameNoReplace(temporary, path);
    await fs.fsyncDir(posix.dirname(path));
    return new GroupJournal(fs, path, 0);
  }

  /** Appends to the group journal that `read` found at `path` (to finish its rotations). */
  static resume(fs: RotateFs, path: string, entries: readonly GroupEntryState[]): GroupJournal {
    const group = new GroupJournal(fs, path, Math.max(-1, ...entries.map((e) => e.id)) + 1);
    // The crash may have torn the last line: a newline first, or the next record would be
    // glued to it and lost (an empty line reads as nothing).
    group.#lines.push("\n");
    return group;
  }

  /** The rotations of the group journal at `path`, or null when there is none. */
  static async read(fs: RotateFs, path: string): Promise<GroupEntryState[] | null> {
    await fs.unlink(`${path}.tmp`); // a journal that was being created: nothing had started
    const text = await fs.readText(path);
    if (text === null) return null;
    const [first, ...rest] = text.split("\n");
    if (!first?.includes(FORMAT)) throw new JournalError(path, "not a rotor group journal. Inspect and delete it if it is stray.");
    const entries = new Map<number, GroupEntryState>();
    for (const line of rest) {
      let record: { id?: unknown; ids?: unknown; plan?: JournalPlan; done?: unknown; failed?: unknown; settled?: unknown };
      try {
        record = JSON.parse(line) as typeof record;
      } catch {
        continue; // a torn last line (or the empty one after the last newline)
      }
      if (Array.isArray(record.ids) && typeof record.done === "number") {
        const failed = new Set(Array.isArray(record.failed) ? record.failed : []);
        for (const id of record.ids) {
          entries.get(id as number)?.done.add(record.done);
          if (failed.has(id)) entries.get(id as number)?.failed.add(record.done);
        }
        continue;
      }
      if (typeof record.id !== "number") continue;
      if (record.plan !== undefined) entries.set(record.id, { id: record.id, plan: record.plan, done: new Set(), failed: new Set(), settled: false });
      const entry = entries.get(record.id);
      if (entry === undefined) continue;
      if (typeof record.done === "number") entry.done.add(record.done);
      if (typeof record.done === "number" && record.failed === true) entry.failed.add(record.done);
      if (record.settled === true) entry.settled = true;
    }
    return [...entries.values()];
  }

  /**
   * The JournalWriter for one rotation of `log` (or, with `resumeId`, for finishing that
   * entry of a group journal read back after a crash).
   */
  entry(log: string, resumeId?: number): JournalWriter {
    let id = resumeId ?? -1;
    if (resumeId !== undefined) this.#ids.set(log, resumeId);
    return {
      begin: (plan) => {
        id = this.#nextId++;
        this.#ids.set(log, id);
        return this.#commit(`${JSON.stringify({ id, plan })}\n`);
      },
      dirChanged: async (dir) => {
        this.#dirs.add(dir); // made durable by the commit that carries the next mark
      },
      mark: (index, failed) => this.#commit(`${JSON.stringify(failed ? { id, done: index, failed } : { id, done: index })}\n`),
      end: async () => {
        this.#ended.add(id); // the entry stays until its owner settles it
      },
    };
  }

  /**
   * Journals the plans of a batch (batch.ts) in one commit and returns their ids; each
   * plan's `log` must not be in the group already. The batch then marks a step of many plans
   * at once (`markAll`), says which directories its steps changed (`dirChanged`), and which
   * plans ran to their end (`ended`).
   */
  beginAll(plans: readonly JournalPlan[]): Promise<number[]> {
    const ids = plans.map((plan) => {
      const id = this.#nextId++;
      this.#ids.set(plan.log, id);
      return id;
    });
    return this.#commit(plans.map((plan, i) => `${JSON.stringify({ id: ids[i], plan })}\n`).join("")).then(() => ids);
  }

  /** Marks step `index` of the plans `ids` done (`failed`: those whose step failed), durably. */
  markAll(ids: readonly number[], index: number, failed: readonly number[]): Promise<void> {
    return this.#commit(`${JSON.stringify(failed.length > 0 ? { ids, done: index, failed } : { ids, done: index })}\n`);
  }

  /** A step changed entries of `dir`: the next commit makes them durable before its marks. */
  dirChanged(dir: string): void {
    this.#dirs.add(dir);
  }

  /** The plan `id` ran to its end; it stays until its owner settles it. */
  ended(id: number): void {
    this.#ended.add(id);
  }

  /**
   * Notes that `log`'s rotation is recorded where its owner keeps such things (nothing, if
   * it did not begin or was stopped halfway: that one stays to be finished). Not waited
   * for: if the note is lost in a crash, the next run records the rotation once more, which
   * changes nothing.
   */
  settle(log: string): void {
    const id = this.#ids.get(log);
    if (id === undefined || !this.#ended.has(id)) return;
    this.#ids.delete(log);
    this.#lines.push(`${JSON.stringify({ id, settled: true })}\n`);
  }

  /** How many rotations have begun in this group and are not settled yet. */
  get unsettled(): number {
    return this.#ids.size;
  }

  /** Removes the journal durably, once every rotation in it is settled. */
  async remove(): Promise<void> {
    while (this.#committing !== null) await this.#committing;
    await this.fs.unlink(this.path);
    await this.fs.fsyncDir(posix.dirname(this.path));
  }

  /** Queues `line` and resolves once a commit that carries it is durable. */
  #commit(line: string): Promise<void> {
    this.#lines.push(line);
    const done = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    this.#committing ??= this.#drain();
    return done;
  }

  /** Commits until nothing waits; one commit at a time, each carrying all that arrived. */
  async #drain(): Promise<void> {
    while (this.#waiters.length > 0) {
      const lines = this.#lines.join("");
      const dirs = [...this.#dirs];
      const waiters = this.#waiters;
      this.#lines = [];
      this.#dirs.clear();
      this.#waiters = [];
      try {
        // Bounded: a pass over logs in thousands of directories would open them all at once.
        await eachBounded(dirs, DIRS_AT_ONCE, (dir) => this.fs.fsyncDir(dir));
        await this.fs.appendDurable(this.path, lines);
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        // The marks were not written; their steps are done again by whoever finishes the plan.
        for (const waiter of waiters) waiter.reject(error);
      }
    }
    this.#committing = null;
  }
}
