/**
 * The config model: what rotor's YAML and logrotate's syntax both load into. Plain data
 * only (no classes, no functions), so a model can be compared, serialised and diffed.
 *
 * Field names follow the rotation engine's `RotationOptions` (src/rotate/policy.ts) where
 * the concept is the same; this layer may not import that file (DESIGN.md: config depends
 * on no other layer), so the types are declared again here, and the pass that joins the
 * two maps one onto the other.
 */

/** Where something was written: 1-based line and column. */
export interface Location {
  file: string;
  line: number;
  column: number;
}

/** When a log is due by time. `none`: only `size` decides (logrotate's `size` directive, and its default). */
export type Frequency =
  | { unit: "none" }
  | { unit: "hourly" }
  | { unit: "daily" }
  /** `weekday` 0 = Sunday … 6 = Saturday; 7 = every 7 days whatever the weekday. */
  | { unit: "weekly"; weekday: number }
  | { unit: "monthly" }
  | { unit: "yearly" };

/** A time of day on the wall clock of the schedule's zone. */
export interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
}

/**
 * rotor's own schedule (YAML jobs): a fixed interval, a calendar unit at a time of day, or
 * a cron expression (stored as written; the triggers layer checks it when the daemon starts).
 * `weekday` 0 = Sunday … 6 = Saturday (weekly); `monthday` 1–31 (monthly; a month without
 * that day rotates on its last day, the triggers layer decides); `month` 1–12 with
 * `monthday` (yearly).
 */
export type Schedule =
  | { kind: "every"; intervalMs: number }
  | { kind: "calendar"; unit: "hourly" | "daily" | "weekly" | "monthly" | "yearly"; at: TimeOfDay; weekday?: number; monthday?: number; month?: number }
  | { kind: "cron"; expression: string };

/** How the live log becomes the newest version (the engine's `RotationMode`). */
export type RotationMode = "create" | "nocreate" | "copytruncate" | "copy" | "renamecopy";

/** An external compressor: argv is `[command, ...args]`, its output's extension `ext`. */
export interface CompressCommand {
  command: string;
  args: string[];
  ext: string;
}

export interface Scripts {
  firstaction?: string;
  prerotate?: string;
  postrotate?: string;
  lastaction?: string;
  preremove?: string;
}

/** Owner and mode for a file or directory rotor creates; null = take the old log's. */
export interface CreateSpec {
  mode: number | null;
  owner: string | null;
  group: string | null;
}

/**
 * One log's settings, fully resolved: globals inherited, then the block's own directives.
 * Invariant: `mode` and `compress` are derived from the raw flags below them and are
 * recomputed whenever a logrotate block closes (see `finishSettings`), never set directly
 * there. The YAML loader, which has no such flags, sets `mode` and `compress` itself and
 * sets the raw flags to match, so that both views of a YAML job agree.
 */
export interface LogSettings {
  /** Versions kept (`rotate`): 0 deletes the rotated log, -1 keeps all. */
  keep: number;
  start: number;
  mode: RotationMode;
  /** `create` was given (logrotate's flag; copy modes ignore it). */
  create: boolean;
  copy: boolean;
  copytruncate: boolean;
  renamecopy: boolean;
  createMode: number | null;
  owner: string | null;
  group: string | null;
  dateext: boolean;
  /** null: logrotate's default, `-%Y%m%d` (`-%Y%m%d%H` when hourly). Checked at rotation time, as logrotate does. */
  dateformat: string | null;
  dateyesterday: boolean;
  datehourago: boolean;
  extension: string | null;
  addextension: string | null;
  olddir: string | null;
  createolddir: CreateSpec | false;
  /** "zstd" comes only from YAML (logrotate has no built-in zstd; its `compresscmd zstd` is a command). */
  compress: "gzip" | "zstd" | CompressCommand | false;
  /** The `compress` flag itself; `compress` above also folds in the command and options. */
  compressFlag: boolean;
  compresscmd: string | null;
  compressoptions: string[] | null;
  /** Explicit or implied by `compresscmd` (xz → .xz); null = ".gz". */
  compressext: string | null;
  uncompresscmd: string | null;
  delaycompress: boolean;
  /** Days; 0 = off. */
  maxage: number;
  minage: number;
  missingok: boolean;
  ifempty: boolean;
  /** Bytes; 0 = off. */
  minsize: number;
  maxsize: number;
  /** Threshold in bytes when `frequency.unit` is "none" (logrotate's default: 1 MiB). */
  size: number;
  frequency: Frequency;
  /** rotor's own schedule (YAML); null = logrotate's `frequency` decides. */
  schedule: Schedule | null;
  /** Polling interval (ms) for size checks, the fallback when file watching is unavailable; null = default (60 s). */
  check: number | null;
  /** IANA zone for dated names and calendar schedules; null = the host's. */
  timezone: string | null;
  /** Bytes; 0 = off. Beyond logrotate: the oldest versions go while all together exceed it (the engine's `maxTotalSize`). */
  maxTotalSize: number;
  /** gzip/zstd level; null = the compressor's default. */
  compressLevel: number | null;
  allowhardlink: boolean;
  su: { user: string; group: string } | null;
  scripts: Scripts;
  sharedscripts: boolean;
  shred: boolean;
  shredcycles: number | null;
  ignoreduplicates: boolean;
  mail: string | null;
  /** Mail the just-rotated file instead of the one about to expire (`mailfirst`). */
  mailfirst: boolean;
  /** Where each setting was last given; absent = default. */
  origins: Partial<Record<SettingName, Location>>;
}

export type SettingName = Exclude<keyof LogSettings, "origins">;

/** One path or glob of a block, as written and as it will be matched. */
export interface LogPattern {
  /** The path after unquoting (`"my app.log"` → `my app.log`); `~/` is left for expansion at rotation time, with the glob. */
  path: string;
  /** Contains glob characters: expanded at rotation time, never by the parser. */
  glob: boolean;
  location: Location;
}

export interface LogEntry {
  /** The job's name (YAML only: the key under `jobs`, used by reload, metrics and status). */
  name?: string;
  patterns: LogPattern[];
  /** The raw text before `{`, quotes and trailing blank included: logrotate's `$1` for shared scripts and first/lastaction. */
  patternText: string;
  /** Where the block starts. */
  location: Location;
  settings: LogSettings;
}

export interface ConfigModel {
  /** Every file read, in reading order (for error reports and reloads). */
  files: string[];
  logs: LogEntry[];
  /** The taboo list (fnmatch patterns; `tabooext .x` is stored as `*.x`) as it was at the end. */
  taboo: string[];
}
