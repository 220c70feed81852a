/**
 * DaemonControl: how the outside (signals, in the CLI; a test) talks to a running daemon.
 * Requests are queued in order and taken by the supervisor one at a time, so a SIGHUP that
 * arrives during a reload is served after it, and a stop is never lost.
 */
import { Event, type Operation } from "../../scheduler/index.js";

export type DaemonRequest = "reload" | "stop";

/**
 * @example
 * const control = new DaemonControl();
 * process.on("SIGHUP", () => control.reload());
 * process.on("SIGTERM", () => control.stop());
 */
export class DaemonControl {
  /** Invariant: `#ready` is set exactly when `#requests` is not empty. */
  readonly #requests: DaemonRequest[] = [];
  readonly #ready = new Event();
  #stopping = false;

  /** Asks for the config to be read again; several pending reloads make one. */
  reload(): void {
    if (this.#stopping || this.#requests.includes("reload")) return;
    this.#push("reload");
  }

  /** Asks the daemon to finish the rotations in progress and end. Returns false if already asked. */
  stop(): boolean {
    if (this.#stopping) return false;
    this.#stopping = true;
    this.#push("stop");
    return true;
  }

  get stopping(): boolean {
    return this.#stopping;
  }

  /** Waits for the next request; a stop comes before any reload still queued. */
  *next(): Operation<DaemonRequest> {
    yield* this.#ready.wait();
    const request = this.#stopping ? "stop" : this.#requests.shift()!;
    if (request === "stop") this.#requests.length = 0;
    if (this.#requests.length === 0 && !this.#stopping) this.#ready.clear();
    return request;
  }

  #push(request: DaemonRequest): void {
    this.#requests.push(request);
    this.#ready.set();
  }
}
