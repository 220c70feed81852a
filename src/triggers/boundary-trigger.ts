/**
 * Calendar and cron triggers: wait (on the wall clock) for each boundary of a schedule
 * and fire. A trigger that starts after a boundary it missed (the machine was off, the
 * daemon was stopped) fires once at once, marked `catchUp`; one that wakes from a suspend
 * past several boundaries fires once, not once per boundary, and goes on from the present.
 * Each is armed on the loop (one wall-clock timer, no task: see armed.ts) or held as an
 * operation.
 */
import { getLoop, type EventLoop, type Handle, type Operation } from "../scheduler/index.js";
import { guarded, holdArmed, type Armed } from "./armed.js";
import { checkCalendarSpec, describeCalendar, nextCalendarInstant, previousCalendarInstant, type CalendarSpec } from "./calendar.js";
import type { CronSchedule } from "./cron-parse.js";
import { describeCron, nextCronInstant, previousCronInstant } from "./cron.js";
import type { TimeTriggerOptions } from "./firing.js";

/** A schedule as a boundary trigger sees it. */
interface Boundaries {
  describe(): string;
  next(afterMs: number): number;
  previous(atMs: number): number | null;
}

class CalendarBoundaries implements Boundaries {
  constructor(readonly spec: CalendarSpec) {
    checkCalendarSpec(spec);
  }
  describe(): string {
    return describeCalendar(this.spec);
  }
  next(afterMs: number): number {
    return nextCalendarInstant(this.spec, afterMs);
  }
  previous(atMs: number): number | null {
    return previousCalendarInstant(this.spec, atMs);
  }
}

class CronBoundaries implements Boundaries {
  constructor(readonly schedule: CronSchedule) {}
  describe(): string {
    return describeCron(this.schedule);
  }
  next(afterMs: number): number {
    return nextCronInstant(this.schedule, afterMs);
  }
  previous(atMs: number): number | null {
    return previousCronInstant(this.schedule, atMs);
  }
}

/**
 * One armed boundary trigger: its cursor and its one timer. A class with a static timer
 * callback rather than closures: a daemon holds one per job (the description is made
 * when it fires, not kept).
 */
class BoundaryTimer implements Armed {
  #cursor: number;
  #due = 0;
  #handle: Handle<BoundaryTimer> | null = null;

  constructor(
    readonly loop: EventLoop,
    readonly schedule: Boundaries,
    readonly options: TimeTriggerOptions,
  ) {
    const last = options.last;
    this.#cursor = loop.clock.wallNow();
    if (last !== null && schedule.next(last) <= this.#cursor) {
      options.fire({ trigger: schedule.describe(), at: this.#cursor, due: schedule.previous(this.#cursor) ?? this.#cursor, catchUp: true });
    }
    this.#arm();
  }

  cancel(): void {
    this.#handle?.cancel();
    this.#handle = null;
  }

  #arm(): void {
    this.#due = this.schedule.next(this.#cursor);
    this.#handle = this.loop.callAtWall<BoundaryTimer>(this.#due, BoundaryTimer.#fired, this);
  }

  static #fired(timer: BoundaryTimer): void {
    guarded(() => {
      const at = timer.loop.clock.wallNow();
      const due = timer.#due;
      timer.options.fire({ trigger: timer.schedule.describe(), at, due });
      // From the later of the two: after a suspend past several boundaries, none is fired twice
      // and the missed ones are not replayed; after the wall clock steps back, `due` is not fired again.
      timer.#cursor = Math.max(due, at);
      if (timer.#handle !== null) timer.#arm();
    }, timer.options);
  }
}

/**
 * The calendar trigger armed on `loop`, without a task: fires at each boundary of `spec`,
 * and once before returning, as a catch-up, if a boundary passed since `last`. Throws
 * TriggerError for a bad spec.
 *
 * @example
 * const armed = armCalendarTrigger(loop, { unit: "daily", at: { hour: 0, minute: 0, second: 0 } }, { last: null, fire });
 */
export function armCalendarTrigger(loop: EventLoop, spec: CalendarSpec, options: TimeTriggerOptions): Armed {
  return new BoundaryTimer(loop, new CalendarBoundaries(spec), options);
}

/**
 * The cron trigger armed on `loop`, without a task: fires at each run of `schedule`, and
 * once before returning, as a catch-up, if a run was missed since `last`.
 *
 * @example
 * const armed = armCronTrigger(loop, parseCron("30 2 * * *", "Europe/Paris"), { last: null, fire });
 */
export function armCronTrigger(loop: EventLoop, schedule: CronSchedule, options: TimeTriggerOptions): Armed {
  return new BoundaryTimer(loop, new CronBoundaries(schedule), options);
}

/**
 * Fires at each boundary of a calendar spec (hourly, daily, … in a time zone), and once
 * at its start, as a catch-up, if a boundary passed since `last`.
 *
 * @example
 * yield* spawn(calendarTrigger({ unit: "daily", at: { hour: 0, minute: 0, second: 0 }, timeZone: "Europe/Paris" }, {
 *   last: state.lastRotation, fire: (firing) => due.put(firing),
 * }));
 */
export function* calendarTrigger(spec: CalendarSpec, options: TimeTriggerOptions): Operation<never> {
  const boundaries = new CalendarBoundaries(spec);
  const loop = yield* getLoop();
  return yield* holdArmed((onError) => new BoundaryTimer(loop, boundaries, { last: options.last, fire: (firing) => options.fire(firing), onError }));
}

/**
 * Fires at each run of a cron schedule, and once at its start, as a catch-up, if a run
 * was missed since `last`.
 *
 * @example
 * yield* spawn(cronTrigger(parseCron("30 2 * * *", "Europe/Paris"), { last: null, fire: (firing) => console.log(firing) }));
 */
export function* cronTrigger(schedule: CronSchedule, options: TimeTriggerOptions): Operation<never> {
  const loop = yield* getLoop();
  return yield* holdArmed((onError) => new BoundaryTimer(loop, new CronBoundaries(schedule), { last: options.last, fire: (firing) => options.fire(firing), onError }));
}
