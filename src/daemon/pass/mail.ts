/**
 * mailSteps: logrotate 3.21's `mail` / `mailfirst` / `maillast`, as script steps added to a
 * rotation's plan, so they run in the executor's order, under its journal and skip rules.
 *
 * WHAT logrotate does (measured with a recording `-m` command, docs/logrotate-behaviour.md
 * 15a-15j):
 * - it runs `COMMAND -s SUBJECT ADDRESS` (no shell; COMMAND is `-m`, default /usr/bin/mail)
 *   with the file on stdin, through `uncompresscmd` (default /bin/gunzip, no arguments) when
 *   `compress` is on, unless both `mailfirst` and `delaycompress` are;
 * - SUBJECT is the mailed file, except with that uncompressing and `mailfirst`, where it is
 *   the log's own path, for every mail of the log;
 * - maillast (the default): each version about to be removed is mailed first, before its
 *   preremove: the dispose version, the version `rotate 0` drops, an expired (`maxage`) or
 *   excess dated version; not the plain file a compression replaces, nor a stray overwritten;
 * - mailfirst: the version just rotated (after its compression) is mailed instead of the
 *   dispose version, before the disposal; the early removals are still mailed;
 * - a failed mail prints `mail command failed for FILE` and exit code 1: after the rotation it
 *   keeps the version it was to remove (mailfirst: the dispose version); before the rotation
 *   (an early removal) it stops the log's rotation there, lastaction still running.
 *
 * HOW: the mail is a `/bin/sh` script step whose `$1` is the file a failure must keep, so the
 * executor's rule for a failed preremove (keep that file) does the rest; an early mail uses
 * the prerotate stage, whose failure skips the log's remaining steps up to lastaction.
 */
import type { LogSettings } from "../../config/index.js";
import { ScriptError, type Rotation, type Step } from "../../rotate/index.js";

/** logrotate 3.21's compiled-in mail command (`logrotate --version`). */
export const DEFAULT_MAIL_COMMAND = "/usr/bin/mail";
const DEFAULT_UNCOMPRESS = "/bin/gunzip";
const FAILED = "mail command failed for ";

/**
 * $1: the file a failure keeps; $2: the file mailed; $3: subject; $4: address; $5: the mail
 * command; $6: the uncompressor or empty. The message is logrotate's, on stderr, so that the
 * pass can say it in logrotate's words (mailFailure).
 */
const MAIL_SCRIPT = `if [ -n "$6" ]; then "$6" < "$2" | "$5" -s "$3" "$4"; else "$5" -s "$3" "$4" < "$2"; fi || { printf '%s%s\\n' '${FAILED}' "$2" >&2; exit 1; }`;

interface Mail {
  command: string;
  address: string;
  first: boolean;
  log: string;
  uncompress: string | null;
}

/**
 * A plan rewriter that adds the block's mails, or undefined when the block mails nothing.
 *
 * @example
 * const adjustPlan = mailSteps(entry.settings, args.mail ?? DEFAULT_MAIL_COMMAND);
 * const report = yield* rotation(log, { ...rotateOptionsFor(entry.settings), adjustPlan });
 */
export function mailSteps(s: LogSettings, command: string): ((plan: Rotation) => Rotation) | undefined {
  if (s.mail === null) return undefined;
  const address = s.mail;
  // logrotate uncompresses when compress is on, unless the mailed file is the delayed one.
  const uncompressing = s.compress !== false && !(s.delaycompress && s.mailfirst);
  return (plan) => {
    const mail: Mail = { command, address, first: s.mailfirst, log: plan.log, uncompress: uncompressing ? (s.uncompresscmd ?? DEFAULT_UNCOMPRESS) : null };
    const newest = newestOf(plan);
    return { ...plan, before: withMails(plan.before, mail, "before", newest), after: withMails(plan.after, mail, "after", newest) };
  };
}

/**
 * Whether `step` is a mail added by mailSteps.
 *
 * @example
 * if (isMailStep(step)) console.log(`mailing ${step.args[1]}`);
 */
export function isMailStep(step: Step): boolean {
  return step.kind === "script" && step.script === MAIL_SCRIPT;
}

/**
 * The file logrotate names in a failed mail's message, if `error` is one.
 *
 * @example
 * mailFailure(error); // "mail command failed for /var/log/app.log.3"
 */
export function mailFailure(error: unknown): string | null {
  if (!(error instanceof ScriptError)) return null;
  const at = error.message.lastIndexOf(FAILED);
  return at < 0 ? null : error.message.slice(at);
}

/** Where the rotated content is once compressed (the plan's `newest` is null under rotate 0). */
function newestOf(plan: Rotation): string {
  const compression = plan.after.find((step) => step.kind === "compress" && step.from === plan.rotated);
  return compression?.kind === "compress" ? compression.to : plan.rotated;
}

/**
 * The deletes of `steps` that remove a version: not a source a compression replaced, not
 * renamecopy's temporary file (a copy's source), not a stray that a rename then overwrites.
 */
function versionRemovals(steps: readonly Step[]): Set<string> {
  const replaced = new Set<string>();
  for (const step of steps) {
    if (step.kind === "compress" || step.kind === "copy") replaced.add(step.from);
  }
  const removals = new Set<string>();
  for (const [index, step] of steps.entries()) {
    if (step.kind !== "delete" || replaced.has(step.path)) continue;
    if (steps.slice(index + 1).some((later) => later.kind === "rename" && later.to === step.path)) continue;
    removals.add(step.path);
  }
  return removals;
}

/**
 * `steps` with their mails. Before the rotation each version removal is mailed, and a failure
 * stops the log (prerotate stage); after it, each removal is mailed (maillast), or the newest
 * version once, before the first removal or at the end (mailfirst), and a failure keeps the file.
 */
function withMails(steps: readonly Step[], mail: Mail, phase: "before" | "after", newest: string): Step[] {
  const removals = versionRemovals(steps);
  const firstOnly = phase === "after" && mail.first;
  const out: Step[] = [];
  let sent = false;
  for (const [index, step] of steps.entries()) {
    const previous = steps[index - 1];
    // The mail goes before the removal's preremove, or before the delete when there is none.
    const removal = step.kind === "script" && step.stage === "preremove" ? step.args[0]! : step.kind === "delete" && !(previous?.kind === "script" && previous.stage === "preremove" && previous.args[0] === step.path) ? step.path : null;
    if (removal !== null && removals.has(removal) && !(firstOnly && sent)) {
      out.push(mailStep(removal, firstOnly ? newest : removal, mail, phase === "before" ? "prerotate" : "preremove"));
      sent = true;
    }
    out.push(step);
  }
  if (firstOnly && !sent) out.push(mailStep(newest, newest, mail, "preremove"));
  return out;
}

function mailStep(keep: string, file: string, mail: Mail, stage: "prerotate" | "preremove"): Step {
  const subject = mail.uncompress !== null && mail.first ? mail.log : file;
  return { kind: "script", stage, script: MAIL_SCRIPT, args: [keep, file, subject, mail.address, mail.command, mail.uncompress ?? ""] };
}
