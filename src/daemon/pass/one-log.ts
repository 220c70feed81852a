/**
 * rotateOneLog: one due log of a nosharedscripts block through the engine, and what the
 * pass must do about it — the messages to print, whether it counts as rotated, and whether
 * the state must record it. It prints and records nothing itself, so that the same code
 * serves logs rotated one after another (block.ts) and logs rotated at once (overlap.ts),
 * whose messages are printed in the logs' order whatever order they finish in.
 */
import { RotateError, rotation, VersionInTheWayError, type RotateFileOptions, type RotationReport } from "../../rotate/index.js";
import type { Operation } from "../../scheduler/index.js";
import { logrotateMessage, type MessageContext } from "./messages.js";
import type { PassMessage } from "./report.js";

export interface LogOutcome {
  log: string;
  messages: PassMessage[];
  rotated: boolean;
  /** The state must note the rotation (it began, even if a script failed). */
  record: boolean;
}

/**
 * Rotates `log` and says what happened; never throws for the log's own problems.
 *
 * @example
 * const outcome = yield* rotateOneLog("/var/log/app.log", options, { patternText, shared: false });
 */
export function* rotateOneLog(log: string, options: RotateFileOptions, at: MessageContext): Operation<LogOutcome> {
  try {
    return outcomeOf(log, yield* rotation(log, options), at);
  } catch (error) {
    return failedOutcome(log, error, at);
  }
}

/**
 * What the pass must do about a rotation that ended with `report` (also for a log of a
 * batch, overlap.ts).
 *
 * @example
 * const outcome = outcomeOf(log, report, { patternText, shared: false });
 */
export function outcomeOf(log: string, report: RotationReport, at: MessageContext): LogOutcome {
  const messages: PassMessage[] = [];
  for (const error of report.errors) messages.push({ level: "error", text: logrotateMessage(log, error, at) });
  if (!report.rotated && report.errors.length === 0) messages.push({ level: "debug", text: `  ${report.reason ?? "not rotated"}` });
  // logrotate updates the state once a rotation has begun, even if prerotate failed (09e).
  return { log, messages, rotated: report.rotated, record: report.rotated || report.errors.length > 0 };
}

/**
 * What the pass must do about a rotation stopped by `error`.
 *
 * @example
 * const outcome = failedOutcome(log, error, { patternText, shared: false });
 */
export function failedOutcome(log: string, error: unknown, at: MessageContext): LogOutcome {
  const messages: PassMessage[] = [{ level: "error", text: logrotateMessage(log, error, at) }];
  // logrotate notes the rotation time as soon as a due log's rotation starts, before it finds
  // a version in the way (a same-day dated one, 04g), so its state records a rotation that
  // did not happen; match it. So does a rotation that an I/O error stops (su's EACCES, 16f).
  return { log, messages, rotated: false, record: error instanceof VersionInTheWayError || !(error instanceof RotateError) };
}
