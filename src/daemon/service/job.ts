/**
 * DaemonJob: one job of the daemon, for as long as the daemon runs it — the seed's
 * `rotate_job` loop made robust. Its triggers only say "due": its schedule is armed on the
 * loop (a wall-clock timer, no task) and its size threshold is a member of the daemon's
 * size-trigger group (env.sizes: one task for every job's watches). The job itself has a
 * task only while it has something to do — its start-up (reading its files' state, arming
 * its triggers), a batch of work, a backoff — and asks JobTasks (job-tasks.ts) for one when
 * a trigger fires. WHY: a daemon of 10,000 idle jobs held 10,000 tasks waiting for work,
 * each with its generator frames, waits and closures (about 2 KB a job, a fifth of its
 * heap); an idle job is this object and its triggers.
 *
 * A batch with failures is retried after an exponential backoff (1 s, 2 s, 4 s … at most
 * 5 min by default), while other jobs go on: nothing here throws for a file's problem. A
 * trigger's own failure (or any other error of the job's) disarms the job, which is armed
 * again after a backoff of its own (never reset: a job that keeps failing stays slow).
 * `stop()` disarms the triggers and cancels the task; a rotation in progress is shielded
 * by the engine and finishes first.
 *
 * Invariants: `#task` is the job's live task, or null; `#asked` is true exactly while the
 * job waits in JobTasks' queue for a task (never while it has one); a stopped job never
 * asks again and is never armed again.
 */
import { Event, getLoop, isCancelled, sleep, type EventLoop, type Operation, type Task } from "../../scheduler/index.js";
import { armCalendarTrigger, armCronTrigger, armIntervalTrigger, type Armed, type Firing, type SizeMemberOptions, type SizeMembership, type SizeTriggerOptions, type TimeTriggerOptions } from "../../triggers/index.js";
import { filesOf, rotateBatch, type JobEnv } from "./job-batch.js";
import type { JobSchedule, JobSpec } from "./job-spec.js";
import { nextScheduled } from "../schedule/next-due.js";
import { PendingWork } from "./pending-work.js";

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1000, maxMs: 300_000 };

export interface RunJobOptions {
  backoff?: Backoff;
  /** The size triggers' file-watching seam (tests; `rotor simulate` polls only), given to env.sizes. */
  watcher?: SizeTriggerOptions["watcher"];
}

/** Where a job asks for a task to do its work in (JobTasks). */
export interface TaskGiver {
  want(job: DaemonJob): void;
}

/**
 * @example
 * const job = new DaemonJob(spec, env, tasks, DEFAULT_BACKOFF);
 * tasks.start(job); // its start-up, in turns with the others
 * // … later: const task = job.stop(); if (task) yield* task;
 */
export class DaemonJob implements TimeTriggerOptions, SizeMemberOptions {
  /** The last rotation, for the schedule's catch-up (set before the schedule is armed). */
  last: number | null = null;
  /** Made when the first firing comes: most jobs of a daemon wait with none. */
  #work: PendingWork | null = null;
  #schedule: Armed | null = null;
  #size: SizeMembership | null = null;
  /** While arming: set once the size trigger's first check is done (or it failed). */
  #ready: Event | null = null;
  #armed = false;
  #task: Task<void> | null = null;
  #asked = false;
  #stopped = false;
  #retryMs: number;
  #restartMs: number;

  constructor(
    readonly spec: JobSpec,
    readonly env: JobEnv,
    readonly tasks: TaskGiver,
    readonly backoff: Backoff,
  ) {
    this.#retryMs = backoff.initialMs;
    this.#restartMs = backoff.initialMs;
    env.metrics.declare(spec.name);
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** The task JobTasks started for this job (it ends when the job has nothing left to do). */
  attach(task: Task<void>): void {
    this.#asked = false;
    this.#task = task;
  }

  /** Disarms the job and cancels its task; returns the task to wait for, if any. */
  stop(): Task<void> | null {
    this.#stopped = true;
    this.#disarm();
    this.#task?.cancel();
    return this.#task;
  }

  fire(firing: Firing): void {
    (this.#work ??= new PendingWork()).add(firing);
    if (this.spec.schedule !== null && firing.paths === undefined) updateNext(this.spec, this.spec.schedule, this.env, firing.at, firing.at);
    this.#wantTask();
  }

  onReady(): void {
    this.#ready?.set();
  }

  onWarning(message: string): void {
    this.env.log.warn("watch-fallback", { job: this.spec.name, message });
  }

  onError(error: unknown): void {
    (this.#work ??= new PendingWork()).fail(error);
    this.#ready?.set();
    this.#wantTask();
  }

  /**
   * The job's task: arms the job if it is not armed (`startup` holds a start-up permit for
   * it, released once armed; otherwise one is taken), does the work pending, and ends when
   * none is left. Run by JobTasks only.
   */
  *run(startup: (() => void) | null): Operation<void> {
    try {
      for (;;) {
        try {
          if (!this.#armed) {
            const permit = startup;
            startup = null;
            if (permit === null) yield* this.env.startup.use(this.#arm());
            else {
              try {
                yield* this.#arm();
              } finally {
                permit();
              }
            }
          }
          yield* this.#drain();
          return;
        } catch (error) {
          if (isCancelled(error)) throw error;
          // A trigger's failure or the job's own: disarm, wait, and start again afresh.
          this.#disarm();
          this.#work = null;
          this.#retryMs = this.backoff.initialMs;
          this.env.log.error("job-failed", { job: this.spec.name, error: (error as Error).message, restartInMs: this.#restartMs });
          yield* sleep(this.#restartMs);
          this.#restartMs = Math.min(this.#restartMs * 2, this.backoff.maxMs);
        }
      }
    } finally {
      // Synchronous with the last check for work: a firing after this asks for a new task.
      this.#task = null;
      if (this.#stopped) this.#disarm();
    }
  }

  *#drain(): Operation<void> {
    for (let work = this.#work; work !== null && work.pending; work = this.#work) {
      const batch = yield* work.take();
      const { failed } = yield* rotateBatch(this.spec, batch, this.env);
      if (failed.length === 0) {
        this.#retryMs = this.backoff.initialMs;
        continue;
      }
      this.env.log.warn("retry-scheduled", { job: this.spec.name, files: failed.length, inMs: this.#retryMs });
      yield* sleep(this.#retryMs);
      this.#retryMs = Math.min(this.#retryMs * 2, this.backoff.maxMs);
      work.retry(failed);
    }
    this.#work = null;
  }

  /** Reads the job's last rotation, arms its schedule and joins the size group (its first check done). */
  *#arm(): Operation<void> {
    const { spec, env } = this;
    const loop = yield* getLoop();
    const last = yield* lastRotation(spec, env, loop.clock.wallNow());
    if (last !== null) env.metrics.set("rotor_last_rotation_timestamp_seconds", spec.name, Math.floor(last / 1000));
    this.#armed = true;
    if (spec.schedule !== null) {
      updateNext(spec, spec.schedule, env, loop.clock.wallNow(), last);
      this.last = last;
      this.#schedule = armSchedule(loop, spec.schedule, this);
    }
    if (spec.sizeThreshold !== null) {
      const ready = (this.#ready = new Event());
      this.#size = env.sizes.add({ patterns: spec.entry.patterns.map((p) => p.path), threshold: spec.sizeThreshold, checkMs: spec.checkMs }, this);
      try {
        yield* ready.wait();
      } finally {
        this.#ready = null;
      }
    }
  }

  #disarm(): void {
    this.#armed = false;
    this.#schedule?.cancel();
    this.#schedule = null;
    this.#size?.close();
    this.#size = null;
  }

  #wantTask(): void {
    if (this.#task !== null || this.#asked || this.#stopped) return;
    this.#asked = true;
    this.tasks.want(this);
  }
}

function armSchedule(loop: EventLoop, schedule: JobSchedule, options: TimeTriggerOptions): Armed {
  switch (schedule.kind) {
    case "every":
      return armIntervalTrigger(loop, schedule.intervalMs, options);
    case "calendar":
      return armCalendarTrigger(loop, schedule.spec, options);
    case "cron":
      return armCronTrigger(loop, schedule.schedule, options);
  }
}

function updateNext(job: JobSpec, schedule: JobSchedule, env: JobEnv, afterMs: number, last: number | null): void {
  env.metrics.set("rotor_next_rotation_timestamp_seconds", job.name, Math.floor(nextScheduled(schedule, afterMs, last) / 1000));
}

/**
 * The job's last rotation according to the state: the latest of its files', or null. A
 * logrotate job also notes here the first sight of each file the state does not know, as
 * logrotate's first run does: its rules count a period from that sight, so a monthly log
 * seen on 7 December is due on 1 January, not on 1 February (the first wake-up would
 * otherwise be its first sight).
 */
function* lastRotation(job: JobSpec, env: JobEnv, now: number): Operation<number | null> {
  let last: number | null = null;
  for (const log of yield* filesOf(job.entry, env.fs)) {
    const at = env.store.get(log);
    if (at !== undefined && (last === null || at > last)) last = at;
    else if (at === undefined && job.logrotateRules) env.store.firstSight(log, now);
  }
  return last;
}
