/**
 * rotateBlock: one config block's rotations, in logrotate 3.21's order (docs/logrotate-
 * behaviour.md "Order of operations"): firstaction once if any log is due ($1 = the raw
 * pattern text), then each due log — complete in turn (nosharedscripts), or all together
 * with one prerotate and one postrotate (sharedscripts, shared.ts) — then lastaction, which
 * runs even after a failed prerotate or postrotate (09e, 09f). A failing log never stops the
 * others. Every rotation is journaled in the pass's group journal (pass-journal.ts) until the
 * state that records it is durable: at once for a log rotated alone, once per wave for logs
 * rotated at once (overlap.ts: blocks without per-log scripts, where order cannot show).
 */
import type { LogEntry } from "../../config/index.js";
import { nodeFs, rotationPreview, runCommand, runScript, VersionInTheWayError, type DirectorySnapshot, type FileInfo, type RotateFileOptions } from "../../rotate/index.js";
import { call, type Operation } from "../../scheduler/index.js";
import type { StateStore } from "../state/index.js";
import { mailSteps } from "./mail.js";
import { logrotateMessage, type MessageContext } from "./messages.js";
import { rotateOneLog } from "./one-log.js";
import { rotateOptionsFor } from "./options.js";
import { canOverlap, overlapLogs } from "./overlap.js";
import type { PassJournal } from "./pass-journal.js";
import type { Reporter } from "./report.js";
import { sharedRotation } from "./shared.js";
import { asSuUser, rootScripts, suFiles } from "./su.js";
import { verboseSteps } from "./verbose.js";

export interface BlockContext {
  options: Omit<RotateFileOptions, keyof ReturnType<typeof rotateOptionsFor>>;
  /** null in debug mode: nothing is recorded. */
  store: StateStore | null;
  now: number;
  debug: boolean;
  out: Reporter;
  /** `-m`: the command that mails (mail.ts). */
  mailCommand: string;
  /** The pass's group journal (null: each rotation keeps its own journal): see pass-journal.ts. */
  journal: PassJournal | null;
  /** Logs per batch where a block's logs are rotated at once (overlap.ts; default there). */
  batchSize?: number;
}

/**
 * Rotates the due logs of one block; `due` is already decided (due.ts), in pattern order.
 * `known`: the lstats the due check made of them, and `snapshot`: their directories as the
 * pass read them, which logs rotated at once reuse unless firstaction runs first (it may
 * change the logs).
 *
 * @example
 * yield* rotateBlock(entry, ["/var/log/a.log"], context);
 */
export function* rotateBlock(entry: LogEntry, due: readonly string[], ctx: BlockContext, known?: ReadonlyMap<string, FileInfo>, snapshot?: DirectorySnapshot): Operation<void> {
  if (due.length === 0) return;
  const s = entry.settings;
  const base: RotateFileOptions = { ...rotateOptionsFor(s), ...ctx.options, adjustPlan: mailSteps(s, ctx.mailCommand) };
  const options: RotateFileOptions = { ...base, fs: suFiles(base.su, base.fs ?? nodeFs), runCommand: rootScripts(base.su, base.runCommand ?? runCommand) };
  if (ctx.debug) return yield* previewBlock(entry, due, options, ctx);
  const run = options.runCommand ?? runCommand;
  const action = function* (stage: "firstaction" | "lastaction", body: string | undefined): Operation<boolean> {
    if (!body) return true;
    ctx.out.debug(`running ${stage === "firstaction" ? "first" : "last"} action script`);
    try {
      yield* call((signal) => runScript(run, stage, body, [entry.patternText], signal));
      return true;
    } catch (error) {
      ctx.out.error(logrotateMessage(entry.patternText, error, { patternText: entry.patternText, shared: s.sharedscripts }));
      return false;
    }
  };
  // A failing firstaction rotates nothing of the block, and leaves the state alone (09g).
  if (!(yield* action("firstaction", s.scripts.firstaction))) return;
  // Under su the rotation runs as that user, who may not write the pass's journal beside the
  // state file: each log keeps its own journal, in its own directory, as before.
  if (ctx.journal !== null && s.su === null) options.journalGroup = yield* ctx.journal.group();
  if (s.sharedscripts) yield* sharedBlock(entry, due, options, ctx);
  else if (canOverlap(entry, due, options, ctx)) yield* overlapLogs(entry, due, options, ctx, s.scripts.firstaction ? {} : { known, snapshot });
  else for (const log of due) yield* oneLog(log, options, ctx, { patternText: entry.patternText, shared: false });
  yield* action("lastaction", s.scripts.lastaction);
}

function* oneLog(log: string, options: RotateFileOptions, ctx: BlockContext, at: MessageContext): Operation<void> {
  ctx.out.debug(`rotating log ${log}, log->rotateCount is ${options.keep ?? 0}`);
  const outcome = yield* asSuUser(options.su, options.fs ?? nodeFs, (line) => ctx.out.debug(line), rotateOneLog(log, options, at));
  for (const message of outcome.messages) ctx.out[message.level](message.text);
  if (outcome.rotated) ctx.out.report.rotated.push(log);
  if (outcome.record) yield* record(log, ctx);
  options.journalGroup?.settle(log); // recorded, or nothing to record
}

function* sharedBlock(entry: LogEntry, due: readonly string[], options: RotateFileOptions, ctx: BlockContext): Operation<void> {
  const report = yield* asSuUser(options.su, options.fs ?? nodeFs, (line) => ctx.out.debug(line), sharedRotation(due, options, entry.patternText));
  const at = { patternText: entry.patternText, shared: true };
  for (const { log, error } of report.refused) ctx.out.error(logrotateMessage(log, error, at));
  for (const { log, reason } of report.skipped) ctx.out.debug(`  ${log}: ${reason}`);
  for (const error of report.errors) ctx.out.error(logrotateMessage(entry.patternText, error, at));
  ctx.out.report.rotated.push(...report.rotated);
  // As in oneLog: a version in the way still counts as a rotation begun, for the state.
  const refused = new Set(report.refused.filter((r) => !(r.error instanceof VersionInTheWayError)).map((r) => r.log));
  const skipped = new Set(report.skipped.map((r) => r.log));
  for (const log of due) if (!refused.has(log) && !skipped.has(log)) yield* record(log, ctx);
  if (report.journaled !== null) options.journalGroup?.settle(report.journaled);
}

function* record(log: string, ctx: BlockContext): Operation<void> {
  if (ctx.store !== null) yield* ctx.store.record(log, ctx.now);
}

/** `-d`: what would be done, from the engine's own planner, in -v's words (as logrotate -d); nothing is changed. */
function* previewBlock(entry: LogEntry, due: readonly string[], options: RotateFileOptions, ctx: BlockContext): Operation<void> {
  const { firstaction, lastaction } = entry.settings.scripts;
  if (firstaction) ctx.out.debug(`running first action script`);
  for (const log of due) {
    try {
      const preview = yield* rotationPreview(log, options);
      if (!preview.rotate) ctx.out.debug(`  ${log}: would skip (${preview.reason})`);
      else {
        ctx.out.debug(`rotating log ${log}, log->rotateCount is ${options.keep ?? 0}`);
        preview.steps.forEach(verboseSteps((line) => ctx.out.debug(line)));
      }
    } catch (error) {
      ctx.out.error(logrotateMessage(log, error, { patternText: entry.patternText, shared: entry.settings.sharedscripts }));
    }
  }
  if (lastaction) ctx.out.debug(`running last action script`);
}
