/**
 * Calendar and cron triggers: sleep (on the wall clock) to each boundary of a schedule
 * and fire. A trigger that starts after a boundary it missed (the machine was off, the
 * daemon was stopped) fires once at once, marked `catchUp`; one that wakes from a suspend
 * past several boundaries fires once, not once per boundary, and goes on from the present.
 */
import { getLoop, sleepUntil, type Operation } from "../scheduler/index.js";
import { checkCalendarSpec, describeCalendar, nextCalendarInstant, previousCalendarInstant, type CalendarSpec } from "./calendar.js";
import type { CronSchedule } from "./cron-parse.js";
import { describeCron, nextCronInstant, previousCronInstant } from "./cron.js";
import type { TimeTriggerOptions } from "./firing.js";

/** A schedule as a boundary trigger sees it. */
interface Boundaries {
  description: string;
  next(afterMs: number): number;
  previous(atMs: number): number | null;
}

function* boundaryTrigger(schedule: Boundaries, { last, fire }: TimeTriggerOptions): Operation<never> {
  const clock = (yield* getLoop()).clock;
  let cursor = clock.wallNow();
  if (last !== null && schedule.next(last) <= cursor) {
    fire({ trigger: schedule.description, at: cursor, due: schedule.previous(cursor) ?? cursor, catchUp: true });
  }
  for (;;) {
    const due = schedule.next(cursor);
    yield* sleepUntil(due);
    const at = clock.wallNow();
    fire({ trigger: schedule.description, at, due });
    // From the later of the two: after a suspend past several boundaries, none is fired twice
    // and the missed ones are not replayed; after the wall clock steps back, `due` is not fired again.
    cursor = Math.max(due, at);
  }
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
  checkCalendarSpec(spec);
  return yield* boundaryTrigger(
    { description: describeCalendar(spec), next: (t) => nextCalendarInstant(spec, t), previous: (t) => previousCalendarInstant(spec, t) },
    options,
  );
}

/**
 * Fires at each run of a cron schedule, and once at its start, as a catch-up, if a run
 * was missed since `last`.
 *
 * @example
 * yield* spawn(cronTrigger(parseCron("30 2 * * *", "Europe/Paris"), { last: null, fire: (firing) => console.log(firing) }));
 */
export function* cronTrigger(schedule: CronSchedule, options: TimeTriggerOptions): Operation<never> {
  return yield* boundaryTrigger(
    { description: describeCron(schedule), next: (t) => nextCronInstant(schedule, t), previous: (t) => previousCronInstant(schedule, t) },
    options,
  );
}
