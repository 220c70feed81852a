/**
 * SizeTriggers: many size triggers driven by one task. A daemon with 10,000 one-file jobs
 * ran 10,000 size-trigger tasks, each with its frames, its event and its closures, and
 * each waiting for nothing but its sweep. Here a trigger is a member: its WatchSet, two
 * deadlines and a timer. Its watches and its timer put it in the group's queue; the
 * group's task hands queued members to a few worker tasks, which exist only while there
 * is checking to do, so an idle daemon holds one task for all its size triggers.
 *
 * HOW a member steps (the loop of one size trigger, run whenever it is queued): a poll
 * when its time has come (every path at a sweep, every SWEEP_EVERY × checkMs; between
 * sweeps, only what no watch covers, every checkMs); then the reported paths whose pacing
 * allows a check now (DEBOUNCE_MS per path); then a timer for whichever comes first, the
 * next poll or the next paced path. Each check that sees files over the threshold fires.
 *
 * Invariants: a member is in the queue at most once (`queued`) and stepped by at most one
 * worker at a time (`running`; a wake during its step sets `again`, and it is queued once
 * more when the step ends); a closed member is never stepped or fired again.
 */
import { Event, isCancelled, spawn, type EventLoop, type Handle, type Operation } from "../scheduler/index.js";
import { createNodeWatchHost } from "./node-watch-host.js";
import { DEBOUNCE_MS, SWEEP_EVERY, checkSizeSpec, describeSize, type SizeSpec, type SizeTriggerOptions } from "./size-spec.js";
import { WatchSet, type WatchSetOwner } from "./size-watch-set.js";
import type { WatchHost } from "./watch-host.js";

function wakeMember(member: Member): void {
  member.wake();
}

/** Members checked at once: enough that a sweep of 10,000 one-file members is not serial. */
const WORKERS = 16;

/**
 * One member's options: a size trigger's, plus where a failure of its own goes. The
 * callbacks are called on this object, so they may be methods of a class (a daemon passes
 * one object per job instead of four closures).
 */
export interface SizeMemberOptions extends Omit<SizeTriggerOptions, "watcher"> {
  /**
   * Told when a check fails (a stat or readdir error other than "missing"); the member is
   * closed. Without it, the error fails the group's task.
   */
  onError?: (error: unknown) => void;
}

/** A member of the group, until `close()`. */
export interface SizeMembership {
  close(): void;
}

class Member implements SizeMembership, WatchSetOwner {
  nextSweep = -Infinity;
  nextPoll = -Infinity;
  timer: Handle<Member> | null = null;
  queued = false;
  running = false;
  again = false;
  closed = false;
  readonly files: WatchSet;
  readonly threshold: number;
  readonly checkMs: number;

  constructor(
    readonly group: SizeTriggers,
    spec: SizeSpec,
    readonly options: SizeMemberOptions,
    host: WatchHost,
  ) {
    // The spec itself is not kept (its patterns are the WatchSet's now): a daemon holds one member per job.
    this.threshold = spec.threshold;
    this.checkMs = spec.checkMs;
    this.files = new WatchSet(spec.patterns, spec.threshold, host, this, spec.checkMs, DEBOUNCE_MS);
  }

  wake(): void {
    this.group.enqueue(this);
  }

  warn(message: string): void {
    this.options.onWarning?.(message);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.timer?.cancel();
    this.timer = null;
    this.files.close();
    this.group.forget(this);
  }
}

/**
 * Invariant: `#queue[#head..]` are the queued members, in the order they were queued;
 * `#workers` counts the worker tasks alive.
 *
 * @example
 * const sizes = new SizeTriggers(yield* getLoop());
 * yield* spawn(sizes.run(), { name: "size triggers" });
 * const member = sizes.add({ patterns: ["/var/log/app.log"], threshold: 1 << 20, checkMs: 60_000 }, { fire });
 * // … member.close();
 */
export class SizeTriggers {
  readonly #loop: EventLoop;
  readonly #host: WatchHost;
  readonly #members = new Set<Member>();
  #queue: Member[] = [];
  #head = 0;
  #workers = 0;
  readonly #wake = new Event();

  constructor(loop: EventLoop, options: { watcher?: WatchHost } = {}) {
    this.#loop = loop;
    // By default files are watched through their directories: one watch per directory.
    this.#host = options.watcher ?? createNodeWatchHost();
  }

  /**
   * Starts following `spec` (its first check, which makes its watches, comes as soon as the
   * group's task runs). Throws TriggerError for a bad spec.
   */
  add(spec: SizeSpec, options: SizeMemberOptions): SizeMembership {
    checkSizeSpec(spec);
    const member = new Member(this, spec, options, this.#host);
    this.#members.add(member);
    this.enqueue(member);
    return member;
  }

  /** Queues `member` for a step (a watch reported a path, or its timer fired). */
  enqueue(member: Member): void {
    if (member.closed) return;
    if (member.running) {
      member.again = true;
      return;
    }
    if (member.queued) return;
    member.queued = true;
    this.#queue.push(member);
    this.#wake.set();
  }

  /** Drops a closed member. */
  forget(member: Member): void {
    this.#members.delete(member);
  }

  /** The group's task: runs until cancelled, then closes every member (and its watches). */
  *run(): Operation<never> {
    try {
      for (;;) {
        yield* this.#wake.wait();
        this.#wake.clear();
        const wanted = Math.min(WORKERS - this.#workers, this.#queue.length - this.#head);
        for (let i = 0; i < wanted; i++) {
          this.#workers++;
          yield* spawn(this.#worker(), { name: "size checks" });
        }
      }
    } finally {
      for (const member of [...this.#members]) member.close();
    }
  }

  #take(): Member | undefined {
    if (this.#head === this.#queue.length) {
      if (this.#head > 0) [this.#queue, this.#head] = [[], 0];
      return undefined;
    }
    const member = this.#queue[this.#head]!;
    this.#queue[this.#head++] = undefined as unknown as Member;
    return member;
  }

  *#worker(): Operation<void> {
    try {
      for (let member = this.#take(); member !== undefined; member = this.#take()) {
        member.queued = false;
        if (member.closed) continue;
        member.running = true;
        try {
          yield* this.#step(member);
        } catch (error) {
          if (isCancelled(error)) throw error;
          member.close();
          if (member.options.onError === undefined) throw error;
          member.options.onError(error);
        } finally {
          member.running = false;
        }
        if (member.again) {
          member.again = false;
          this.enqueue(member);
        }
      }
    } finally {
      this.#workers--;
    }
  }

  *#step(member: Member): Operation<void> {
    const loop = this.#loop;
    const { files, checkMs } = member;
    for (;;) {
      if (member.closed) return;
      const now = loop.time();
      if (now >= member.nextPoll) {
        const sweep = now >= member.nextSweep;
        this.#report(member, yield* (sweep ? files.checkAll() : files.checkUnwatched()));
        if (sweep) {
          if (member.nextSweep === -Infinity && !member.closed) member.options.onReady?.();
          member.nextSweep = loop.time() + checkMs * SWEEP_EVERY;
        }
        // With every path watched there is nothing to poll before the next sweep: an idle
        // member wakes once per sweep, not once per check.
        member.nextPoll = files.hasUnwatched() ? Math.min(loop.time() + checkMs, member.nextSweep) : member.nextSweep;
        continue;
      }
      const due = files.dueIn(now);
      if (due === 0) {
        this.#report(member, yield* files.checkReported(now));
        continue;
      }
      const wait = Math.min(due, member.nextPoll - now);
      member.timer?.cancel();
      member.timer = wait === Infinity ? null : loop.callLater<Member>(wait, wakeMember, member);
      return;
    }
  }

  #report(member: Member, paths: string[]): void {
    if (paths.length > 0 && !member.closed) member.options.fire({ trigger: describeSize(member), at: this.#loop.clock.wallNow(), paths });
  }
}
