/**
 * JobTasks: gives the daemon's jobs their tasks, only while they have something to do (see
 * job.ts). Two queues: jobs to start, taken in turns — a start-up permit (env.startup) is
 * taken before a job's task is made, so 10,000 jobs are never 10,000 tasks waiting for a
 * permit at once, and the heap that held their first reads is not kept after (the
 * daemon's peak memory) — and jobs whose triggers fired, each given a task at once.
 * The job tasks are children of this group's tasks: cancelling the group cancels them.
 *
 * Invariant: a job is in at most one queue, at most once (the job's `asked` flag for the
 * second queue; `start()` is called once per job); a stopped job in a queue is skipped.
 */
import { Queue, spawn, type Operation, type Semaphore } from "../../scheduler/index.js";
import type { JobEnv } from "./job-batch.js";
import type { JobSpec } from "./job-spec.js";
import { DEFAULT_BACKOFF, DaemonJob, type RunJobOptions, type TaskGiver } from "./job.js";

/**
 * @example
 * const tasks = new JobTasks(env.startup);
 * yield* spawn(tasks.run(), { name: "jobs" });
 * tasks.start(new DaemonJob(spec, env, tasks, DEFAULT_BACKOFF));
 */
export class JobTasks implements TaskGiver {
  readonly #startup: Semaphore;
  readonly #starting = new Queue<DaemonJob>();
  readonly #wanted = new Queue<DaemonJob>();

  constructor(startup: Semaphore) {
    this.#startup = startup;
  }

  /** Queues `job`'s start-up (the first reads of its files, its triggers armed). */
  start(job: DaemonJob): void {
    this.#starting.tryPut(job);
  }

  /** `job` has work: it gets a task as soon as this group's task runs. */
  want(job: DaemonJob): void {
    this.#wanted.tryPut(job);
  }

  /** The group's task: runs until cancelled (which cancels every job's task). */
  *run(): Operation<never> {
    yield* spawn(this.#starter(), { name: "jobs start-up" });
    for (;;) {
      const job = yield* this.#wanted.get();
      if (!job.stopped) job.attach(yield* spawn(job.run(null), { name: `job ${job.spec.name}` }));
    }
  }

  *#starter(): Operation<never> {
    for (;;) {
      const job = yield* this.#starting.get();
      if (job.stopped) continue;
      yield* this.#startup.acquire();
      let held = true;
      // The job's task releases the permit once armed; if it ends first, it is released here.
      const release = () => {
        if (held) this.#startup.release();
        held = false;
      };
      if (job.stopped) {
        release();
        continue;
      }
      const task = yield* spawn(job.run(release), { name: `job ${job.spec.name}` });
      job.attach(task);
      task.whenSettled(release);
    }
  }
}

/**
 * Runs one job until cancelled, as an operation (the daemon runs all of its jobs in one
 * JobTasks instead). A failure of the job's own is logged and the job started again after a
 * backoff; it is never thrown.
 *
 * @example
 * const task = yield* spawn(runJob(spec, env), { name: `job ${spec.name}` });
 */
export function* runJob(spec: JobSpec, env: JobEnv, options: RunJobOptions = {}): Operation<never> {
  const tasks = new JobTasks(env.startup);
  const job = new DaemonJob(spec, env, tasks, options.backoff ?? DEFAULT_BACKOFF);
  tasks.start(job);
  try {
    return yield* tasks.run();
  } finally {
    job.stop();
  }
}
