/**
 * runJob: one job of the daemon, for as long as the daemon runs it — the seed's
 * `rotate_job` loop made robust. Its triggers run as child tasks and only say "due"; the
 * job takes their firings in batches (PendingWork) and rotates. A batch with failures is
 * retried after an exponential backoff (1 s, 2 s, 4 s … at most 5 min by default), while
 * other jobs go on: nothing here throws for a file's problem. Cancelling the job cancels
 * its triggers; a rotation in progress is shielded by the engine and finishes first.
 */
import { Event, getLoop, sleep, spawn, type Operation } from "../../scheduler/index.js";
import { calendarTrigger, cronTrigger, intervalTrigger, sizeTrigger, type Fire, type SizeTriggerOptions } from "../../triggers/index.js";
import { filesOf, rotateBatch, type JobEnv } from "./job-batch.js";
import type { JobSchedule, JobSpec } from "./job-spec.js";
import { describeSchedule } from "../schedule/describe.js";
import { nextScheduled } from "../schedule/next-due.js";
import { PendingWork } from "./pending-work.js";

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1000, maxMs: 300_000 };

export interface RunJobOptions {
  backoff?: Backoff;
  /** The size trigger's file-watching seam (tests; `rotor simulate` polls only). */
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
  const clock = (yield* getLoop()).clock;
  const work = new PendingWork();
  const fire: Fire = (firing) => {
    work.add(firing);
    if (job.schedule !== null && firing.paths === undefined) updateNext(job, job.schedule, env, firing.at, firing.at);
  };
  env.metrics.declare(job.name);
  // Start-up in turns (env.startup): 100 jobs of 100 logs each reading and watching their
  // files all at once would make 10,000 requests wait together, and the process keeps the
  // heap that held them long after (the daemon's peak memory).
  yield* env.startup.use(
    (function* (): Operation<void> {
      const last = yield* lastRotation(job, env, clock.wallNow());
      if (last !== null) env.metrics.set("rotor_last_rotation_timestamp_seconds", job.name, Math.floor(last / 1000));
      if (job.schedule !== null) {
        updateNext(job, job.schedule, env, clock.wallNow(), last);
        yield* spawn(scheduleTrigger(job.schedule, last, fire), { name: `${job.name}: ${describeSchedule(job.schedule)}` });
      }
      if (job.sizeThreshold !== null) {
        const ready = new Event();
        const spec = { patterns: job.entry.patterns.map((p) => p.path), threshold: job.sizeThreshold, checkMs: job.checkMs };
        const onWarning = (message: string) => env.log.warn("watch-fallback", { job: job.name, message });
        yield* spawn(sizeTrigger(spec, { fire, watcher: options.watcher, onWarning, onReady: () => ready.set() }), { name: `${job.name}: size > ${job.sizeThreshold}` });
        yield* ready.wait();
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
}

function scheduleTrigger(schedule: JobSchedule, last: number | null, fire: Fire): Operation<never> {
  switch (schedule.kind) {
    case "every":
      return intervalTrigger(schedule.intervalMs, { last, fire });
    case "calendar":
      return calendarTrigger(schedule.spec, { last, fire });
    case "cron":
      return cronTrigger(schedule.schedule, { last, fire });
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
