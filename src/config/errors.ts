/**
 * The config layer's errors. Every problem a user can cause in a config file is a
 * `ConfigError` naming the file, line and column, what was wrong, what was expected and
 * what to do — whether it ends up in `errors` or, being one logrotate tolerates, in
 * `warnings`.
 */
import type { Location } from "./model.js";

/** Stable codes: tools and tests match on these, never on the wording. */
export type ConfigErrorCode =
  | "ERR_CONFIG_READ"
  | "ERR_CONFIG_INSECURE_FILE"
  | "ERR_CONFIG_FILE_OWNER"
  | "ERR_CONFIG_DANGEROUS_MODE"
  | "ERR_CONFIG_UNKNOWN_DIRECTIVE"
  | "ERR_CONFIG_DEPRECATED"
  | "ERR_CONFIG_NOT_SEPARATED"
  | "ERR_CONFIG_UNEXPECTED_LINE"
  | "ERR_CONFIG_MISSING_VALUE"
  | "ERR_CONFIG_BAD_NUMBER"
  | "ERR_CONFIG_BAD_SIZE"
  | "ERR_CONFIG_BAD_WEEKDAY"
  | "ERR_CONFIG_BAD_PATH"
  | "ERR_CONFIG_BAD_ADDRESS"
  | "ERR_CONFIG_BAD_OPTIONS"
  | "ERR_CONFIG_EXTRA_ARGUMENTS"
  | "ERR_CONFIG_UNKNOWN_USER"
  | "ERR_CONFIG_UNKNOWN_GROUP"
  | "ERR_CONFIG_GLOBAL_ONLY"
  | "ERR_CONFIG_NESTED_BLOCK"
  | "ERR_CONFIG_UNEXPECTED_CLOSE"
  | "ERR_CONFIG_TEXT_AFTER_CLOSE"
  | "ERR_CONFIG_MISSING_OPEN"
  | "ERR_CONFIG_MISSING_CLOSE"
  | "ERR_CONFIG_BAD_PATTERN"
  | "ERR_CONFIG_UNTERMINATED_SCRIPT"
  | "ERR_CONFIG_STRAY_ENDSCRIPT"
  | "ERR_CONFIG_DUPLICATE_LOG"
  | "ERR_CONFIG_INCLUDE_MISSING"
  | "ERR_CONFIG_INCLUDE_CYCLE"
  | "ERR_CONFIG_INCLUDE_DEPTH"
  | "ERR_CONFIG_FILE_SKIPPED"
  // rotor's YAML format
  | "ERR_CONFIG_YAML_SYNTAX"
  | "ERR_CONFIG_UNKNOWN_KEY"
  | "ERR_CONFIG_DUPLICATE_KEY"
  | "ERR_CONFIG_BAD_VALUE"
  | "ERR_CONFIG_SCHEDULE_CONFLICT"
  | "ERR_CONFIG_AT_WITHOUT_CALENDAR"
  | "ERR_CONFIG_DUPLICATE_JOB"
  | "ERR_CONFIG_MISSING_KEY"
  | "ERR_CONFIG_NO_TRIGGER";

/** The parts of a message; each is one clause, without a final period. */
export interface ConfigProblem {
  code: ConfigErrorCode;
  /** What was wrong, and what was expected: ``Expected `rotate` to be an integer >= -1, got `abc` ``. */
  problem: string;
  /** What to do about it. */
  action: string;
  /** The same problem in logrotate 3.21's words (`bad rotation count 'abc'`), for the drop-in front end. */
  logrotate: string;
}

/**
 * A problem in a config file. The message reads
 * `file:line:column: what was wrong and expected; what to do`.
 *
 * @example
 * new ConfigError({ file: "/etc/logrotate.conf", line: 3, column: 10 }, {
 *   code: "ERR_CONFIG_BAD_NUMBER",
 *   problem: "Expected `rotate` to be an integer >= -1, got `abc`",
 *   action: "write a number of versions to keep, such as `rotate 4`",
 *   logrotate: "bad rotation count 'abc'",
 * }).message;
 * // "/etc/logrotate.conf:3:10: Expected `rotate` to be an integer >= -1, got `abc`; write a number …"
 */
export class ConfigError extends Error {
  readonly code: ConfigErrorCode;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly logrotate: string;
  /**
   * The header of the block that logrotate drops for this problem, which it reports as
   * `found error in HEADER, skipping`; set by the logrotate parser, absent otherwise.
   */
  skippedBlock?: string;
  constructor(at: Location, problem: ConfigProblem) {
    super(`${at.file}:${at.line}:${at.column}: ${problem.problem}; ${problem.action}`);
    this.name = "ConfigError";
    this.code = problem.code;
    this.file = at.file;
    this.line = at.line;
    this.column = at.column;
    this.logrotate = problem.logrotate;
  }
}

/**
 * The p-queue template for a bad value, shared with the API's option checks.
 *
 * @example
 * expected("rotate", "an integer >= -1", "abc"); // "Expected `rotate` to be an integer >= -1, got `abc`"
 */
export function expected(name: string, what: string, got: string): string {
  return `Expected \`${name}\` to be ${what}, got \`${got}\``;
}

/**
 * A config that cannot be loaded: every problem found in it, not only the first. The
 * message lists them one per line.
 *
 * @example
 * try { loadRotorConfig("/etc/rotor.yaml"); } catch (e) { if (e instanceof ConfigLoadError) for (const p of e.errors) console.error(p.message); }
 */
export class ConfigLoadError extends Error {
  readonly code = "ERR_CONFIG_INVALID";
  readonly errors: readonly ConfigError[];
  constructor(errors: readonly ConfigError[]) {
    super(errors.map((error) => error.message).join("\n"));
    this.name = "ConfigLoadError";
    this.errors = errors;
  }
}
