/**
 * One logrotate pass (what `logrotate CONF` does once): expand the patterns, decide what is
 * due by logrotate 3.21's rules, rotate through the engine with logrotate's script order,
 * and record each rotation in the state file as it happens.
 */
export { logrotatePass, type PassOptions } from "./pass.js";
export { isDue, type Due, type DueInput } from "./due.js";
export { expandPattern, type GlobFs } from "./glob.js";
export { rotateOptionsFor } from "./options.js";
export { sharedRotation, type SharedReport } from "./shared.js";
export { logrotateMessage, type MessageContext } from "./messages.js";
export { mailSteps, mailFailure, DEFAULT_MAIL_COMMAND } from "./mail.js";
export type { PassMessage, PassReport } from "./report.js";
