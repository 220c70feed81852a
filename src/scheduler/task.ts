/**
 * A Task drives one generator on the loop.
 *
 * HOW: a step resumes the generator with the value or error its last wait produced
 * (`next(v)` / `throw(e)`), takes the instruction it yields (instructions.ts) and either
 * requeues the task (yieldNow) or parks it on the wait the operation registered. When the
 * body ends, the task waits for its children, then settles and tells its joiners, its
 * collector (all/race/timeout) and its parent.
 *
 * WHY it looks like this:
 * - Structured concurrency (Trio's nursery, Effection's scope): every task but a root has a
 *   parent, and a parent does not settle before its children. A child that fails cancels
 *   its parent and siblings, and its error becomes the parent's; cancelling a child
 *   explicitly is not a failure.
 * - Level-triggered cancellation (Trio): once cancelled, every suspension point outside
 *   `shield()` throws a fresh CancelledError, so a careless `catch` cannot swallow it;
 *   cleanup in `finally` still runs (and may suspend, shielded).
 * - The hot path allocates nothing: yieldNow is recognised by identity, the loop call
 *   site is monomorphic, rare data lives in a lazily created side object, and the task has
 *   about fifteen fields (100k tasks must fit in less memory than 100k promises).
 *
 * Invariants: a task is in the ready queue at most once (state Ready); `#wait` is set only
 * while Waiting or Running (between an operation's park and the step's end); children
 * are linked through #firstChild/#nextSibling and counted by #childCount; a settled task
 * has no children, no generator and no wait.
 */
import { current, currentTask } from "./current.js";
import { CancelledError, InvalidStateError, bareYieldError, isCancelled } from "./errors.js";
import { PARK, WAKE, YIELD_NOW, park, type Instruction, type Wait } from "./instructions.js";
import { iteratorOf, type Operation } from "./operation.js";
import type { ChildCollector, TaskHost, TaskOptions, TaskState } from "./task-contracts.js";
import { WaitList, Waiter, type Resumable } from "./wait-list.js";

const enum State {
  Ready = 0,
  Running = 1,
  Waiting = 2,
  Finishing = 3,
  Succeeded = 4,
  Failed = 5,
  Cancelled = 6,
}

const enum Flag {
  CancelRequested = 1,
  ResumeThrow = 2,
  BornShielded = 4,
  Observed = 8,
  Started = 16,
  BodyReturned = 32,
}

/** The public name of each State, by its number ("pending" is Ready before the first step). */
const STATE_NAMES: readonly TaskState[] = ["ready", "running", "waiting", "finishing", "succeeded", "failed", "cancelled"];

/** Rare data, created on first need so that the common task stays small. */
interface TaskExtras<T> {
  name?: string;
  cancelReason?: unknown;
  joiners?: WaitList;
  childErrors?: unknown[];
  promise?: Promise<T>;
  /** Run synchronously when the task settles (its promise, runUntilComplete's stop). */
  onSettled?: (() => void)[];
}


let nextId = 1;

/**
 * A running operation. A task is itself an Operation: `yield* task` joins it, returning
 * its value or throwing its error (CancelledError if it was cancelled).
 *
 * @example
 * const worker = yield* spawn(work(), { name: "worker" });
 * yield* sleep(1000);
 * worker.cancel("enough");
 */
export class Task<T = unknown> implements Operation<T>, Resumable {
  readonly id: number;
  readonly parent: Task<unknown> | null;
  /** @internal */
  readonly host: TaskHost;
  #gen: Iterator<Instruction, T, unknown> | null;
  #state: State = State.Ready;
  #flags = 0;
  #resume: unknown = undefined;
  #result: unknown = undefined;
  #wait: Wait | null = null;
  #shieldDepth = 0;
  #childCount = 0;
  #firstChild: Task<unknown> | null = null;
  #prevSibling: Task<unknown> | null = null;
  #nextSibling: Task<unknown> | null = null;
  #extras: TaskExtras<T> | null = null;
  /** Set for the children of all/race/timeout: they report to it instead of failing the parent. */
  readonly #collector: ChildCollector | null;

  /** @internal Use `loop.createTask()` or `spawn()`. */
  constructor(host: TaskHost, parent: Task<unknown> | null, operation: Operation<T>, options?: TaskOptions, collector?: ChildCollector) {
    this.id = nextId++;
    this.host = host;
    this.parent = parent;
    this.#gen = iteratorOf(operation);
    if (options?.name !== undefined) this.#more().name = options.name;
    this.#collector = collector ?? null;
    if (parent) parent.#adopt(this as Task<unknown>);
    host.enqueue(this as Task<unknown>);
  }

  /** The name given at creation, or `task-<id>`. */
  get name(): string {
    return this.#extras?.name ?? `task-${this.id}`;
  }

  get state(): TaskState {
    if (this.#state === State.Ready && !(this.#flags & Flag.Started)) return "pending";
    return STATE_NAMES[this.#state]!;
  }

  /** True once the task has settled (succeeded, failed or cancelled). */
  get done(): boolean {
    return this.#state >= State.Succeeded;
  }

  /** True once `cancel()` has been called on this task or an ancestor. */
  get cancelRequested(): boolean {
    return (this.#flags & Flag.CancelRequested) !== 0;
  }

  /**
   * Settles with the task: resolves with its value, rejects with its error (CancelledError
   * if cancelled). Asking for it counts as observing the task's failure.
   */
  get promise(): Promise<T> {
    const extras = this.#more();
    if (!extras.promise) {
      this.#flags |= Flag.Observed;
      extras.promise = new Promise<T>((resolve, reject) => {
        this.whenSettled((task) => (task.#state === State.Succeeded ? resolve(task.#result as T) : reject(task.#result)));
      });
    }
    return extras.promise;
  }

  /**
   * Cancels the task and its children. The task receives CancelledError at its current or
   * next suspension point, and again at each later one until it ends. Idempotent.
   */
  cancel(reason?: unknown): void {
    if (this.#state >= State.Succeeded || this.#flags & Flag.CancelRequested) return;
    this.#flags |= Flag.CancelRequested;
    if (reason !== undefined) this.#more().cancelReason = reason;
    this.#cancelChildren(reason, this.#shieldDepth > 0);
    if (this.#state === State.Waiting && this.#shieldDepth === 0) this.#interrupt();
  }

  /** @internal Calls fn synchronously when the task settles (at once if it has). */
  whenSettled(fn: (task: Task<T>) => void): void {
    if (this.done) fn(this);
    else (this.#more().onSettled ??= []).push(() => fn(this));
  }

  /** What the task waits on, for introspection. */
  describeWait(): string | null {
    if (this.#state === State.Waiting) return this.#wait?.describe() ?? null;
    if (this.#state === State.Finishing) return `its ${this.#childCount} child task(s) to finish`;
    return null;
  }

  /** The live children, oldest first. */
  children(): Task<unknown>[] {
    const list: Task<unknown>[] = [];
    for (let child = this.#firstChild; child; child = child.#nextSibling) list.push(child);
    return list.reverse();
  }

  /** Joins the task: `const value = yield* task`. Joining a settled task does not suspend. */
  *[Symbol.iterator](): Generator<Instruction, T, unknown> {
    this.#flags |= Flag.Observed;
    if (this.#state < State.Succeeded) {
      const joiner = currentTask("task");
      for (let task: Task<unknown> | null = joiner; task; task = task.parent) {
        if (task === (this as Task<unknown>)) {
          throw new InvalidStateError(`Task "${joiner.name}" cannot join "${this.name}": it is that task or runs inside it, so the join would never end`);
        }
      }
      const waiter = new Waiter(joiner, `join "${this.name}"`, undefined);
      (this.#more().joiners ??= new WaitList()).push(waiter);
      yield* park<void>(waiter);
    }
    return this.#outcome();
  }

  /** The settled value, or throws the settled error. */
  #outcome(): T {
    if (this.#state === State.Succeeded) return this.#result as T;
    throw this.#result;
  }

  /** @internal The settled error, if failed or cancelled; for collectors. */
  get error(): unknown {
    return this.#state > State.Succeeded ? this.#result : undefined;
  }

  /** @internal The settled value, if succeeded; for collectors. */
  get value(): T | undefined {
    return this.#state === State.Succeeded ? (this.#result as T) : undefined;
  }

  // ---- the step -------------------------------------------------------------------

  /** @internal Called by the loop only: runs the generator to its next suspension point. */
  run(): void {
    const gen = this.#gen;
    if (this.#state !== State.Ready || gen === null) return;
    let value = this.#resume;
    let throwing = (this.#flags & Flag.ResumeThrow) !== 0;
    this.#resume = undefined;
    this.#flags = (this.#flags & ~Flag.ResumeThrow) | Flag.Started;
    this.#state = State.Running;
    const previous = current.task;
    current.task = this as Task<unknown>;
    for (;;) {
      let step: IteratorResult<Instruction, T>;
      try {
        step = throwing ? gen.throw!(value) : gen.next(value);
      } catch (error) {
        current.task = previous;
        this.#bodyEnded(false, error);
        return;
      }
      if (step.done) {
        current.task = previous;
        this.#bodyEnded(true, step.value);
        return;
      }
      const instruction = step.value;
      const cancelNow = (this.#flags & Flag.CancelRequested) !== 0 && this.#shieldDepth === 0;
      if (instruction === YIELD_NOW) {
        if (cancelNow) {
          value = this.#cancelledError();
          throwing = true;
          continue;
        }
        this.#resume = WAKE;
        this.#state = State.Ready;
        this.host.enqueue(this as Task<unknown>);
        break;
      }
      if (instruction === PARK) {
        if (cancelNow && this.#wait!.abandon()) {
          this.#wait = null;
          value = this.#cancelledError();
          throwing = true;
          continue;
        }
        this.#state = State.Waiting;
        break;
      }
      value = bareYieldError(this.name, instruction);
      throwing = true;
    }
    current.task = previous;
  }

  /** @internal Called by `park()` before it yields: what this task now waits on. */
  setWait(wait: Wait): void {
    this.#wait = wait;
  }

  /** @internal Wakes a waiting task with a value. Ignored unless the task is waiting. */
  resume(value: unknown): void {
    if (this.#state !== State.Waiting) return;
    this.#wait = null;
    this.#resume = value;
    this.#state = State.Ready;
    this.host.enqueue(this as Task<unknown>);
  }

  /** @internal Wakes a waiting task by throwing error into it. */
  resumeThrow(error: unknown): void {
    if (this.#state !== State.Waiting) return;
    this.#wait = null;
    this.#resume = error;
    this.#flags |= Flag.ResumeThrow;
    this.#state = State.Ready;
    this.host.enqueue(this as Task<unknown>);
  }

  // ---- shield -----------------------------------------------------------------------

  /** @internal See `shield()`. */
  enterShield(): void {
    this.#shieldDepth++;
  }

  /** @internal See `shield()`: a cancellation that arrived meanwhile now reaches the children born inside. */
  exitShield(): void {
    if (--this.#shieldDepth === 0 && this.#flags & Flag.CancelRequested) {
      this.#cancelChildren(this.#extras?.cancelReason, false);
    }
  }

  // ---- children and settlement --------------------------------------------------------

  #adopt(child: Task<unknown>): void {
    child.#nextSibling = this.#firstChild;
    if (this.#firstChild) this.#firstChild.#prevSibling = child;
    this.#firstChild = child;
    this.#childCount++;
    if (this.#shieldDepth > 0) child.#flags |= Flag.BornShielded;
    else if (this.#flags & Flag.CancelRequested) child.cancel(this.#extras?.cancelReason);
  }

  #cancelChildren(reason: unknown, spareShielded: boolean): void {
    for (let child = this.#firstChild; child; ) {
      const next = child.#nextSibling;
      if (!(spareShielded && child.#flags & Flag.BornShielded)) child.cancel(reason);
      child = next;
    }
  }

  #interrupt(): void {
    const wait = this.#wait;
    if (wait && !wait.abandon()) return;
    this.#wait = null;
    this.#resume = this.#cancelledError();
    this.#flags |= Flag.ResumeThrow;
    this.#state = State.Ready;
    this.host.enqueue(this as Task<unknown>);
  }

  #cancelledError(): CancelledError {
    return new CancelledError(this.#extras?.cancelReason);
  }

  #bodyEnded(returned: boolean, result: unknown): void {
    this.#gen = null;
    this.#wait = null;
    this.#result = result;
    if (returned) this.#flags |= Flag.BodyReturned;
    if (this.#childCount === 0) return this.#settle();
    this.#state = State.Finishing;
    // A body that threw must not leave its children running; one that returned waits for them.
    if (!returned) this.#cancelChildren(result, false);
  }

  #childSettled(child: Task<unknown>): void {
    if (child.#prevSibling) child.#prevSibling.#nextSibling = child.#nextSibling;
    else this.#firstChild = child.#nextSibling;
    if (child.#nextSibling) child.#nextSibling.#prevSibling = child.#prevSibling;
    child.#prevSibling = child.#nextSibling = null;
    this.#childCount--;
    if (child.#state === State.Failed && child.#collector === null) {
      (this.#more().childErrors ??= []).push(child.#result);
      if (this.#flags & Flag.CancelRequested) this.#cancelChildren(child.#result, false);
      else this.cancel(child.#result);
    }
    if (this.#state === State.Finishing && this.#childCount === 0) this.#settle();
  }

  #settle(): void {
    const childErrors = this.#extras?.childErrors;
    let result = this.#result;
    let state: State;
    if (childErrors && childErrors.length > 0) {
      const errors = [...childErrors];
      if (!(this.#flags & Flag.BodyReturned) && !isCancelled(result) && !errors.includes(result)) errors.unshift(result);
      result = errors.length === 1 ? errors[0] : new AggregateError(errors, `${errors.length} errors in task "${this.name}" and its children`);
      state = State.Failed;
    } else if (this.#flags & Flag.BodyReturned) {
      state = State.Succeeded;
    } else {
      state = isCancelled(result) ? State.Cancelled : State.Failed;
    }
    this.#state = state;
    this.#result = result;

    const extras = this.#extras;
    if (extras) {
      if (extras.joiners) for (let waiter = extras.joiners.shift(); waiter; waiter = extras.joiners.shift()) waiter.task.resume(undefined);
      if (extras.onSettled) for (const fn of extras.onSettled) fn();
      extras.onSettled = undefined;
    }
    this.#collector?.childDone(this as Task<unknown>);
    if (this.parent) this.parent.#childSettled(this as Task<unknown>);
    else this.host.rootFinished(this as Task<unknown>);
    if (state === State.Failed && !(this.#flags & Flag.Observed) && !this.parent) this.host.reportUnobservedFailure(this as Task<unknown>);
  }

  /** @internal True once someone joined the task, asked for its promise, or collects it. */
  get observed(): boolean {
    return (this.#flags & Flag.Observed) !== 0 || this.#collector !== null;
  }

  #more(): TaskExtras<T> {
    return (this.#extras ??= {});
  }
}
