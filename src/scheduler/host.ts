/**
 * The host adapter: the one file of the scheduler that touches the JavaScript host's
 * timers and clocks. Everything else in src/scheduler reaches the outside world through
 * this object, which keeps the scheduler portable (Node, Deno, Bun, browsers) and lets a
 * lint rule prove it.
 *
 * WHY these primitives: the loop hands control back to the host after each bounded batch
 * with a macrotask (`setImmediate` where it exists, because it runs after I/O callbacks
 * and never clamps to 1 ms as nested `setTimeout` does), and it sleeps with one host
 * timer for the earliest deadline.
 */

/** An opaque host timer or immediate, to be cleared. */
export type HostTimer = unknown;

export interface Host {
  /** Run fn in a later macrotask, after pending I/O callbacks. */
  setImmediate(fn: () => void): HostTimer;
  clearImmediate(timer: HostTimer): void;
  /** Run fn after ms milliseconds of host time. */
  setTimeout(fn: () => void, ms: number): HostTimer;
  clearTimeout(timer: HostTimer): void;
  /** A monotonic high-resolution time in ms; used for batch budgets and by RealClock. */
  monotonicNow(): number;
  /** The epoch time (ms) at which monotonicNow() was 0. */
  monotonicOrigin(): number;
  /** Wall-clock epoch time in ms; it may jump (NTP steps, suspend). */
  wallNow(): number;
  /** Tell the host that an error escaped everything (printed to stderr by default). */
  reportError(message: string, error: unknown): void;
}

type Globals = {
  setImmediate?: (fn: () => void) => unknown;
  clearImmediate?: (t: unknown) => void;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (t: unknown) => void;
  performance: { now(): number; timeOrigin: number };
  console: { error(...args: unknown[]): void };
};

const g = globalThis as unknown as Globals;

/** Where setImmediate is missing (browsers), fall back to setTimeout(0), which browsers clamp to 4 ms when nested. */
function macrotaskFallback(): Pick<Host, "setImmediate" | "clearImmediate"> {
  return {
    setImmediate: (fn) => g.setTimeout(fn, 0),
    clearImmediate: (t) => g.clearTimeout(t),
  };
}

const immediates = g.setImmediate && g.clearImmediate
  ? { setImmediate: g.setImmediate.bind(globalThis), clearImmediate: g.clearImmediate.bind(globalThis) }
  : macrotaskFallback();

/** The host this process runs on. */
export const host: Host = {
  setImmediate: immediates.setImmediate,
  clearImmediate: immediates.clearImmediate,
  setTimeout: (fn, ms) => g.setTimeout(fn, ms),
  clearTimeout: (t) => g.clearTimeout(t),
  monotonicNow: () => g.performance.now(),
  monotonicOrigin: () => g.performance.timeOrigin,
  wallNow: () => Date.now(),
  reportError: (message, error) => g.console.error(message, error),
};
