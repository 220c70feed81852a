/**
 * The one fixture for scheduler tests: a virtual clock that autojumps, so no test waits
 * on wall-clock time, and a recorder for the order of events.
 */
import { VirtualClock, createLoop, run, type EventLoop, type Operation } from "../../src/index.js";

export interface Fixture {
  clock: VirtualClock;
  /** Event log: compare the whole sequence with toEqual. */
  events: string[];
  /** Appends `what@time` to the log. */
  record(what: string): void;
  /** Runs an operation on a fresh loop on this clock. */
  run<T>(operation: Operation<T> | (() => Operation<T>)): Promise<T>;
  /** A loop on this clock whose uncaught errors are collected in `errors`. */
  loop(): EventLoop;
  errors: { error: unknown; context: string }[];
}

export function virtualTime(start = 0): Fixture {
  const clock = new VirtualClock({ autojump: true, start });
  const events: string[] = [];
  const errors: { error: unknown; context: string }[] = [];
  const onError = (error: unknown, context: string): void => {
    errors.push({ error, context });
  };
  return {
    clock,
    events,
    errors,
    record: (what) => events.push(`${what}@${clock.now() - start}`),
    run: (operation) => run(operation, { clock, onError }),
    loop: () => createLoop({ clock, onError }),
  };
}
