/**
 * One job as a LogEntry: its own keys over the defaults' (a job's schedule replaces the
 * defaults' schedule as a whole, so `every` in a job is not a second schedule beside a
 * default `daily`), then `path`, the schedule with its `at`, and `size` combined into the
 * model, and the remaining keys stored by the table.
 */
import { posix } from "node:path";
import { isSeq } from "yaml";
import { hasGlob } from "../fnmatch.js";
import type { LogEntry, LogPattern, LogSettings, Schedule, SettingName, TimeOfDay } from "../model.js";
import { defaultSettings } from "../settings.js";
import { JOB_KEYS, SCHEDULE_KEYS, isScheduleKey } from "./keys.js";
import type { ScheduleChoice } from "./keys-when.js";
import type { Given, Layer } from "./layer.js";
import { fail, locate, resolved, shown, type YamlFile } from "./nodes.js";
import { parseTimeOfDay } from "./units.js";

/** A job as written: its name, its key node, its keys; and the defaults. */
export interface JobSource {
  name: string;
  keyNode: unknown;
  own: Layer;
  defaults: Layer;
  /** Relative paths start here: the config file's directory. */
  baseDir: string;
}

function merge(own: Layer, defaults: Layer): Layer {
  const ownSchedule = [...own.keys()].some(isScheduleKey);
  const merged: Layer = new Map();
  for (const [name, given] of defaults) if (!(ownSchedule && isScheduleKey(name))) merged.set(name, given);
  for (const [name, given] of own) merged.set(name, given);
  return merged;
}

function patternsOf(yaml: YamlFile, given: Given, baseDir: string): LogPattern[] {
  const value = resolved(yaml, given.pair.value);
  const items: unknown[] = isSeq(value) ? value.items : [value];
  const paths = Array.isArray(given.value) ? (given.value as string[]) : [given.value as string];
  return paths.map((written, i) => {
    // `~/` is left for expansion at rotation time, as the logrotate loader leaves it.
    const path = written.startsWith("/") || written.startsWith("~/") ? written : posix.resolve(baseDir, written);
    return { path, glob: hasGlob(path), location: locate(yaml, items[i] ?? given.pair.value) };
  });
}

/** A key given with a wrong value (reported already, so no second message about it). */
function isWrong(layer: Layer, name: string): boolean {
  return layer.has(name) && layer.get(name)!.value === undefined;
}

function chosenSchedule(merged: Layer): Given | undefined {
  return SCHEDULE_KEYS.map((name) => merged.get(name)).find((given) => given !== undefined && given.value !== null && given.value !== undefined);
}

function scheduleOf(yaml: YamlFile, job: JobSource, merged: Layer): Schedule | null {
  const chosen = chosenSchedule(merged);
  const choice = (chosen?.value ?? null) as ScheduleChoice;
  const at = merged.get("at");
  // A wrong `at` or schedule was reported already: say nothing more about the pair.
  const checkAt = at?.value !== undefined && !SCHEDULE_KEYS.some((name) => isWrong(merged, name));
  if (choice === null || choice.kind !== "calendar") {
    // An `at` in defaults is for the jobs that have a calendar unit; one in the job itself is a mistake.
    if (at !== undefined && checkAt && job.own.has("at")) {
      const has = chosen === undefined ? "has no schedule" : `has \`${chosen.key.name}\``;
      fail(yaml, at.pair.key, "ERR_CONFIG_AT_WITHOUT_CALENDAR", `\`at\` needs a calendar schedule (\`hourly\`, \`daily\`, \`weekly\`, \`monthly\` or \`yearly\`), and job \`${job.name}\` ${has}`, "remove `at`, or use a calendar schedule such as `daily: true`");
    }
    return choice;
  }
  const hourly = choice.unit === "hourly";
  let time = { hour: 0, minute: 0, second: 0 };
  if (at !== undefined && checkAt) {
    const parsed = parseTimeOfDay(at.value as string, hourly);
    if (parsed === undefined) {
      const form = hourly ? '":MM[:SS]" (minutes past the hour) with `hourly`' : `"HH:MM[:SS]" with \`${choice.unit}\``;
      const whose = job.own.has("at") ? "" : ` (from \`defaults\`, for job \`${job.name}\`)`;
      fail(yaml, at.pair.value, "ERR_CONFIG_BAD_VALUE", `Expected \`at\` to be ${form}${whose}, got ${shown(at.value)}`, hourly ? 'write it as in `at: ":15"`' : 'write it as in `at: "02:30"`');
    } else {
      time = parsed;
    }
  }
  return calendarSchedule(choice, time);
}

/**
 * Made field by field, not spread (`{ ...choice, at }`): past a few hundred jobs V8 gave each
 * spread copy a hidden class of its own, about 300 bytes a job.
 */
function calendarSchedule(choice: Extract<ScheduleChoice, { kind: "calendar" }>, at: TimeOfDay): Schedule {
  const schedule: Extract<Schedule, { kind: "calendar" }> = { kind: "calendar", unit: choice.unit, at };
  if (choice.weekday !== undefined) schedule.weekday = choice.weekday;
  if (choice.monthday !== undefined) schedule.monthday = choice.monthday;
  if (choice.month !== undefined) schedule.month = choice.month;
  return schedule;
}

/** `size` is the size-only threshold without a schedule, and `maxsize` with one; a job needs one or the other. */
function storeSize(yaml: YamlFile, job: JobSource, merged: Layer, settings: LogSettings): void {
  // After a wrong schedule or size (reported already), what the job rotates on is unknown.
  if (isWrong(merged, "size") || SCHEDULE_KEYS.some((name) => isWrong(merged, name))) return;
  const size = merged.get("size");
  if (size !== undefined && settings.schedule !== null && merged.has("maxsize")) {
    fail(yaml, size.pair.key, "ERR_CONFIG_SCHEDULE_CONFLICT", `Expected one of \`size\` and \`maxsize\` in job \`${job.name}\`, got both`, "keep one: with a schedule, `size` means `maxsize`");
  } else if (size !== undefined) {
    const field = settings.schedule === null ? "size" : "maxsize";
    settings[field] = size.value as number;
    origin(settings, field, size);
  } else if (settings.schedule === null) {
    fail(yaml, job.keyNode, "ERR_CONFIG_NO_TRIGGER", `Job \`${job.name}\` has no schedule and no \`size\``, "add a schedule such as `every: 1h` or `daily: true`, or a `size` such as `size: 10MiB`");
  }
}

function origin(settings: LogSettings, name: SettingName, given: Given | undefined): void {
  if (given !== undefined) settings.origins[name] = given.at;
}

/**
 * The job's LogEntry, or null when it has problems (they are recorded in `yaml.errors`).
 *
 * @example
 * const entry = buildJob(yaml, { name: "web", keyNode: pair.key, own, defaults, baseDir: "/etc/rotor" });
 */
export function buildJob(yaml: YamlFile, job: JobSource): LogEntry | null {
  const before = yaml.errors.length;
  const merged = merge(job.own, job.defaults);
  const settings = defaultSettings();
  // rotor's default is the engine's: create a fresh log (logrotate's is nocreate).
  settings.mode = "create";
  settings.create = true;
  for (const key of JOB_KEYS) {
    const given = merged.get(key.name);
    if (given?.value === undefined || key.apply === undefined) continue;
    key.apply(settings, given.value);
    origin(settings, (key.group === "scripts" && key.name !== "sharedscripts" ? "scripts" : key.name) as SettingName, given);
  }
  const missing = (key: string, action: string) => fail(yaml, job.keyNode, "ERR_CONFIG_MISSING_KEY", `Job \`${job.name}\` has no \`${key}\``, action);
  const path = merged.get("path");
  if (path === undefined) missing("path", "add the log file(s) to rotate, such as `path: /var/log/app.log`");
  if (!merged.has("keep")) missing("keep", "add the number of versions to keep, such as `keep: 5`, to the job or to `defaults` (0 deletes the rotated log, -1 keeps all)");
  settings.schedule = scheduleOf(yaml, job, merged);
  if (settings.schedule !== null) origin(settings, "schedule", chosenSchedule(merged));
  storeSize(yaml, job, merged, settings);
  const level = merged.get("compressLevel");
  if (level?.value !== undefined && settings.compress === "gzip" && (level.value as number) > 9) {
    fail(yaml, level.pair.value, "ERR_CONFIG_BAD_VALUE", `Expected \`compressLevel\` to be an integer from 0 to 9 with gzip, got ${shown(level.value)}`, "write it as in `compressLevel: 6`, or use `compress: zstd` for levels up to 22");
  }
  if (yaml.errors.length > before || path?.value === undefined) return null;
  const patterns = patternsOf(yaml, path, job.baseDir);
  // One path is its own text (a join would copy it: a daemon holds one per job).
  const patternText = patterns.length === 1 ? patterns[0]!.path : patterns.map((p) => p.path).join(" ");
  return { name: job.name, patterns, patternText, location: locate(yaml, job.keyNode), settings };
}
