/**
 * CredentialGate: keeps `su` rotations apart from every other rotation of the daemon.
 *
 * WHY: logrotate's `su` switches the effective user of the whole process (seteuid applies
 * to every thread, libuv's pool included: src/daemon/pass/su.ts). A one-shot pass does one
 * log at a time, but the daemon runs jobs concurrently: a root job's rename or create that
 * ran while another job had switched to `www-data` would run as `www-data`. So a rotation
 * with `su` runs alone (exclusive), the others together (shared); a waiting exclusive
 * holder stops new shared ones from starting, so it is never starved.
 *
 * Invariant: `#exclusive` and `#shared > 0` are never true at once.
 */
import { Condition, shield, type Operation } from "../../scheduler/index.js";

export class CredentialGate {
  readonly #changed = new Condition();
  #shared = 0;
  #exclusive = false;
  #exclusiveWaiting = 0;

  /**
   * Runs `op` beside other shared holders, never during an exclusive one.
   *
   * @example
   * yield* gate.shared(rotateBlock(entry, due, ctx));
   */
  *shared<T>(op: Operation<T>): Operation<T> {
    yield* this.#changed.use(this.#changed.waitFor(() => !this.#exclusive && this.#exclusiveWaiting === 0));
    this.#shared++;
    try {
      return yield* op;
    } finally {
      yield* shield(this.#release(() => this.#shared--));
    }
  }

  /**
   * Runs `op` alone: after the shared holders of the moment end, before new ones start.
   *
   * @example
   * yield* gate.exclusive(rotateBlock(suEntry, due, ctx));
   */
  *exclusive<T>(op: Operation<T>): Operation<T> {
    this.#exclusiveWaiting++;
    try {
      yield* this.#changed.use(this.#changed.waitFor(() => !this.#exclusive && this.#shared === 0));
    } finally {
      this.#exclusiveWaiting--;
    }
    this.#exclusive = true;
    try {
      return yield* op;
    } finally {
      yield* shield(this.#release(() => (this.#exclusive = false)));
    }
  }

  *#release(change: () => void): Operation<void> {
    const changed = this.#changed;
    yield* changed.use(
      (function* () {
        change();
        changed.notifyAll();
      })(),
    );
  }
}
