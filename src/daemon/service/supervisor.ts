/**
 * runDaemon: the supervisor — the seed's `main()` made a service. It locks and reads the
 * state file, starts its jobs (each a DaemonJob, given a task by one JobTasks only while it
 * has work: job.ts), and then serves requests:
 *
 * - reload (SIGHUP): the config is read again; a bad one is reported and the running jobs
 *   go on untouched; a good one stops only the jobs that changed or went away (each
 *   finishes a rotation in progress first) and starts the new ones;
 * - stop (SIGTERM/SIGINT): every job is cancelled; rotations in progress are shielded by
 *   the engine, so they finish; then the state is written and unlocked, and the operation
 *   returns (the CLI exits 0).
 *
 * A job that ends unexpectedly (a trigger's own failure — a job never throws for a file)
 * is logged and started again after a backoff; it never takes the others down.
 */
import type { ConfigModel } from "../../config/index.js";
import { FileLocks, nodeFs, type RotateFs, type RunCommand } from "../../rotate/index.js";
import { getLoop, isCancelled, Semaphore, shield, spawn, type Operation, type Task } from "../../scheduler/index.js";
import { SizeTriggers } from "../../triggers/index.js";
import type { Logger } from "../log/logger.js";
import { Metrics } from "../metrics/metrics.js";
import { describeHolder, StateStore, type StateFs } from "../state/index.js";
import type { DaemonControl } from "./control.js";
import { CredentialGate } from "./credential-gate.js";
import type { JobEnv } from "./job-batch.js";
import { buildJobs, type JobSpec } from "./job-spec.js";
import { DaemonJob, DEFAULT_BACKOFF, type RunJobOptions } from "./job.js";
import { JobTasks } from "./job-tasks.js";
import { describeSchedule } from "../schedule/describe.js";

export interface DaemonOptions extends RunJobOptions {
  /** Reads the config (again, on reload); throws ConfigError for a bad one. */
  load: () => Operation<ConfigModel>;
  statePath: string;
  /** When another program holds the state file: "lock" (default) fails with exit code 3, "wait" waits for it. */
  stateLock?: "lock" | "wait";
  control: DaemonControl;
  log: Logger;
  metrics?: Metrics;
  fs?: RotateFs;
  stateFs?: StateFs;
  runCommand?: RunCommand;
  journalDir?: string;
  /** Concurrent compressions across all jobs (default 2: compression is CPU work). */
  compressions?: number;
  timeZone?: string;
  /** Told once the jobs of the first config run (tests, `npm start`'s demo). */
  onStarted?: (jobs: readonly JobSpec[]) => void;
  /** Told after each reload that was applied. */
  onReloaded?: (jobs: readonly JobSpec[]) => void;
}

/** Jobs doing their start-up work at once (see job-tasks.ts). */
const STARTUP_SLOTS = 8;

interface Running {
  spec: JobSpec;
  job: DaemonJob;
}

/**
 * Runs the daemon until `control.stop()`. Throws (before any job starts) if the first
 * config is bad or the state file is locked.
 *
 * @example
 * yield* runDaemon({ load: () => call(loadConfigFile(path)), statePath, control, log });
 */
export function* runDaemon(options: DaemonOptions): Operation<void> {
  const first = buildJobs(yield* options.load());
  const store = yield* StateStore.open(options.statePath, {
    fs: options.stateFs,
    timeZone: options.timeZone,
    lock: options.stateLock ?? "lock",
    onWait: (holder) => options.log.warn("waiting-for-state-lock", { state: options.statePath, holder: describeHolder(holder) }),
  });
  const sizes = new SizeTriggers(yield* getLoop(), { watcher: options.watcher });
  const env: JobEnv = {
    store,
    fs: options.fs ?? nodeFs,
    locks: new FileLocks(),
    compressionSlots: new Semaphore(options.compressions ?? 2),
    credentials: new CredentialGate(),
    startup: new Semaphore(STARTUP_SLOTS),
    sizes,
    runCommand: options.runCommand,
    journalDir: options.journalDir,
    log: options.log,
    metrics: options.metrics ?? new Metrics(),
    timeZone: options.timeZone,
  };
  const running = new Map<string, Running>();
  const sizeTask = yield* spawn(sizes.run(), { name: "size triggers" });
  const tasks = new JobTasks(env.startup);
  const tasksTask = yield* spawn(tasks.run(), { name: "jobs" });
  try {
    for (const spec of first) running.set(spec.name, start(spec, env, tasks, options));
    options.log.info("started", { jobs: first.length, state: options.statePath });
    options.onStarted?.(first);
    for (;;) {
      const request = yield* options.control.next();
      if (request === "stop") break;
      yield* reload(running, env, tasks, options);
    }
    options.log.info("stopping", { jobs: running.size, note: "rotations in progress finish first" });
  } finally {
    // Shielded: even if this task itself is cancelled, the jobs are waited for and the
    // state is written and unlocked.
    yield* shield(closeDown([...running.values()], [tasksTask, sizeTask], store));
  }
  options.log.info("stopped");
}

function* reload(running: Map<string, Running>, env: JobEnv, tasks: JobTasks, options: DaemonOptions): Operation<void> {
  let next: JobSpec[];
  try {
    next = buildJobs(yield* options.load());
  } catch (error) {
    if (isCancelled(error)) throw error;
    options.log.error("reload-failed", { error: (error as Error).message, note: "the previous config keeps running" });
    return;
  }
  const wanted = new Map(next.map((spec) => [spec.name, spec]));
  const stale = [...running.values()].filter(({ spec }) => wanted.get(spec.name)?.fingerprint !== spec.fingerprint);
  yield* stopAll(stale);
  for (const { spec } of stale) {
    running.delete(spec.name);
    if (!wanted.has(spec.name)) env.metrics.forget(spec.name);
  }
  let started = 0;
  for (const spec of next) {
    if (running.has(spec.name)) continue;
    running.set(spec.name, start(spec, env, tasks, options));
    started++;
  }
  const removed = stale.filter(({ spec }) => !wanted.has(spec.name)).length;
  options.log.info("reloaded", { jobs: next.length, started, stopped: removed, unchanged: next.length - started });
  options.onReloaded?.(next);
}

function start(spec: JobSpec, env: JobEnv, tasks: JobTasks, options: DaemonOptions): Running {
  options.log.info("job-started", {
    job: spec.name,
    schedule: spec.schedule === null ? undefined : describeSchedule(spec.schedule),
    size: spec.sizeThreshold === null ? undefined : `> ${spec.sizeThreshold} bytes`,
  });
  const job = new DaemonJob(spec, env, tasks, options.backoff ?? DEFAULT_BACKOFF);
  tasks.start(job);
  return { spec, job };
}

/** After the jobs: each closed its own triggers; the groups' tasks close what is left. */
function* closeDown(jobs: readonly Running[], groups: Task<never>[], store: StateStore): Operation<void> {
  try {
    yield* stopAll(jobs);
  } finally {
    try {
      for (const task of groups) task.cancel();
      yield* join(groups);
    } finally {
      yield* store.close();
    }
  }
}

/** Stops the jobs and waits for each task (a rotation in progress finishes first). */
function* stopAll(jobs: readonly Running[]): Operation<void> {
  const tasks: Task<void>[] = [];
  for (const { job } of jobs) {
    const task = job.stop();
    if (task !== null) tasks.push(task);
  }
  yield* join(tasks);
}

function* join(tasks: readonly Task<unknown>[]): Operation<void> {
  for (const task of tasks) {
    try {
      yield* task;
    } catch (error) {
      if (!isCancelled(error)) throw error;
    }
  }
}
