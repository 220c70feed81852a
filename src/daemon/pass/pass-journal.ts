/**
 * PassJournal: the one group journal (src/rotate/group-journal.ts) of a pass, beside its
 * state file, that journals every rotation of the pass.
 *
 * WHY: the state file records when each log was last rotated, and a rotation must never be
 * done twice nor go unrecorded. A rotation's own journal is removed when its files are done,
 * before the state records it, so a crash in between lost the record (and the next pass,
 * seeing an old date, rotated the log again). Here a rotation stays in the group journal
 * until the state that records it is durable; a later pass finishes what is left
 * (`finishGroupJournal` in recover.ts) and records it. The group journal also lets
 * concurrent rotations share their fsyncs (group commit), and the state be written once
 * per wave of rotations rather than once per rotation.
 *
 * The file is created at the pass's first rotation (a no-op pass writes nothing) and removed
 * at the end of the pass when every rotation in it is recorded.
 */
import { posix } from "node:path";
import { GroupJournal, type RotateFs } from "../../rotate/index.js";
import { call, type Operation } from "../../scheduler/index.js";

/**
 * Where the pass journal of the state file `statePath` lives: beside it as
 * `.<name>.rotor-pass-journal`, or in `journalDir`.
 *
 * @example
 * passJournalPath("/var/lib/logrotate/status"); // "/var/lib/logrotate/.status.rotor-pass-journal"
 */
export function passJournalPath(statePath: string, journalDir?: string): string {
  if (journalDir !== undefined) return posix.join(journalDir, `${encodeURIComponent(statePath)}.rotor-pass-journal`);
  return posix.join(posix.dirname(statePath), `.${posix.basename(statePath)}.rotor-pass-journal`);
}

/**
 * The pass's group journal, made on first use.
 *
 * @example
 * const journal = new PassJournal(nodeFs, passJournalPath(store.path));
 * const group = yield* journal.group();
 * ...
 * yield* journal.close();
 */
export class PassJournal {
  #group: Promise<GroupJournal> | null = null;

  constructor(
    readonly fs: RotateFs,
    readonly path: string,
  ) {}

  /** The group journal, created durably the first time it is asked for. */
  *group(): Operation<GroupJournal> {
    this.#group ??= GroupJournal.create(this.fs, this.path);
    return yield* call(this.#group);
  }

  /**
   * Removes the journal if every rotation in it is recorded (the caller has flushed the
   * state); one that is not (its rotation failed halfway) stays, for the next pass to finish.
   */
  *close(): Operation<void> {
    if (this.#group === null) return;
    const group = yield* call(this.#group);
    if (group.unsettled === 0) yield* call(group.remove());
  }
}
