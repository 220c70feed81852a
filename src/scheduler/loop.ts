/**
 * The event loop: a FIFO ready queue of tasks and callbacks, and two heaps of timers (one
 * on loop time, one on wall-clock time), driven by the host.
 *
 * HOW (asyncio's `_run_once`, made host-driven): while the loop is running, one macrotask
 * (`#drain`) repeats turns. A turn (`#runOnce`) drops cancelled timers at the heap roots,
 * compacts a heap whose entries are mostly cancelled, moves due timers to the ready queue
 * and runs exactly the snapshot of ready entries present at its start, so work queued
 * during a turn waits for the next one. When nothing is ready, the drain asks the clock to
 * autojump (virtual time) or arms one host timer for the earliest deadline and returns.
 * This is the only place that runs callbacks and task steps.
 *
 * WHY:
 * - Fairness to the host: a drain hands control back to Node (setImmediate) after ~1 ms of
 *   work, reading the clock only every 128 steps, so Node's own I/O and timers never
 *   starve while thousands of tasks run.
 * - One host timer for all deadlines, re-armed only when the earliest deadline changes.
 *   A host timer that fires early finds nothing due and re-arms: a timer never runs before
 *   its deadline.
 * - Wall-clock deadlines (`sleepUntil`) live in their own heap and are re-checked against
 *   `clock.wallNow()` at least every second on a real clock, because the monotonic clock
 *   does not see NTP steps or a suspended laptop.
 * - Nothing runs while the loop is not running (as in asyncio): `runUntilComplete` and
 *   `runForever` start it, `stop()` ends it after the current entry.
 */
import type { Clock } from "./clock.js";
import { RealClock } from "./clock.js";
import { InvalidStateError, LoopClosedError, invalidArgument } from "./errors.js";
import { Handle, HandleKind, type HandleOwner } from "./handle.js";
import { HostAlarm } from "./host-alarm.js";
import { host, type HostTimer } from "./host.js";
import { assertOperation, type Operation } from "./operation.js";
import { RingQueue } from "./ring-queue.js";
import type { ChildCollector, TaskHost, TaskOptions } from "./task-contracts.js";
import { Task } from "./task.js";
import { describeTasks, type TaskInfo } from "./introspection.js";
import { TimerSet } from "./timer-set.js";
import type { Trace } from "./trace.js";

/** How long a drain may run before handing control back to the host. */
const BATCH_MS = 1;
/** Steps between two reads of the host clock during a drain (a power of two, minus one). */
const CLOCK_READ_MASK = 127;
/** Due timers moved to the ready queue per turn at most, so a burst cannot stall the host. */
const MOVE_LIMIT = 1024;
/** On a clock that may drift, wall-clock deadlines are re-checked at least this often. */
const WALL_RECHECK_MS = 1000;

export interface LoopOptions {
  /** Where time comes from; a RealClock by default. */
  clock?: Clock;
  /** Gets errors nobody else would see (a callback threw, a failed root task nobody joined); default: stderr. */
  onError?: (error: unknown, context: string) => void;
  /** Record every step in Chrome trace-event format (see createTrace). */
  trace?: Trace;
}

type Runnable = { run(): void };

/**
 * An event loop. Most programs call `run()` instead, which creates one, runs an operation
 * on it and closes it.
 *
 * @example
 * const loop = createLoop();
 * loop.callLater(100, () => console.log("a callback"));
 * const value = await loop.runUntilComplete(main());
 * loop.close();
 */
export class EventLoop implements TaskHost, HandleOwner {
  readonly clock: Clock;
  readonly #onError: (error: unknown, context: string) => void;
  readonly #trace: Trace | null;
  readonly #ready = new RingQueue<Runnable>();
  readonly #timers = new TimerSet();
  readonly #wallTimers = new TimerSet();
  readonly #roots = new Set<Task<unknown>>();
  #pendingHostIO = 0;
  #running = false;
  #stopping = false;
  #closed = false;
  #inDrain = false;
  #drainBudgetStart = 0;
  #drainSteps = 0;
  #drainImmediate: HostTimer | null = null;
  readonly #alarm = new HostAlarm(() => this.#wakeup());
  #unwatchClock: (() => void) | null = null;
  #stopped: (() => void) | null = null;

  constructor(options: LoopOptions = {}) {
    this.clock = options.clock ?? new RealClock();
    this.#onError = options.onError ?? ((error, context) => host.reportError(`rotor: ${context}:`, error));
    this.#trace = options.trace ?? null;
  }

  /** The loop's time in ms (the clock's `now()`). */
  time(): number {
    return this.clock.now();
  }

  /** True between the start of runForever/runUntilComplete and the end of stop(). */
  get running(): boolean {
    return this.#running;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Runs callback(arg) on the next turn, after the entries already queued.
   *
   * @example
   * loop.callSoon(() => console.log("soon"));
   */
  callSoon<A = undefined>(callback: (arg: A) => void, arg?: A): Handle<A> {
    this.#assertOpen("schedule a callback");
    const handle = new Handle<A>(this, HandleKind.Soon, NaN, callback, arg);
    this.#ready.push(handle);
    this.#wakeup();
    return handle;
  }

  /**
   * Runs callback(arg) once `ms` milliseconds of loop time have passed (negative counts as 0).
   * Equal deadlines run in the order they were scheduled.
   *
   * @example
   * const handle = loop.callLater(30_000, rotateNow);
   */
  callLater<A = undefined>(ms: number, callback: (arg: A) => void, arg?: A): Handle<A> {
    if (typeof ms !== "number" || Number.isNaN(ms)) throw invalidArgument("ms", "a number of milliseconds", ms);
    return this.callAt(this.clock.now() + Math.max(0, ms), callback, arg);
  }

  /** Runs callback(arg) once loop time reaches `when` (see `time()`). */
  callAt<A = undefined>(when: number, callback: (arg: A) => void, arg?: A): Handle<A> {
    if (typeof when !== "number" || Number.isNaN(when)) throw invalidArgument("when", "a loop time in ms", when);
    this.#assertOpen("schedule a timer");
    return this.#addTimer(this.#timers, HandleKind.Timer, when, callback, arg);
  }

  /**
   * Runs callback(arg) once the wall clock reads `epochMs` or later, even if the wall clock
   * jumps or the machine sleeps meanwhile (see `sleepUntil`).
   */
  callAtWall<A = undefined>(epochMs: number, callback: (arg: A) => void, arg?: A): Handle<A> {
    if (typeof epochMs !== "number" || Number.isNaN(epochMs)) throw invalidArgument("epochMs", "an epoch time in ms", epochMs);
    this.#assertOpen("schedule a timer");
    return this.#addTimer(this.#wallTimers, HandleKind.WallTimer, epochMs, callback, arg);
  }

  /**
   * Starts a root task: one with no parent, which runs until it ends or is cancelled. Use
   * `spawn()` inside a task instead, so that the child cannot outlive its parent.
   */
  createTask<T>(operation: Operation<T>, options?: TaskOptions): Task<T> {
    this.#assertOpen("create a task");
    assertOperation(operation);
    const task = new Task<T>(this, null, operation, options);
    this.#roots.add(task as Task<unknown>);
    return task;
  }

  /** @internal Starts a child task of `parent` (spawn, all, race, timeout). */
  createChildTask<T>(parent: Task<unknown>, operation: Operation<T>, options?: TaskOptions, collector?: ChildCollector): Task<T> {
    this.#assertOpen("create a task");
    assertOperation(operation);
    return new Task<T>(this, parent, operation, options, collector);
  }

  /**
   * Runs the loop until `operation` (or `task`) settles, then stops it; resolves with its
   * value or rejects with its error.
   */
  async runUntilComplete<T>(target: Operation<T> | Task<T> | (() => Operation<T>)): Promise<T> {
    const task = target instanceof Task ? target : this.createTask(typeof target === "function" ? target() : target);
    const outcome = task.promise;
    if (!task.done) {
      const stopped = this.#start();
      task.whenSettled(() => this.stop());
      await stopped;
      if (!task.done) throw new InvalidStateError(`The loop stopped before task "${task.name}" finished`);
    }
    return outcome;
  }

  /** Runs the loop until `stop()` is called. */
  runForever(): Promise<void> {
    return this.#start();
  }

  /** Stops the loop after the entry that is running now; queued work stays queued. */
  stop(): void {
    if (!this.#running) return;
    this.#stopping = true;
    if (!this.#inDrain) this.#finishStop();
  }

  /** Releases the loop. It must be stopped; every later use throws LoopClosedError. */
  close(): void {
    if (this.#running) throw new InvalidStateError("Cannot close a running loop: call stop() and wait for it first");
    this.#closed = true;
    this.#ready.drainAll();
    this.#timers.clear();
    this.#wallTimers.clear();
    this.#roots.clear();
  }

  /** Hands an error that nobody else will see to the loop's `onError` (stderr by default). */
  reportError(error: unknown, context: string): void {
    this.#onError(error, context);
  }

  /** The root tasks still alive. */
  rootTasks(): Task<unknown>[] {
    return [...this.#roots];
  }

  /** A snapshot of every live task, parents before their children. */
  tasks(): TaskInfo[] {
    return describeTasks(this.#roots);
  }

  // ---- what tasks, handles and operations call ------------------------------------

  /** @internal */
  enqueue(task: Task<unknown>): void {
    this.#ready.push(task);
    if (!this.#inDrain) this.#wakeup();
  }

  /** @internal */
  rootFinished(task: Task<unknown>): void {
    this.#roots.delete(task);
  }

  /** @internal A root task failed; report it unless someone joins it by the next turn. */
  reportUnobservedFailure(task: Task<unknown>): void {
    if (this.#closed) return this.#onError(task.error, `task "${task.name}" failed and nobody joined it`);
    this.callSoon(() => {
      if (!task.observed) this.#onError(task.error, `task "${task.name}" failed and nobody joined it`);
    });
  }

  /** @internal */
  reportCallbackError(error: unknown): void {
    this.#onError(error, "a callback threw");
  }

  /** @internal A task started waiting on the host (call()); autojump waits for it. */
  hostIOStarted(): void {
    this.#pendingHostIO++;
  }

  /** @internal The host I/O settled or its task stopped waiting for it. */
  hostIOEnded(): void {
    this.#pendingHostIO--;
  }

  // ---- the drive ----------------------------------------------------------------------

  #assertOpen(what: string): void {
    if (this.#closed) throw new LoopClosedError(what);
  }

  #addTimer<A>(timers: TimerSet, kind: HandleKind, when: number, callback: (arg: A) => void, arg: A | undefined): Handle<A> {
    // Rounded up to the clock's resolution: never early, and equal deadlines share a bucket.
    const resolution = this.clock.resolution;
    const deadline = resolution ? Math.ceil(when / resolution) * resolution : when;
    const handle = new Handle<A>(this, kind, deadline, callback, arg);
    timers.add(handle as Handle, deadline);
    // Inside a drain the deadline is looked at when the drain ends; outside, wake up to re-arm.
    if (!this.#inDrain) this.#wakeup();
    return handle;
  }

  #start(): Promise<void> {
    this.#assertOpen("run the loop");
    if (this.#running) throw new InvalidStateError("The loop is already running: await the current run, or spawn a task on it");
    this.#running = true;
    this.#stopping = false;
    this.#unwatchClock = this.clock.onChange?.(() => this.#wakeup()) ?? null;
    const stopped = new Promise<void>((resolve) => (this.#stopped = resolve));
    this.#alarm.hold();
    this.#wakeup();
    return stopped;
  }

  #finishStop(): void {
    this.#running = false;
    this.#stopping = false;
    if (this.#drainImmediate !== null) host.clearImmediate(this.#drainImmediate);
    this.#drainImmediate = null;
    this.#alarm.clear();
    this.#alarm.release();
    this.#unwatchClock?.();
    this.#unwatchClock = null;
    const stopped = this.#stopped;
    this.#stopped = null;
    stopped?.();
  }

  /** Schedules a drain on the host unless one is due or running. */
  #wakeup(): void {
    if (this.#running && this.#drainImmediate === null && !this.#inDrain) {
      this.#drainImmediate = host.setImmediate(this.#drain);
    }
  }

  readonly #drain = (): void => {
    this.#drainImmediate = null;
    if (!this.#running) return;
    this.#inDrain = true;
    this.#drainBudgetStart = host.monotonicNow();
    this.#drainSteps = 0;
    let finished = true;
    try {
      for (;;) {
        if (this.#ready.length === 0) this.#collectDueTimers();
        if (this.#ready.length === 0 && !(this.#pendingHostIO === 0 && this.#autojump())) break;
        finished = this.#runOnce();
        if (!finished || this.#stopping) break;
      }
    } finally {
      this.#inDrain = false;
    }
    if (this.#stopping) return this.#finishStop();
    if (!finished) {
      this.#drainImmediate = host.setImmediate(this.#drain);
      return;
    }
    this.#armHostTimer();
  };

  /**
   * One turn. Returns false when the batch budget ran out (or stop() was called) before
   * the snapshot was done; the rest stays at the front of the queue, in order.
   */
  #runOnce(): boolean {
    this.#collectDueTimers();
    const ready = this.#ready;
    const trace = this.#trace;
    for (let n = ready.length; n > 0; n--) {
      if (trace === null) ready.shift()!.run();
      else trace.step(ready.shift()!, this.clock.now());
      if (this.#stopping) return false;
      if ((++this.#drainSteps & CLOCK_READ_MASK) === 0 && host.monotonicNow() - this.#drainBudgetStart >= BATCH_MS) return false;
    }
    return true;
  }

  #collectDueTimers(): void {
    this.#timers.moveDue(this.clock.now(), this.#ready, MOVE_LIMIT);
    if (this.#wallTimers.size > 0) this.#wallTimers.moveDue(this.clock.wallNow(), this.#ready, MOVE_LIMIT);
  }

  /** The loop time of the earliest deadline (wall deadlines converted), or Infinity. */
  #nextDeadline(): number {
    let deadline = this.#timers.nextDeadline();
    const wallDeadline = this.#wallTimers.nextDeadline();
    if (wallDeadline !== Infinity) {
      const now = this.clock.now();
      let asLoopTime = now + (wallDeadline - this.clock.wallNow());
      // A clock that reports its jumps (virtual) needs no polling; a real one may drift silently.
      if (!this.clock.onChange) asLoopTime = Math.min(asLoopTime, now + WALL_RECHECK_MS);
      deadline = Math.min(deadline, asLoopTime);
    }
    return deadline;
  }

  #autojump(): boolean {
    if (!this.clock.autojump) return false;
    const deadline = this.#nextDeadline();
    if (deadline === Infinity || !this.clock.autojump(deadline)) return false;
    this.#collectDueTimers();
    return this.#ready.length > 0;
  }

  #armHostTimer(): void {
    const deadline = this.#nextDeadline();
    const wait = deadline === Infinity ? Infinity : this.clock.sleepTime(deadline);
    if (wait === Infinity) return this.#alarm.clear();
    if (wait > 0) return this.#alarm.set(deadline, wait);
    this.#alarm.clear();
    this.#drainImmediate ??= host.setImmediate(this.#drain);
  }
}

/**
 * Creates an event loop.
 *
 * @example
 * const loop = createLoop({ clock: new VirtualClock({ autojump: true }) });
 */
export function createLoop(options?: LoopOptions): EventLoop {
  return new EventLoop(options);
}
