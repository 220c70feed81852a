/**
 * logrotate 3.21's `-v` lines, so that what a reader (or a script) looks for in logrotate's
 * verbose output is there in rotor's (issue 4's key phrases): the block header ("rotating
 * pattern: ..." and its summary of settings) and one line per step of a rotation. The
 * wording was taken from logrotate's own output on the same configs (docs/logrotate-
 * behaviour.md 17a); rotor's plan has no no-op renames, so logrotate's "old log X does not
 * exist" lines after a rename of a missing slot have no counterpart.
 */
import type { LogEntry } from "../../config/index.js";
import type { Step } from "../../rotate/index.js";
import { isMailStep } from "./mail.js";

/**
 * The header of a block: logrotate prints a blank line, then the pattern and the criterion,
 * then a summary of the settings.
 *
 * @example
 * patternHeader(entry, true); // ["", "rotating pattern: /x/app.log  forced from command line (2 rotations)", "empty log files are rotated, old logs are removed"]
 */
export function patternHeader(entry: LogEntry, force: boolean): string[] {
  const s = entry.settings;
  const f = s.frequency;
  const criterion = force
    ? "forced from command line "
    : f.unit === "daily"
      ? "after 1 days "
      : f.unit === "none"
        ? `${s.size} bytes `
        : `${f.unit} `;
  // logrotate's pattern text keeps its trailing blank, hence two blanks before the criterion.
  const head = `rotating pattern: ${entry.patternText.trimEnd()}  ${criterion}`;
  const count = s.keep > 0 ? `(${s.keep} rotations)` : s.keep === 0 ? "(no old logs will be kept)" : null;
  const summary =
    (s.olddir !== null ? `olddir is ${s.olddir}, ` : "") +
    `empty log files are ${s.ifempty ? "" : "not "}rotated, ` +
    (s.minsize > 0 ? `only log files >= ${s.minsize} bytes are rotated, ` : "") +
    (s.maxsize > 0 ? `log files >= ${s.maxsize} are rotated earlier, ` : "") +
    (s.mail !== null ? `old logs mailed to ${s.mail}` : "old logs are removed");
  // With `rotate -1` logrotate prints no count and no line break: one line.
  return count === null ? ["", head + summary] : ["", head + count, summary];
}

const SCRIPT_NAMES: Record<string, string> = { firstaction: "first action", lastaction: "last action" };

/**
 * A step listener (the engine's `onStep`) that says each step as logrotate -v does.
 *
 * @example
 * const onStep = verboseSteps((line) => out.debug(line));
 */
export function verboseSteps(say: (line: string) => void): (step: Step) => void {
  // A compression's source is removed without a message; a version is "removing old log".
  const compressed = new Set<string>();
  return (step) => {
    switch (step.kind) {
      case "rename":
        return say(`renaming ${step.from} to ${step.to}`);
      case "copy":
        return say(`copying ${step.from} to ${step.to}`);
      case "truncate":
        return say(`truncating ${step.path}`);
      case "create":
        return say(`creating new ${step.path} mode = 0${step.mode.toString(8)}${step.uid === null ? "" : ` uid = ${step.uid}`}${step.gid === null ? "" : ` gid = ${step.gid}`}`);
      case "compress":
        compressed.add(step.from);
        return say(`compressing log with: ${typeof step.method === "string" ? `${step.method} (built in)` : step.method.command}`);
      case "delete":
        if (!compressed.has(step.path)) say(`removing old log ${step.path}`);
        return;
      case "script":
        if (isMailStep(step)) return say(`mailing ${step.args[1]} to ${step.args[3]}`);
        return say(`running ${SCRIPT_NAMES[step.stage] ?? step.stage} script`);
      case "mkdir":
        return say(`creating olddir ${step.path} mode = 0${step.mode.toString(8)}`);
    }
  };
}
