/**
 * The table of job keys: every key a job (or `defaults`) may hold, in the order the
 * reference lists them and in which their values are stored (`compressext` after
 * `compress`, so that an explicit extension wins over the command's).
 */
import type { JobKey } from "./key.js";
import { ROTATION_KEYS } from "./keys-rotation.js";
import { SCHEDULE_KEYS, WHEN_KEYS } from "./keys-when.js";

/** Every job key. */
export const JOB_KEYS: readonly JobKey[] = [...WHEN_KEYS, ...ROTATION_KEYS];

const BY_NAME = new Map(JOB_KEYS.map((key) => [key.name, key]));

/**
 * The entry of a key, if it is one.
 *
 * @example
 * lookupJobKey("keep")?.expects; // "an integer >= -1"
 */
export function lookupJobKey(name: string): JobKey | undefined {
  return BY_NAME.get(name);
}

/** Names of the keys `defaults` may hold: all but `path`. */
export const DEFAULTS_KEY_NAMES: readonly string[] = JOB_KEYS.map((key) => key.name).filter((name) => name !== "path");

/** The keys at the top of the file. */
export const TOP_KEYS = ["defaults", "jobs"] as const;

/**
 * Whether a key is one of the schedules, of which a job has at most one.
 *
 * @example
 * isScheduleKey("every"); // true
 */
export function isScheduleKey(name: string): boolean {
  return (SCHEDULE_KEYS as readonly string[]).includes(name);
}

export { SCHEDULE_KEYS };
