/**
 * The trigger layer's errors: a schedule that cannot be read (a cron expression, an
 * interval, a calendar spec). Each has a stable `code`; a cron error also says at which
 * column of the expression the bad part starts, so a config loader can point at it.
 */

/** Stable codes: programs and tests match on these, never on the wording. */
export type TriggerErrorCode = "ERR_TRIGGER_BAD_INTERVAL" | "ERR_TRIGGER_BAD_CRON" | "ERR_TRIGGER_BAD_CALENDAR" | "ERR_TRIGGER_BAD_SIZE";

/**
 * A schedule that cannot be used. The message follows the project template
 * (``Expected `x` to be …, got `v` (type)``) and ends with what to do.
 *
 * @example
 * try { parseCron("61 * * * *"); } catch (e) { if (e instanceof TriggerError) console.log(e.code, e.column); } // ERR_TRIGGER_BAD_CRON 1
 */
export class TriggerError extends Error {
  readonly code: TriggerErrorCode;
  /** For a cron expression: the 1-based column where the bad part starts. */
  readonly column: number | undefined;
  constructor(code: TriggerErrorCode, message: string, column?: number) {
    super(message);
    this.name = "TriggerError";
    this.code = code;
    this.column = column;
  }
}

/** Shows a value as the template does: its text, then its type. */
export function shown(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return `\`${text}\` (${typeof value})`;
}

/** ``Expected `name` to be expected, got `value` (type); action`` as a TriggerError. */
export function expected(code: TriggerErrorCode, name: string, what: string, value: unknown, action: string, column?: number): TriggerError {
  return new TriggerError(code, `Expected \`${name}\` to be ${what}, got ${shown(value)}; ${action}`, column);
}
