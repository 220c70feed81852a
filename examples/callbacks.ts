/**
 * One loop, both styles: callbacks scheduled with `loop.callLater` and tasks that `sleep`,
 * interleaved on a single thread by the same event loop.
 *
 * Python (from the article):
 *
 *     loop.call_later(...)      # callback style
 *     await something()         # coroutine style
 *
 * A callback runs to completion and keeps no place of its own: to act again later it
 * must schedule itself again. A task resumes where it paused, with its local state.
 */
import { Event, RealClock, createLoop, sleep, type Clock, type Operation } from "rotor";

/**
 * Runs for about 75 ms of `clock` time. On the default RealClock the printed times run a
 * few ms late (host timer latency); the test passes a VirtualClock, under which they are
 * exact and no real time passes.
 */
export async function main(print: (line: string) => void = console.log, clock: Clock = new RealClock()): Promise<void> {
  const loop = createLoop({ clock });
  const start = loop.time();
  const log = (what: string): void => print(`${String(Math.round(loop.time() - start)).padStart(3)} ms  ${what}`);

  // Callback style: a heartbeat at 10, 40 and 70 ms that re-arms itself.
  function beat(n: number): void {
    log(`callback: beat ${n}`);
    if (n < 3) loop.callLater(30, beat, n + 1);
  }
  loop.callLater(10, beat, 1);

  // A callback can wake a task: it sets an Event that a task waits on.
  const ready = new Event();
  loop.callLater(35, () => {
    log("callback: set the event");
    ready.set();
  });

  // Coroutine style: tasks that pause in the middle of their bodies.
  function* stepper(steps: number, everyMs: number): Operation<string> {
    for (let i = 1; i <= steps; i++) {
      yield* sleep(everyMs);
      log(`task A: step ${i} of ${steps}`);
    }
    return "A done";
  }
  function* waiter(): Operation<string> {
    log("task B: waiting for the event");
    yield* ready.wait();
    log("task B: woken by the callback");
    return "B done";
  }
  const a = loop.createTask(stepper(3, 25), { name: "A" });
  const b = loop.createTask(waiter(), { name: "B" });

  const results = await loop.runUntilComplete(
    (function* joinBoth(): Operation<string[]> {
      return [yield* a, yield* b];
    })(),
  );
  log(`both tasks ended: ${results.join(", ")}`);
  loop.close();
}
