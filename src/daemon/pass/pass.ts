/**
 * logrotatePass: one logrotate run over a parsed config, as a scheduler operation — what
 * `logrotate CONF` does once from cron. First every block's patterns are expanded (glob.ts)
 * and each log's first sight noted in the state, as logrotate does while reading its
 * config; then, block by block, the due logs are chosen (due.ts) and rotated (block.ts).
 * `now` is read once from the loop's clock, so a test pins a whole pass to one instant
 * (STYLE.md: read `now` once per pass).
 *
 * Before anything is decided, what a crash left is finished and recorded (recover.ts): the
 * last pass's group journal first, then, per block, the logs' own journals, so that a log
 * whose rotation was interrupted is neither left half-rotated nor rotated a second time.
 */
import type { ConfigModel } from "../../config/index.js";
import { DirectorySnapshot, nodeFsDirect, type FileInfo, type RotateFileOptions, type RotateFs, type Step } from "../../rotate/index.js";
import { call, getLoop, shield, type Operation } from "../../scheduler/index.js";
import type { StateStore } from "../state/index.js";
import { rotateBlock, type BlockContext } from "./block.js";
import { isDue } from "./due.js";
import { expandBlocks } from "./expand.js";
import { DEFAULT_MAIL_COMMAND } from "./mail.js";
import { PassJournal, passJournalPath } from "./pass-journal.js";
import { finishGroupJournal, finishLogJournals } from "./recover.js";
import { createReporter, type PassMessage, type PassReport } from "./report.js";
import { patternHeader, verboseSteps } from "./verbose.js";

export interface PassOptions {
  /** `-f`: rotate every log whatever its time and size (not an empty one under notifempty). */
  force?: boolean;
  /** `-d`: say what would be done; change nothing, run no script, write no state. */
  debug?: boolean;
  /** The open state (StateStore.open); may be null in debug mode. */
  store: StateStore | null;
  /** Default: nodeFsDirect (metadata calls made directly; see node-fs-direct.ts). */
  fs?: RotateFs;
  timeZone?: string;
  /** Passed on to the engine (runCommand, journalDir, compressionSlots, onStep). */
  engine?: Pick<RotateFileOptions, "runCommand" | "journalDir" | "compressionSlots" | "onStep">;
  /** `-m`: the command that mails versions (default /usr/bin/mail, as logrotate). */
  mailCommand?: string;
  /**
   * Say each step as logrotate's `-v` does (default true). Off when nobody reads the debug
   * lines: step lines keep a block's logs one after another (overlap.ts), so a quiet pass
   * rotates them at once.
   */
  verbose?: boolean;
  /** Sees each message as it is made. */
  onMessage?: (message: PassMessage) => void;
  /** Logs per batch where a block's logs are rotated at once (default 4,096; see overlap.ts). */
  batchSize?: number;
}

/**
 * Runs one pass and returns what it did; never throws for a single log's problem.
 *
 * @example
 * const store = yield* StateStore.open(statePath, { logs: [] });
 * try { const report = yield* logrotatePass(model, { store, force: true }); } finally { yield* store.close(); }
 */
export function* logrotatePass(model: ConfigModel, options: PassOptions): Operation<PassReport> {
  const out = createReporter(options.onMessage, { debug: options.verbose !== false });
  // A pass is one-shot: its metadata calls are made directly, not through the thread pool.
  const fs = options.fs ?? nodeFsDirect;
  const now = (yield* getLoop()).clock.wallNow();
  const debug = options.debug ?? false;
  const store = debug ? null : options.store;
  const engineStep = options.engine?.onStep;
  const sayStep = options.verbose === false ? null : verboseSteps((line) => out.debug(line));
  const onStep = sayStep === null ? engineStep : (step: Step) => (sayStep(step), engineStep?.(step));
  const engine = { ...options.engine, fs, onStep };
  // The last pass's unfinished rotations are finished and recorded first; if one cannot be,
  // its journal stays and this pass journals each rotation in its own file instead.
  let journal: PassJournal | null = null;
  if (store !== null) {
    const path = passJournalPath(store.path, engine.journalDir);
    if (yield* finishGroupJournal(path, store, engine, out)) journal = new PassJournal(fs, path);
  }
  const ctx: BlockContext = { options: engine, store, now, debug, out, journal, mailCommand: options.mailCommand ?? DEFAULT_MAIL_COMMAND, batchSize: options.batchSize };
  // The expansion's lstat of a log is reused for its due check, and its read of a directory
  // for the journal look and the listings, while nothing can have changed them since: until
  // a journal is finished or a block rotates or runs a script (directory-snapshot.ts).
  let fresh = true;
  let snapshot = new DirectorySnapshot(fs);
  const blocks = yield* expandBlocks(model.logs, fs, store, options, out, now, snapshot);
  out.debug("");
  out.debug(`Handling ${blocks.length} logs`);
  try {
    for (const { entry, logs, infos, last } of blocks) {
      for (const line of patternHeader(entry, options.force ?? false)) out.debug(line);
      if (!debug) {
        const recorded = yield* finishLogJournals(entry.patterns.map((pattern) => pattern.path), logs, store, engine, out, snapshot);
        if (recorded.size > 0) [fresh, snapshot] = [false, new DirectorySnapshot(fs)];
        logs.forEach((log, index) => recorded.has(log) && (last[index] = store?.get(log) ?? last[index]!));
      }
      const due: string[] = [];
      const known = new Map<string, FileInfo>();
      for (const [index, log] of logs.entries()) {
        if (out.saysDebug) out.debug(`considering log ${log}`);
        const info = fresh && infos[index] !== undefined ? infos[index] : yield* call(fs.lstat(log));
        if (info === null) {
          if (entry.settings.missingok) out.debug(`  log ${log} does not exist -- skipping`);
          else out.error(`stat of ${log} failed: No such file or directory`);
          continue;
        }
        if (info.type === "symlink") {
          out.debug(`  log ${log} is symbolic link. Rotation of symbolic links is not allowed to avoid security issues -- skipping.`);
          continue;
        }
        const verdict = isDue({ settings: entry.settings, size: info.size, mtimeMs: info.mtimeMs, lastRotated: last[index]!, now, force: options.force ?? false, timeZone: options.timeZone });
        // Printed as an error by logrotate, but it does not change the exit code.
        if (verdict.future) out.warning(`log ${log} last rotated in the future -- rotation forced`);
        if (verdict.due) {
          out.debug(`  log needs rotating`);
          due.push(log);
          known.set(log, info);
        } else if (out.saysDebug) out.debug(`  log does not need rotating (${verdict.reason})`);
      }
      if (due.length > 0 || entry.settings.scripts.firstaction || entry.settings.scripts.lastaction) fresh = false;
      yield* rotateBlock(entry, due, ctx, known, snapshot);
      if (!fresh) snapshot = new DirectorySnapshot(fs); // what this block did is read again, once
    }
  } finally {
    // Shielded: after a cancellation (SIGTERM) the batches begun are finished and settled,
    // and the journal is closed (removed once all is settled) rather than left for the next pass.
    if (journal !== null) yield* shield(journal.close());
  }
  return out.report;
}
