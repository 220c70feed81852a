/**
 * overlapLogs: the due logs of a block rotated as batches (src/rotate/batch.ts) where
 * nothing observable depends on their order.
 *
 * WHY: logrotate rotates one log after another; rotor makes each rotation durable (journal,
 * fsyncs), and one after another those waits add up (9 fsyncs per log, about 12 ms each on a
 * shared VM), and so does the engine's work per log. A batch plans its logs from one listing
 * per directory, journals all its plans with one commit in the pass's group journal, and
 * performs their steps in lockstep, one commit per step index; the state is written once
 * per batch, not once per log.
 *
 * WHEN (`canOverlap`): only what logrotate's order cannot show. A block with a per-log
 * script (prerotate, postrotate, preremove), mail or su runs one log after another, as do
 * sharedscripts blocks (shared.ts): scripts see the files, so their order is observable.
 * firstaction and lastaction stay around the whole block (block.ts). And no log's versions
 * may be confused with another's: if one log's name is a prefix of another's (a glob that
 * matches `app.log` and `app.log.1`), the block runs in order, as logrotate's result then
 * depends on it. Messages are printed in the logs' order.
 */
import { posix } from "node:path";
import type { LogEntry } from "../../config/index.js";
import { performBatch, prepareBatch, type BatchOutcome, type DirectorySnapshot, type FileInfo, type GroupJournal, type RotateFileOptions } from "../../rotate/index.js";
import { shield, spawn, yieldNow, type Operation, type Task } from "../../scheduler/index.js";
import type { BlockContext } from "./block.js";
import { failedOutcome, outcomeOf } from "./one-log.js";

/**
 * Logs per batch. A batch costs one commit per step index whatever its size, and the state is
 * written once per batch (10,000 lines: 5 ms); the group journal keeps the batch's rotations
 * until that write is durable. Larger batches hold more plans in memory (about 1 KiB each).
 */
const BATCH = 4096;
/** Logs in a block's first batch (see overlapLogs). */
const FIRST_BATCH = 512;
/**
 * Long steps (compressions, copies) at once in a batch. Measured when each compression still
 * fsynced its own output: 16 took 4.3–4.9 s against 5.9–6.1 s for 2 (1,000 logs of 4 KiB,
 * loaded 2-vCPU VM; 64: no better). With the batch's one barrier and the direct fs, which
 * compresses a small version on the loop's thread, 16 and 64 were within the noise.
 */
const COMPRESSIONS = 16;

/** What the pass has just read of a block's logs, for its batches to reuse: see block.ts. */
export interface PassReads {
  known?: ReadonlyMap<string, FileInfo>;
  snapshot?: DirectorySnapshot;
}

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
 * Rotates `due` in batches under the pass's group journal, records each rotation in the state
 * (written once per batch), and prints each log's messages in order. `read`: what the pass
 * has just read, for the batches to reuse (the logs' lstats from its due check, their
 * directories).
 *
 * HOW the batches overlap: while a batch is performed (its moves made by a worker thread,
 * move-many.ts, while this thread waits), the next is planned and journaled here, and then
 * performed too: one batch's moves are made while another's round waits for its commit
 * (the group journal carries both batches' marks in one). Their logs are distinct and no
 * name of one is a prefix of another's (canOverlap), so no step of one batch touches a name
 * of another. Each batch is performed by a task of its own, and recorded by another, in the
 * batches' order; the tasks are shielded, so a batch that was prepared is performed and
 * recorded even if the pass is cancelled meanwhile (as rotateBatch is).
 *
 * @example
 * yield* overlapLogs(entry, due, options, ctx);
 */
export function* overlapLogs(entry: LogEntry, due: readonly string[], options: RotateFileOptions, ctx: BlockContext, read: PassReads = {}): Operation<void> {
  const group = yield* ctx.journal!.group();
  const batchOptions = { ...options, journalGroup: group, known: read.known, snapshot: read.snapshot, concurrency: COMPRESSIONS };
  // The batches' tasks never fail (a failing child would cancel this task, and with it the
  // caller's cleanup): they keep the first error here, and it is thrown once all are done.
  let failure: { error: unknown } | null = null;
  const failed = (error: unknown): void => void (failure ??= { error });
  let recorded: Task<boolean> | null = null;
  const largest = ctx.batchSize ?? BATCH;
  // The first batch is small, so that the worker has moves to make soon (nothing overlaps
  // the planning of the first batch); each next one is twice as large, up to `largest`.
  let size = Math.min(largest, FIRST_BATCH);
  let count = 0;
  try {
    for (let first = 0; first < due.length && failure === null; first += size, size = Math.min(largest, size * 2)) {
      // Every other suspension point of this loop is shielded: a cancellation (SIGTERM) is
      // delivered here, so that no batch begins after it, and the ones begun are finished.
      if (first > 0) yield* yieldNow();
      const prepared = yield* prepareBatch(due.slice(first, first + size), batchOptions);
      const recordedBefore: Task<boolean> | null = recorded;
      const name = `batch ${++count}`;
      const performing: Task<BatchOutcome[] | null> = yield* spawn(
        shield(
          (function* (): Operation<BatchOutcome[] | null> {
            try {
              return yield* performBatch(prepared);
            } catch (error) {
              failed(error);
              return null;
            }
          })(),
        ),
        { name },
      );
      recorded = yield* spawn(
        shield(
          (function* (): Operation<boolean> {
            const outcomes = yield* performing;
            // After a batch that could not be recorded, the later ones stay in the group
            // journal, unsettled: the next pass records them (recover.ts).
            if (recordedBefore !== null && !(yield* recordedBefore)) return false;
            if (outcomes === null) return false;
            try {
              yield* recordBatch(entry, outcomes, ctx, group);
              return true;
            } catch (error) {
              failed(error);
              return false;
            }
          })(),
        ),
        { name: `${name} record` },
      );
    }
  } finally {
    // Cancelled or not, the batches begun are performed and recorded before this returns:
    // the pass closes its journal next, and removes it only if all is settled.
    if (recorded !== null) yield* shield(recorded);
  }
  if (failure !== null) throw (failure as { error: unknown }).error;
}

/** Prints a batch's messages in its logs' order and records its rotations in the state, durably. */
function* recordBatch(entry: LogEntry, outcomes: readonly BatchOutcome[], ctx: BlockContext, group: GroupJournal): Operation<void> {
  const at = { patternText: entry.patternText, shared: false };
  const store = ctx.store!;
  const recorded: string[] = [];
  for (const result of outcomes) {
    const outcome = "report" in result ? outcomeOf(result.log, result.report, at) : failedOutcome(result.log, result.error, at);
    for (const message of outcome.messages) ctx.out[message.level](message.text);
    if (outcome.rotated) ctx.out.report.rotated.push(outcome.log);
    if (outcome.record) {
      store.remember(outcome.log, ctx.now);
      recorded.push(outcome.log);
    }
  }
  yield* store.flush(); // carries every rotation remembered so far
  for (const log of recorded) group.settle(log);
}
