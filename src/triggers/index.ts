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
export { holdArmed, type Armed, type OnTriggerError } from "./armed.js";
export { intervalTrigger, armIntervalTrigger } from "./interval-trigger.js";
export { calendarTrigger, cronTrigger, armCalendarTrigger, armCronTrigger } from "./boundary-trigger.js";
export { sizeTrigger, describeSize, DEBOUNCE_MS, SWEEP_EVERY, type SizeSpec, type SizeTriggerOptions } from "./size-trigger.js";
export { SizeTriggers, type SizeMemberOptions, type SizeMembership } from "./size-group.js";
export { createNodeWatchHost, nodeWatchHost } from "./node-watch-host.js";
export { shareDirectoryWatches } from "./shared-dir-watch-host.js";
export { isWatchLimit, type WatchHost, type WatchHandle, type WatchListener, type SizeStat } from "./watch-host.js";
