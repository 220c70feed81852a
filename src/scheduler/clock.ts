/**
 * Clocks. The loop never reads time except through a Clock, so the same code runs on real
 * time in production and on virtual time in tests, where a month of daily timers passes
 * in milliseconds (Trio's MockClock idea).
 *
 * Two notions of time, both in milliseconds since the Unix epoch:
 * - `now()` is the loop's time: monotonic, used for every delay (`sleep`, `callLater`).
 * - `wallNow()` is calendar time: it can jump (NTP steps, a laptop's suspend). Only
 *   `sleepUntil`/`callAtWall` deadlines follow it, and the loop re-checks them against it.
 */
import { invalidArgument } from "./errors.js";
import { host } from "./host.js";

export interface Clock {
  /** Loop time in ms: monotonic, epoch-based. */
  now(): number;
  /** Wall-clock time in ms since the epoch; may jump. */
  wallNow(): number;
  /**
   * How many host milliseconds to wait until loop time reaches `deadline`. A virtual clock
   * answers Infinity: its time moves only when told (or by autojump), never by waiting.
   */
  sleepTime(deadline: number): number;
  /**
   * Called by a loop that has nothing to run and no host I/O pending, with its next
   * deadline. A clock that autojumps moves there and returns true.
   */
  autojump?(deadline: number): boolean;
  /**
   * Timer deadlines are rounded up to a multiple of this many ms (none if 0 or absent):
   * a host timer cannot be more precise, and timers due in the same tick share a bucket.
   */
  readonly resolution?: number;
  /**
   * Subscribe to explicit moves of time (`advance`, `jumpWall`). A clock without it may
   * drift between `now()` and `wallNow()` silently, so the loop re-checks wall deadlines.
   */
  onChange?(listener: () => void): () => void;
}

/**
 * Real time: `now()` is `performance.timeOrigin + performance.now()` (monotonic, does not
 * jump with NTP), `wallNow()` is `Date.now()`.
 *
 * @example
 * const loop = createLoop({ clock: new RealClock() });
 */
export class RealClock implements Clock {
  readonly resolution = 1;
  readonly #origin = host.monotonicOrigin();
  now(): number {
    return this.#origin + host.monotonicNow();
  }
  wallNow(): number {
    return host.wallNow();
  }
  sleepTime(deadline: number): number {
    return deadline - this.now();
  }
}

export interface VirtualClockOptions {
  /** Jump to the next timer whenever no task can run and no host I/O is pending. */
  autojump?: boolean;
  /** The initial time in ms since the epoch (default 0). */
  start?: number | Date;
}

/**
 * Virtual time for tests and simulations: time moves only by `advance(ms)`, or, with
 * `autojump`, straight to the next timer whenever the loop would otherwise wait.
 *
 * @example
 * const clock = new VirtualClock({ autojump: true, start: Date.UTC(2026, 0, 1) });
 * await run(function* () { yield* sleep(30 * 86_400_000); }, { clock }); // instant
 */
export class VirtualClock implements Clock {
  readonly autojumps: boolean;
  #time: number;
  /** wallNow() - now(): moved by jumpWall() to model suspend or NTP steps. */
  #wallOffset = 0;
  readonly #listeners = new Set<() => void>();

  constructor(options: VirtualClockOptions = {}) {
    const start = options.start instanceof Date ? options.start.getTime() : (options.start ?? 0);
    if (!Number.isFinite(start)) throw invalidArgument("start", "a finite number of ms or a valid Date", options.start);
    this.#time = start;
    this.autojumps = options.autojump ?? false;
  }

  now(): number {
    return this.#time;
  }

  wallNow(): number {
    return this.#time + this.#wallOffset;
  }

  sleepTime(): number {
    return Infinity;
  }

  /** Move time forward by ms (>= 0); due timers run on the loop's next turn. */
  advance(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw invalidArgument("ms", "a finite number >= 0", ms);
    this.#time += ms;
    this.#notify();
  }

  /**
   * Move wall time alone by ms, as a suspend (positive: the monotonic clock stood still
   * while the calendar moved on) or an NTP step (either sign) does.
   */
  jumpWall(ms: number): void {
    if (!Number.isFinite(ms)) throw invalidArgument("ms", "a finite number", ms);
    this.#wallOffset += ms;
    this.#notify();
  }

  autojump(deadline: number): boolean {
    if (!this.autojumps) return false;
    if (deadline > this.#time) this.#time = deadline;
    return true;
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}
