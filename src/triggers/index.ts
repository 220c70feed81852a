/**
 * rotor's triggers: when to rotate. Pure schedule functions (intervals, calendar
 * boundaries in a time zone, cron expressions), and generator functions that run as
 * tasks and call `fire()` each time a rotation is due.
 */
export { TriggerError, type TriggerErrorCode } from "./errors.js";
export { parseInterval, describeInterval } from "./interval.js";
export {
  nextCalendarInstant,
  previousCalendarInstant,
  checkCalendarSpec,
  describeCalendar,
  type CalendarSpec,
  type TimeOfDay,
} from "./calendar.js";
export { parseCron, type CronSchedule } from "./cron-parse.js";
export { nextCronInstant, previousCronInstant, describeCron } from "./cron.js";
export type { Firing, Fire, TimeTriggerOptions } from "./firing.js";
export { intervalTrigger } from "./interval-trigger.js";
export { calendarTrigger, cronTrigger } from "./boundary-trigger.js";
export { sizeTrigger, describeSize, DEBOUNCE_MS, type SizeSpec, type SizeTriggerOptions } from "./size-trigger.js";
export { nodeWatchHost } from "./node-watch-host.js";
export { isWatchLimit, type WatchHost, type WatchHandle, type WatchListener, type SizeStat } from "./watch-host.js";
