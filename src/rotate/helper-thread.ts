/**
 * shareWithHelper: a list of independent jobs made by the calling thread and one helper
 * (worker) thread together, each job exactly once, for the direct fs's batch calls
 * (moveMany, gzipMany).
 *
 * WHY: a pass's rounds are many small system calls, independent of each other (a batch's
 * round has at most one step per plan, and no two plans touch the same names: overlap.ts).
 * On one thread they are the pass's time; through libuv's thread pool each call costs
 * ~25 µs of hand-offs and promises on the calling thread, more than the call itself. Here a
 * list costs one message each way, and two threads on two cores make it in about half the
 * time (the kernel serialises calls only per directory).
 *
 * HOW: the jobs go to the helper with one claim cell per job in shared memory. The calling
 * thread claims and makes jobs from the front, the helper from the back; a claim is a
 * compare-and-swap of the cell, so each job is made exactly once, by whichever thread
 * reaches it first, and neither waits for the other: while the helper is still starting
 * (tens of ms the first time) the calling thread simply makes them all. Jobs come grouped
 * by directory, so the two threads work in different directories until they meet. The
 * calling thread makes its share a few at a time, one chunk per turn of its event loop
 * (helpWhileIdle), so that its other work (planning the next batch) goes between them.
 * Calls may overlap (the pass performs several batches at once): the helper takes their
 * requests in order and answers each in turn.
 *
 * A job is a self-contained function (no outer names: its source text is what the helper
 * runs) of the node modules it may use and its fields (strings); it returns a small number
 * (its result) or throws. A job that finds numbers (lstat-many.ts) writes them into a shared
 * Float64Array the caller gives, `width` per item, at the offset it is handed.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import * as fsSync from "node:fs";
import * as zlibSync from "node:zlib";

/** What a job may call: node:fs and node:zlib (passed in, so that both threads run the same function). */
export interface JobCalls {
  fs: typeof fsSync;
  zlib: typeof zlibSync;
}

/**
 * A job: makes one item from its fields and returns its result (a small integer), or throws;
 * `out` from `at` on is the item's share of the caller's numbers (see ShareOptions.out).
 */
export type SyncJob = (calls: JobCalls, fields: readonly string[], out: Float64Array, at: number) => number;

/** A job's error as it crosses threads: enough to rebuild it. */
interface Failure {
  at: number;
  message: string;
  code?: string;
  errno?: number;
  syscall?: string;
  path?: string;
  dest?: string;
  /** Set by a job on its error to say where it failed (gzip-many.ts: before or during the compression). */
  phase?: string;
}

interface Request {
  /** The job's source text, compiled once per name by the helper. */
  name: string;
  source: string;
  /** The fields of every item, `arity` each, joined by NULs: one string copies faster than many. */
  fields: string;
  arity: number;
  claims: Int32Array;
  results: Int32Array;
  out: Float64Array;
  width: number;
}

/** The helper's body (run from its source text: no outer names). */
function serve(calls: JobCalls, port: { on(event: "message", f: (r: Request) => void): void; postMessage(m: Failure[]): void }): void {
  const jobs = new Map<string, SyncJob>();
  port.on("message", ({ name, source, fields, arity, claims, results, out, width }) => {
    let job = jobs.get(name);
    if (job === undefined) jobs.set(name, (job = (0, eval)(`(${source})`) as SyncJob));
    const all = fields.split("\0");
    const failures: Failure[] = [];
    for (let at = claims.length - 1; at >= 0 && Atomics.compareExchange(claims, at, 0, 2) === 0; at--) {
      try {
        results[at] = job(calls, all.slice(arity * at, arity * (at + 1)), out, width * at);
      } catch (error) {
        const { message, code, errno, syscall, path, dest, phase } = error as Failure;
        failures.push({ at, message, code, errno, syscall, path, dest, phase });
      }
    }
    port.postMessage(failures);
  });
}

/** The one helper, and the calls waiting for its answers, in the order they asked. */
interface Helper {
  worker: Worker;
  waiting: Array<(failures: Failure[] | null) => void>;
}

/**
 * The one helper, made on first use and kept for the process; null where there is no second
 * core to run it on, or once it died. It keeps the process alive only while it owes answers.
 */
let shared: Helper | null | undefined;

function helper(): Helper | null {
  if (shared !== undefined) return shared;
  if (availableParallelism() < 2) return (shared = null);
  const source = `(${serve.toString()})({ fs: require("node:fs"), zlib: require("node:zlib") }, require("node:worker_threads").parentPort);`;
  const made: Helper = { worker: new Worker(source, { eval: true }), waiting: [] };
  made.worker.unref();
  // It answers its requests in order, one message each.
  made.worker.on("message", (failures: Failure[]) => {
    made.waiting.shift()?.(failures);
    if (made.waiting.length === 0) made.worker.unref();
  });
  const lost = (): void => {
    if (shared === made) shared = null;
    for (const answer of made.waiting.splice(0)) answer(null);
  };
  made.worker.on("error", lost);
  made.worker.on("exit", lost);
  return (shared = made);
}

/** The helper's answer, or null if it died first. Calls may overlap: the helper takes them in turn. */
function ask(made: Helper, request: Request): Promise<Failure[] | null> {
  return new Promise<Failure[] | null>((resolve) => {
    made.waiting.push(resolve);
    made.worker.ref();
    made.worker.postMessage(request);
  });
}

/** One item's outcome: its job's result, or the error it threw. */
export type JobOutcome = { readonly result: number } | { readonly error: Error };

/** The outcomes of the small results, shared (a forced pass makes 30,000 moves, each result 0). */
const RESULTS: ReadonlyArray<JobOutcome> = Array.from({ length: 16 }, (_, result) => Object.freeze({ result }));

function resultOf(result: number): JobOutcome {
  return RESULTS[result] ?? { result };
}

const CALLS: JobCalls = { fs: fsSync, zlib: zlibSync };

/** Below this many items, the hand-off costs more than it can save. */
const ALONE_BELOW = 64;

export interface ShareOptions {
  /** For tests: leave every item to the helper, where there is one, so that its side is exercised whatever the timing. */
  workerOnly?: boolean;
  /** Numbers the job writes, `width` per item (backed by a SharedArrayBuffer, so that the helper's land here too). */
  out?: { data: Float64Array; width: number };
}

const NO_NUMBERS = { data: new Float64Array(0), width: 0 };

/**
 * Makes `job` of every item (each item its fields), on this thread and the helper together;
 * resolves with each item's outcome, in order. The items must be independent of each other.
 *
 * @example
 * const outcomes = await shareWithHelper("move", moveJob, [["/var/log/a.log", "/var/log/a.log.1"]]);
 */
export async function shareWithHelper(name: string, job: SyncJob, items: ReadonlyArray<readonly string[]>, { workerOnly = false, out = NO_NUMBERS }: ShareOptions = {}): Promise<JobOutcome[]> {
  const outcomes = new Array<JobOutcome>(items.length);
  const made = items.length < ALONE_BELOW && !workerOnly ? null : helper();
  const make = (at: number): JobOutcome => attempt(job, items[at]!, out.data, out.width * at);
  if (made === null) {
    for (let at = 0; at < items.length; at++) outcomes[at] = make(at);
    return outcomes;
  }
  const arity = items[0]?.length ?? 0;
  const claims = new Int32Array(new SharedArrayBuffer(4 * items.length));
  const results = new Int32Array(new SharedArrayBuffer(4 * items.length));
  const reply = ask(made, { name, source: job.toString(), fields: items.flat().join("\0"), arity, claims, results, out: out.data, width: out.width });
  // Where this thread made every item before the helper took one (the helper still
  // starting, the first time: tens of ms), the answer is complete without the helper's
  // reply, which then says nothing (it is still taken, in its turn, by `ask`'s queue).
  if (!workerOnly && (await Promise.race([helpWhileIdle(make, claims, outcomes), reply.then(() => false)]))) return outcomes;
  const failures = await reply;
  const failed = new Map((failures ?? []).map(({ at, message, ...fields }) => [at, Object.assign(new Error(message), fields)]));
  for (let at = 0; at < claims.length; at++) {
    // An item nobody claimed (the helper is gone) is made here, claimed first: a chunk of
    // helpWhileIdle may still be due, and must not make it again.
    if (Atomics.compareExchange(claims, at, 0, 1) === 0) outcomes[at] = make(at);
    else if (claims[at] === 2) {
      // The helper died (out of memory?): whether it made its items is unknown, so each is
      // reported failed, and the caller looks at the disk as after any failed call.
      if (failures === null) outcomes[at] = { error: new Error(`the helper thread making ${items[at]!.join(" -> ")} died`) };
      else outcomes[at] = failed.has(at) ? { error: failed.get(at)! } : resultOf(results[at]!);
    }
  }
  return outcomes;
}

/** Items the calling thread makes per turn of the loop while it helps (~1 ms of moves). */
const HELP_CHUNK = 32;

/**
 * The calling thread's share: items claimed from the front, a few per turn of the event loop
 * (setImmediate), so that whatever else is ready to run goes between two chunks — the caller
 * may be planning the next batch meanwhile (overlap.ts), which is worth more than these
 * items, which the helper makes anyway. It stops at the first item the helper has claimed:
 * past it, the helper has claimed all. Resolves true when it made every item itself.
 */
function helpWhileIdle(make: (at: number) => JobOutcome, claims: Int32Array, outcomes: JobOutcome[]): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    let at = 0;
    const chunk = (): void => {
      const end = Math.min(at + HELP_CHUNK, claims.length);
      for (; at < end; at++) {
        if (Atomics.compareExchange(claims, at, 0, 1) !== 0) return resolve(false);
        outcomes[at] = make(at);
      }
      if (at < claims.length) setImmediate(chunk);
      else resolve(true);
    };
    setImmediate(chunk);
  });
}

function attempt(job: SyncJob, fields: readonly string[], out: Float64Array, at: number): JobOutcome {
  try {
    return resultOf(job(CALLS, fields, out, at));
  } catch (error) {
    return { error: error as Error };
  }
}
