/**
 * runJob: one job of the daemon, for as long as the daemon runs it — the seed's
 * `rotate_job` loop made robust. Its triggers only say "due": its schedule is armed on the
 * loop (a wall-clock timer, no task) and its size threshold is a member of the daemon's
 * size-trigger group (env.sizes: one task for every job's watches), so an idle job is one
 * task waiting for work. The job takes their firings in batches (PendingWork) and rotates.
 * A batch with failures is retried after an exponential backoff (1 s, 2 s, 4 s … at most
 * 5 min by default), while other jobs go on: nothing here throws for a file's problem; a
 * trigger's own failure reaches the job through PendingWork and ends it (the supervisor
 * restarts it). Cancelling the job disarms its triggers; a rotation in progress is
 * shielded by the engine and finishes first.
 */
import { Event, getLoop, sleep, type EventLoop, type Operation } from "../../scheduler/index.js";
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

/**
 * Runs `job` until cancelled.
 *
 * @example
 * const task = yield* spawn(runJob(job, env), { name: `job ${job.name}` });
 */
export function* runJob(job: JobSpec, env: JobEnv, options: RunJobOptions = {}): Operation<never> {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const loop = yield* getLoop();
  const work = new PendingWork();
  const listener = new JobListener(job, env, work);
  let schedule: Armed | null = null;
  let size: SizeMembership | null = null;
  env.metrics.declare(job.name);
  try {
    // Start-up in turns (env.startup): 100 jobs of 100 logs each reading and watching their
    // files all at once would make 10,000 requests wait together, and the process keeps the
    // heap that held them long after (the daemon's peak memory).
    yield* env.startup.use(
      (function* (): Operation<void> {
        const last = yield* lastRotation(job, env, loop.clock.wallNow());
        if (last !== null) env.metrics.set("rotor_last_rotation_timestamp_seconds", job.name, Math.floor(last / 1000));
        if (job.schedule !== null) {
          updateNext(job, job.schedule, env, loop.clock.wallNow(), last);
          listener.last = last;
          schedule = armSchedule(loop, job.schedule, listener);
        }
        if (job.sizeThreshold !== null) {
          const spec = { patterns: job.entry.patterns.map((p) => p.path), threshold: job.sizeThreshold, checkMs: job.checkMs };
          size = env.sizes.add(spec, listener);
          yield* listener.ready.wait();
        }
      })(),
    );
    let delay = backoff.initialMs;
    for (;;) {
      const batch = yield* work.take();
      const { failed } = yield* rotateBatch(job, batch, env);
      if (failed.length === 0) {
        delay = backoff.initialMs;
        continue;
      }
      env.log.warn("retry-scheduled", { job: job.name, files: failed.length, inMs: delay });
      yield* sleep(delay);
      delay = Math.min(delay * 2, backoff.maxMs);
      work.retry(failed);
    }
  } finally {
    (schedule as Armed | null)?.cancel();
    (size as SizeMembership | null)?.close();
  }
}

/**
 * What a job's triggers tell it, as one object whose methods they call, rather than a
 * closure per callback: a daemon holds one per job. Firings go to the job's PendingWork; a
 * trigger's failure too, which ends the job (the supervisor restarts it).
 */
class JobListener implements TimeTriggerOptions, SizeMemberOptions {
  /** The last rotation, for the schedule's catch-up (set before the schedule is armed). */
  last: number | null = null;
  /** Set once the size trigger's first check is done (or it failed). */
  readonly ready = new Event();

  constructor(
    readonly job: JobSpec,
    readonly env: JobEnv,
    readonly work: PendingWork,
  ) {}

  fire(firing: Firing): void {
    this.work.add(firing);
    if (this.job.schedule !== null && firing.paths === undefined) updateNext(this.job, this.job.schedule, this.env, firing.at, firing.at);
  }

  onReady(): void {
    this.ready.set();
  }

  onWarning(message: string): void {
    this.env.log.warn("watch-fallback", { job: this.job.name, message });
  }

  onError(error: unknown): void {
    this.work.fail(error);
    this.ready.set();
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
