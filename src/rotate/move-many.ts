/**
 * moveMany: many no-replace renames made at once, by the calling thread and one worker
 * thread together, for the direct fs (node-fs-direct.ts).
 *
 * WHY: a forced pass over 10,000 logs makes 30,000 moves (link + unlink each), about 0.9 s
 * of system calls one after another: more than half of logrotate's whole time on its own,
 * so no sequential rotor can reach half of logrotate's time. The calls of one round are
 * independent (a batch's round has at most one step per plan, and no two plans touch the
 * same names: overlap.ts), and the kernel serialises them only per directory, so two
 * threads on two cores make them in about half the time. Through libuv's thread pool each
 * call would cost ~25 µs of hand-offs and promises on the calling thread, more than the
 * call itself; here a batch costs one message each way.
 *
 * HOW: the moves go to the worker with one claim cell per move in shared memory. The
 * calling thread claims and makes moves from the front, the worker from the back; a claim is
 * a compare-and-swap of the cell, so each move is made exactly once, by whichever thread
 * reaches it first, and neither waits for the other: while the worker is still starting
 * (tens of ms the first time) the calling thread simply makes them all. Moves come grouped
 * by directory, so the two threads work in different directories until they meet. The
 * calling thread makes its share a few at a time, one chunk per turn of its event loop
 * (helpWhileIdle), so that its other work (planning the next batch) goes between them.
 * Calls may overlap (the pass performs several batches at once): the worker takes their
 * requests in order and answers each in turn.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import * as fsSync from "node:fs";

/** What the sync move needs of node:fs (passed in, so that the worker can run the same function). */
type SyncCalls = Pick<typeof fsSync, "linkSync" | "unlinkSync" | "renameSync" | "lstatSync">;

/**
 * rename(2) that never replaces: link(2) then unlink(2) (see node-fs.ts); where links are not
 * allowed, a checked rename. Self-contained (no outer names), since its source is also the
 * worker's.
 *
 * @example
 * moveNoReplaceSync(fs, "/var/log/app.log", "/var/log/app.log.1");
 */
export function moveNoReplaceSync(calls: SyncCalls, from: string, to: string): void {
  try {
    calls.linkSync(from, to);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code !== "EPERM" && code !== "EXDEV" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw error;
    if (calls.lstatSync(to, { throwIfNoEntry: false }) !== undefined) {
      throw Object.assign(new Error(`EEXIST: file already exists, rename '${from}' -> '${to}'`), { code: "EEXIST" });
    }
    calls.renameSync(from, to);
    return;
  }
  calls.unlinkSync(from);
}

/** What the worker sends back for a move that failed: enough to rebuild the error. */
interface Failure {
  at: number;
  message: string;
  code?: string;
  errno?: number;
  syscall?: string;
  path?: string;
  dest?: string;
}

interface Request {
  /** The moves' names, from and to of each, joined by NULs: one string copies faster than 2n. */
  names: string;
  claims: Int32Array;
}

/** The worker's body (run from its source text: see moveNoReplaceSync). */
function serve(calls: SyncCalls, port: { on(event: "message", f: (r: Request) => void): void; postMessage(m: Failure[]): void }, move: typeof moveNoReplaceSync): void {
  port.on("message", ({ names, claims }) => {
    const moves = names.split("\0");
    const failures: Failure[] = [];
    for (let at = claims.length - 1; at >= 0 && Atomics.compareExchange(claims, at, 0, 2) === 0; at--) {
      try {
        move(calls, moves[2 * at]!, moves[2 * at + 1]!);
      } catch (error) {
        const { message, code, errno, syscall, path, dest } = error as Failure;
        failures.push({ at, message, code, errno, syscall, path, dest });
      }
    }
    port.postMessage(failures);
  });
}

/** Below this many moves, the hand-off costs more than it can save. */
const ALONE_BELOW = 64;

/** The one worker, and the calls waiting for its answers, in the order they asked. */
interface Helper {
  worker: Worker;
  waiting: Array<(failures: Failure[] | null) => void>;
}

/**
 * The one worker, made on first use and kept for the process; null where there is no second
 * core to run it on, or once it died. It keeps the process alive only while it owes answers.
 */
let shared: Helper | null | undefined;

function helper(): Helper | null {
  if (shared !== undefined) return shared;
  if (availableParallelism() < 2) return (shared = null);
  const source = `(${serve.toString()})(require("node:fs"), require("node:worker_threads").parentPort, ${moveNoReplaceSync.toString()});`;
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

/** The worker's answer, or null if it died first. Calls may overlap: the worker takes them in turn. */
function ask(made: Helper, request: Request): Promise<Failure[] | null> {
  return new Promise<Failure[] | null>((resolve) => {
    made.waiting.push(resolve);
    made.worker.ref();
    made.worker.postMessage(request);
  });
}

/**
 * Makes each move of `moves` (from, to) as moveNoReplaceSync; resolves with each one's error,
 * or null where it was made. The moves must be independent of each other (no name in two).
 *
 * `workerOnly` (for tests) leaves every move to the worker, where there is one, so that its
 * side is exercised whatever the timing.
 *
 * @example
 * const errors = await moveMany([["/var/log/a.log", "/var/log/a.log.1"], ["/var/log/b.log", "/var/log/b.log.1"]]);
 */
export async function moveMany(moves: ReadonlyArray<readonly [string, string]>, { workerOnly = false } = {}): Promise<Array<Error | null>> {
  const errors = new Array<Error | null>(moves.length).fill(null);
  const made = moves.length < ALONE_BELOW && !workerOnly ? null : helper();
  if (made === null) {
    for (let at = 0; at < moves.length; at++) errors[at] = moveOrError(moves[at]!);
    return errors;
  }
  const claims = new Int32Array(new SharedArrayBuffer(4 * moves.length));
  const reply = ask(made, { names: moves.flat().join("\0"), claims });
  if (!workerOnly) helpWhileIdle(moves, claims, errors);
  const failures = await reply;
  for (const { at, message, ...fields } of failures ?? []) errors[at] = Object.assign(new Error(message), fields);
  for (let at = 0; at < claims.length; at++) {
    // A move nobody claimed (workerOnly, and the worker is gone) is made here.
    if (claims[at] === 0) errors[at] = moveOrError(moves[at]!);
    // The worker died (out of memory?): which of its moves it made is unknown, so each is
    // reported failed, and the caller looks at the disk as after any failed move.
    else if (claims[at] === 2 && failures === null) errors[at] = new Error(`the worker making ${moves[at]![0]} -> ${moves[at]![1]} died`);
  }
  return errors;
}

/** Moves the calling thread makes per turn of the loop while it helps the worker (~1 ms of them). */
const HELP_CHUNK = 32;

/**
 * The calling thread's share: moves claimed from the front, a few per turn of the event
 * loop (setImmediate), so that whatever else is ready to run goes between two chunks — the
 * caller may be planning the next batch meanwhile (overlap.ts), which is worth more than
 * these moves, which the worker makes anyway. It stops at the first move the worker has
 * claimed: past it, the worker has claimed all.
 */
function helpWhileIdle(moves: ReadonlyArray<readonly [string, string]>, claims: Int32Array, errors: Array<Error | null>): void {
  let at = 0;
  const chunk = (): void => {
    const end = Math.min(at + HELP_CHUNK, claims.length);
    for (; at < end; at++) {
      if (Atomics.compareExchange(claims, at, 0, 1) !== 0) return;
      errors[at] = moveOrError(moves[at]!);
    }
    if (at < claims.length) setImmediate(chunk);
  };
  setImmediate(chunk);
}

function moveOrError([from, to]: readonly [string, string]): Error | null {
  try {
    moveNoReplaceSync(fsSync, from, to);
    return null;
  } catch (error) {
    return error as Error;
  }
}
