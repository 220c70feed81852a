/**
 * The daemon's log: one event per line on stderr — readable text on a terminal, JSON lines
 * otherwise (journald, a log shipper, `jq`). Events have a stable name (`rotated`,
 * `rotation-failed`, …) and flat fields, so that the two forms carry the same facts.
 * The time comes from an injected function (the loop's clock), never from Date.now here.
 */

export type LogLevel = "debug" | "info" | "warn" | "error";

/** Flat facts of one event; undefined values are left out. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  /** Where lines go (process.stderr in the CLI; an array's push in tests). */
  write: (line: string) => void;
  /** "text" for a terminal, "json" for machines. */
  format: "text" | "json";
  /** Wall-clock epoch ms of each event. */
  now: () => number;
  /** Events below this level are dropped (default "info"). */
  level?: LogLevel;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/**
 * A logger writing one line per event.
 *
 * @example
 * const log = createLogger({ write: (line) => process.stderr.write(line + "\n"), format: "text", now: () => clock.wallNow() });
 * log.info("rotated", { job: "app", log: "/var/log/app.log" });
 */
export function createLogger(options: LoggerOptions): Logger {
  const threshold = RANK[options.level ?? "info"];
  const emit = (level: LogLevel) => (event: string, fields: LogFields = {}) => {
    if (RANK[level] < threshold) return;
    const time = new Date(options.now()).toISOString();
    options.write(options.format === "json" ? jsonLine(time, level, event, fields) : textLine(time, level, event, fields));
  };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

function jsonLine(time: string, level: LogLevel, event: string, fields: LogFields): string {
  const record: Record<string, unknown> = { time, level, event };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) record[key] = value;
  return JSON.stringify(record);
}

/** `2026-11-25T02:41:05.123Z info  rotated job=app log=/var/log/app.log`; values with spaces are quoted. */
function textLine(time: string, level: LogLevel, event: string, fields: LogFields): string {
  const parts = [time, level.padEnd(5), event];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const text = String(value);
    parts.push(`${key}=${/[\s"=]/.test(text) || text === "" ? JSON.stringify(text) : text}`);
  }
  return parts.join(" ");
}

/** A logger that drops everything (library use without logging). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
