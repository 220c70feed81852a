/**
 * An optional trace of the loop's work in Chrome's trace-event format, which Perfetto
 * (ui.perfetto.dev) and chrome://tracing open: one track per task, one slice per step,
 * with what the task waits on after it.
 *
 * WHY a separate object: the loop checks one local for null per entry when no trace is
 * attached, so tracing costs nothing unless asked for.
 *
 * @example
 * const trace = createTrace();
 * await run(main(), { trace });
 * writeFileSync("rotor-trace.json", JSON.stringify(trace.toJSON()));
 */
import { host } from "./host.js";
import { Task } from "./task.js";

/** One event of the trace-event format ("X": a complete slice, "M": metadata). */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: "X" | "M";
  /** Microseconds. */
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
}

export interface TraceOptions {
  /** Record at most this many events, then count the rest as dropped; default 1,000,000. */
  limit?: number;
}

/** Callbacks have no task; they share this track. */
const CALLBACK_TRACK = 0;

export class Trace {
  readonly #events: TraceEvent[] = [];
  readonly #named = new Set<number>();
  readonly #limit: number;
  #dropped = 0;

  constructor(options: TraceOptions = {}) {
    this.#limit = options.limit ?? 1_000_000;
  }

  /** Events dropped because of the limit. */
  get dropped(): number {
    return this.#dropped;
  }

  /** @internal Runs one ready entry and records it. */
  step(entry: { run(): void }, loopTime: number): void {
    const start = host.monotonicNow();
    entry.run();
    const end = host.monotonicNow();
    if (entry instanceof Task) {
      const task = entry as Task<unknown>;
      this.#nameTrack(task.id, task.name);
      this.#push({
        name: task.name,
        cat: "task",
        ph: "X",
        ts: start * 1000,
        dur: (end - start) * 1000,
        pid: 1,
        tid: task.id,
        args: { loopTime, state: task.state, waitingOn: task.describeWait() },
      });
    } else {
      this.#nameTrack(CALLBACK_TRACK, "callbacks");
      this.#push({ name: "callback", cat: "callback", ph: "X", ts: start * 1000, dur: (end - start) * 1000, pid: 1, tid: CALLBACK_TRACK, args: { loopTime } });
    }
  }

  /** The trace as a JSON-ready object. */
  toJSON(): { traceEvents: TraceEvent[]; displayTimeUnit: "ms" } {
    return { traceEvents: [...this.#events], displayTimeUnit: "ms" };
  }

  #nameTrack(tid: number, name: string): void {
    if (this.#named.has(tid)) return;
    this.#named.add(tid);
    this.#events.push({ name: "thread_name", cat: "__metadata", ph: "M", ts: 0, pid: 1, tid, args: { name } });
  }

  #push(event: TraceEvent): void {
    if (this.#events.length >= this.#limit) this.#dropped++;
    else this.#events.push(event);
  }
}

/** Creates a trace to pass to `createLoop({ trace })` or `run(op, { trace })`. */
export function createTrace(options?: TraceOptions): Trace {
  return new Trace(options);
}
