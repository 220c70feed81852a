/**
 * rotateBatch: one round of a job's work — choose which of its files are due now, rotate
 * them with the block's full semantics (scripts, sharedscripts, state: the same code as a
 * logrotate pass, src/daemon/pass/block.ts), and say which ones failed so that the job can
 * retry them after a backoff. Never throws for a file's problem; it reports it.
 *
 * Which files are due:
 * - a retry (a rotation that failed): yes, whatever the rules say now;
 * - a logrotate block: logrotate's own rules (due.ts) at this instant;
 * - a rotor job woken by its schedule: every file, unless `notifempty`, `minsize` or `minage`
 *   says no; woken by its size trigger: the files still past the threshold.
 */
import type { LogEntry } from "../../config/index.js";
import { describeStep, type FileLocks, type RotateFs, type RunCommand, type Step } from "../../rotate/index.js";
import { call, getLoop, type Operation, type Semaphore } from "../../scheduler/index.js";
import type { SizeTriggers } from "../../triggers/index.js";
import type { Logger } from "../log/logger.js";
import type { Metrics } from "../metrics/metrics.js";
import { rotateBlock } from "../pass/block.js";
import { DEFAULT_MAIL_COMMAND } from "../pass/mail.js";
import { isDue } from "../pass/due.js";
import { expandPattern } from "../pass/glob.js";
import { createReporter } from "../pass/report.js";
import type { StateStore } from "../state/index.js";
import type { CredentialGate } from "./credential-gate.js";
import type { JobSpec } from "./job-spec.js";
import type { Work } from "./pending-work.js";

const DAY_MS = 86_400_000;

/** What every job of one daemon shares. */
export interface JobEnv {
  store: StateStore;
  fs: RotateFs;
  /** One lock per file across jobs: two jobs naming one file never rotate it at once. */
  locks: FileLocks;
  compressionSlots: Semaphore;
  /** Keeps `su` rotations apart from all others. */
  credentials: CredentialGate;
  /** How many jobs may do their start-up work (first reads, watches) at once. */
  startup: Semaphore;
  /** Every job's size trigger, as members of one group (one task, the watches of all jobs). */
  sizes: SizeTriggers;
  runCommand?: RunCommand;
  journalDir?: string;
  log: Logger;
  metrics: Metrics;
  /** The zone of logrotate's rules and state dates; undefined = the host's. */
  timeZone?: string;
  /** The command that mails versions (`mail` in a logrotate config); default logrotate's. */
  mailCommand?: string;
}

export interface BatchOutcome {
  rotated: string[];
  /** Due, not rotated, and errors were reported: to be retried. */
  failed: string[];
}

/**
 * Rotates what is due in `work` for `job`.
 *
 * @example
 * const { failed } = yield* rotateBatch(job, yield* pending.take(), env);
 */
export function* rotateBatch(job: JobSpec, work: Work, env: JobEnv): Operation<BatchOutcome> {
  const now = (yield* getLoop()).clock.wallNow();
  const due = yield* chooseDue(job, work, env, now);
  if (due.length === 0) return { rotated: [], failed: [] };
  const trigger = work.firings[0]?.trigger ?? "retry";
  const compressed: string[] = [];
  const out = createReporter((message) => {
    if (message.level === "error") env.log.error("rotation-error", { job: job.name, message: message.text });
    else if (message.level === "warning") env.log.warn("rotation-warning", { job: job.name, message: message.text });
    else env.log.debug("rotation-detail", { job: job.name, message: message.text.trim() });
  });
  const options = {
    fs: env.fs,
    locks: env.locks,
    compressionSlots: env.compressionSlots,
    runCommand: env.runCommand,
    journalDir: env.journalDir,
    onStep: (step: Step) => {
      env.log.debug("step", { job: job.name, step: describeStep(step) });
      if (step.kind === "compress") compressed.push(step.to);
    },
  };
  const block = rotateBlock(job.entry, due, { options, store: env.store, now, debug: false, out, mailCommand: env.mailCommand ?? DEFAULT_MAIL_COMMAND, journal: null });
  // `su` switches the whole process's user: such a rotation runs alone (credential-gate.ts).
  yield* (job.entry.settings.su !== null ? env.credentials.exclusive(block) : env.credentials.shared(block));
  const rotated = out.report.rotated;
  const failed = out.report.errorCount > 0 ? due.filter((log) => !rotated.includes(log)) : [];
  for (const log of rotated) env.log.info("rotated", { job: job.name, log, trigger });
  if (rotated.length > 0) {
    env.metrics.add("rotor_rotations_total", job.name, rotated.length);
    env.metrics.set("rotor_last_rotation_timestamp_seconds", job.name, Math.floor(now / 1000));
  }
  if (failed.length > 0) env.metrics.add("rotor_rotation_failures_total", job.name, failed.length);
  for (const path of compressed) {
    const info = yield* call(env.fs.lstat(path));
    if (info !== null) env.metrics.add("rotor_compressed_bytes_total", job.name, info.size);
  }
  return { rotated, failed };
}

/** The job's files that are due now, in the order the block names them, each once. */
function* chooseDue(job: JobSpec, work: Work, env: JobEnv, now: number): Operation<string[]> {
  const s = job.entry.settings;
  const candidates = new Map<string, "retry" | "size" | "schedule">();
  for (const log of work.retries) candidates.set(log, "retry");
  for (const log of work.paths) if (!candidates.has(log)) candidates.set(log, "size");
  if (work.scheduled !== null) for (const log of yield* filesOf(job.entry, env.fs)) if (!candidates.has(log)) candidates.set(log, "schedule");
  const due: string[] = [];
  for (const [log, why] of candidates) {
    const info = yield* call(env.fs.lstat(log));
    if (info === null) {
      if (!s.missingok && why !== "size") env.log.warn("log-missing", { job: job.name, log, hint: "create it, or set missingok" });
      continue;
    }
    if (info.type !== "file") {
      if (info.type === "symlink") env.log.warn("log-skipped", { job: job.name, log, reason: "a symbolic link is never rotated" });
      continue;
    }
    const lastRotated = env.store.firstSight(log, now);
    if (why === "retry") {
      due.push(log);
    } else if (job.logrotateRules) {
      const verdict = isDue({ settings: s, size: info.size, mtimeMs: info.mtimeMs, lastRotated, now, force: false, timeZone: env.timeZone });
      if (verdict.due) due.push(log);
      else env.log.debug("not-due", { job: job.name, log, reason: verdict.reason });
    } else {
      const reason = rotorRulesSayNo(job, why, info.size, info.mtimeMs, now);
      if (reason === null) due.push(log);
      else env.log.debug("not-due", { job: job.name, log, reason });
    }
  }
  return due;
}

/** Why a rotor job's file is not to be rotated now, or null if it is. */
function rotorRulesSayNo(job: JobSpec, why: "size" | "schedule", size: number, mtimeMs: number, now: number): string | null {
  const s = job.entry.settings;
  if (!s.ifempty && size === 0) return "the log is empty (notifempty)";
  if (why === "size") return job.sizeThreshold !== null && size > job.sizeThreshold ? null : `the log is not past ${job.sizeThreshold} bytes any more`;
  if (s.minsize > 0 && size < s.minsize) return `the log is smaller than minsize (${size} < ${s.minsize} bytes)`;
  if (s.minage > 0 && now - mtimeMs < s.minage * DAY_MS) return `the log changed less than minage (${s.minage} days) ago`;
  return null;
}

/** Every existing file the entry's patterns name now (globs expanded), each once. */
export function* filesOf(entry: LogEntry, fs: RotateFs): Operation<string[]> {
  const files = new Set<string>();
  for (const pattern of entry.patterns) for (const log of yield* expandPattern(pattern.path, fs)) files.add(log);
  return [...files];
}
