/**
 * logrotatePass: one logrotate run over a parsed config, as a scheduler operation — what
 * `logrotate CONF` does once from cron. First every block's patterns are expanded (glob.ts)
 * and each log's first sight noted in the state, as logrotate does while reading its
 * config; then, block by block, the due logs are chosen (due.ts) and rotated (block.ts).
 * `now` is read once from the loop's clock, so a test pins a whole pass to one instant
 * (STYLE.md: read `now` once per pass).
 */
import type { ConfigModel, LogEntry } from "../../config/index.js";
import { nodeFs, type RotateFileOptions, type RotateFs, type Step } from "../../rotate/index.js";
import { call, getLoop, type Operation } from "../../scheduler/index.js";
import { startOfLocalHour, type StateStore } from "../state/index.js";
import { rotateBlock } from "./block.js";
import { isDue } from "./due.js";
import { expandPattern } from "./glob.js";
import { DEFAULT_MAIL_COMMAND } from "./mail.js";
import { patternHeader, verboseSteps } from "./verbose.js";
import { createReporter, type PassMessage, type PassReport } from "./report.js";

export interface PassOptions {
  /** `-f`: rotate every log whatever its time and size (not an empty one under notifempty). */
  force?: boolean;
  /** `-d`: say what would be done; change nothing, run no script, write no state. */
  debug?: boolean;
  /** The open state (StateStore.open); may be null in debug mode. */
  store: StateStore | null;
  fs?: RotateFs;
  timeZone?: string;
  /** Passed on to the engine (runCommand, journalDir, compressionSlots, onStep). */
  engine?: Pick<RotateFileOptions, "runCommand" | "journalDir" | "compressionSlots" | "onStep">;
  /** `-m`: the command that mails versions (default /usr/bin/mail, as logrotate). */
  mailCommand?: string;
  /** Sees each message as it is made. */
  onMessage?: (message: PassMessage) => void;
}

/**
 * Runs one pass and returns what it did; never throws for a single log's problem.
 *
 * @example
 * const store = yield* StateStore.open(statePath, { logs: [] });
 * try { const report = yield* logrotatePass(model, { store, force: true }); } finally { yield* store.close(); }
 */
export function* logrotatePass(model: ConfigModel, options: PassOptions): Operation<PassReport> {
  const out = createReporter(options.onMessage);
  const fs = options.fs ?? nodeFs;
  const now = (yield* getLoop()).clock.wallNow();
  const store = options.debug ? null : options.store;
  const engineStep = options.engine?.onStep;
  const sayStep = verboseSteps((line) => out.debug(line));
  const onStep = (step: Step) => (sayStep(step), engineStep?.(step));
  const ctx = { options: { ...options.engine, fs, onStep }, store, now, debug: options.debug ?? false, out, mailCommand: options.mailCommand ?? DEFAULT_MAIL_COMMAND };
  // logrotate expands every block's globs and notes first sight of every log while it reads
  // the config, before any rotation (rule 33): the state's table order depends on it.
  const blocks: Array<{ entry: LogEntry; logs: string[]; last: number[] }> = [];
  const seen = new Set<string>();
  for (const entry of model.logs) {
    const logs: string[] = [];
    const inBlock = new Set<string>(); // a Set: a block's glob can match 10,000 logs
    for (const pattern of entry.patterns) {
      for (const log of yield* expandPattern(pattern.path, fs)) {
        if (inBlock.has(log)) continue;
        inBlock.add(log);
        // A directory is dropped while the config is read: no state line, no message (12f).
        if ((yield* call(fs.lstat(log)))?.type === "directory") continue;
        logs.push(log);
      }
    }
    // A glob that matches a log of an earlier block drops its whole block, first sight
    // included (checked by experiment; a literal duplicate is dropped alone by the parser).
    const duplicate = logs.find((log) => seen.has(log));
    if (duplicate !== undefined) {
      out.error(`${entry.location.file}:${entry.location.line} duplicate log entry for ${duplicate}`);
      continue;
    }
    for (const log of logs) seen.add(log);
    const last = logs.map((log) => (store !== null ? store.firstSight(log, now) : (options.store?.get(log) ?? startOfLocalHour(now, options.timeZone))));
    blocks.push({ entry, logs, last });
  }
  out.debug("");
  out.debug(`Handling ${blocks.length} logs`);
  for (const { entry, logs, last } of blocks) {
    for (const line of patternHeader(entry, options.force ?? false)) out.debug(line);
    const due: string[] = [];
    for (const [index, log] of logs.entries()) {
      out.debug(`considering log ${log}`);
      const info = yield* call(fs.lstat(log));
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
      } else out.debug(`  log does not need rotating (${verdict.reason})`);
    }
    yield* rotateBlock(entry, due, ctx);
  }
  return out.report;
}
