/**
 * The one host timer a loop keeps: set for its earliest deadline, and left alone when that
 * deadline has not changed, so that a million `callLater`s do not become a million host
 * timers. When it rings, the loop drains; a ring that comes early (host timers have
 * millisecond granularity) finds nothing due, and the loop sets the alarm again.
 *
 * It also holds the host open while the loop runs (`hold`/`release`): a loop whose tasks
 * all wait for something outside rotor (a signal handler setting an Event) must not let
 * Node exit under them, as asyncio would keep waiting too.
 *
 * Invariant: `#timer` is set exactly when `#deadline` is a number.
 */
import { host, type HostTimer } from "./host.js";

/** The longest delay a host timer takes (a signed 32-bit count of ms). */
export const MAX_HOST_DELAY_MS = 2 ** 31 - 1;

export class HostAlarm {
  #timer: HostTimer | null = null;
  #holding: HostTimer | null = null;
  #deadline = NaN;
  readonly #ring: () => void;

  constructor(ring: () => void) {
    this.#ring = ring;
  }

  /** Rings `waitMs` host milliseconds from now, for `deadline` (unchanged: nothing to do). */
  set(deadline: number, waitMs: number): void {
    if (this.#timer !== null && this.#deadline === deadline) return;
    this.clear();
    this.#deadline = deadline;
    // Hosts take at most 2^31-1 ms (about 24.8 days) and treat more as 1 ms, which would
    // wake the loop every millisecond for a monthly deadline; a capped alarm rings early and
    // the loop sets it again (a timer fires only once its deadline has passed).
    this.#timer = host.setTimeout(this.#onTimer, Math.min(MAX_HOST_DELAY_MS, Math.max(1, Math.ceil(waitMs))));
  }

  clear(): void {
    if (this.#timer !== null) host.clearTimeout(this.#timer);
    this.#timer = null;
    this.#deadline = NaN;
  }

  /** Keeps the host process alive until release(). */
  hold(): void {
    this.#holding ??= host.setTimeout(function keepAlive() {}, MAX_HOST_DELAY_MS);
  }

  release(): void {
    if (this.#holding !== null) host.clearTimeout(this.#holding);
    this.#holding = null;
  }

  readonly #onTimer = (): void => {
    this.#timer = null;
    this.#deadline = NaN;
    this.#ring();
  };
}
