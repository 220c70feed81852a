/**
 * What can be wrong with a line of a state file, each worded for rotor (what was wrong and
 * expected; what to do) and as logrotate 3.21 prints it, for the drop-in front end.
 */

export interface LineProblem {
  /** Stable: tools and tests match on it, never on the wording. */
  code: "ERR_STATE_BAD_HEADER" | "ERR_STATE_UNTERMINATED_QUOTE" | "ERR_STATE_BAD_LINE" | "ERR_STATE_BAD_DATE" | "ERR_STATE_DATE_RANGE";
  /** What was wrong, and what was expected. */
  problem: string;
  /** What to do, and what rotor did. */
  action: string;
  /** logrotate's own message for it (after `error: `). */
  logrotate: string;
}

/** Shows text in a message on one line, however odd it is. */
const show = (text: string): string => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text).slice(1, -1);

const CONSEQUENCE = "rotor skipped the line (logrotate 3.21 would stop reading the state file there and drop the entries after it)";
const SKIPPED = `fix or remove the line; ${CONSEQUENCE}`;

export const lineProblems = {
  badHeader: (found: string, file: string): LineProblem => ({
    code: "ERR_STATE_BAD_HEADER",
    problem: `Expected the first line to be \`logrotate state -- version 2\` (or version 1), got \`${show(found)}\``,
    action: "check that this is the state file (-s/--state) and restore its first line; rotor read the entries below it (logrotate 3.21 would ignore them all)",
    logrotate: `bad top line in state file ${file}`,
  }),
  unterminated: (rest: string, line: number, file: string): LineProblem => ({
    code: "ERR_STATE_UNTERMINATED_QUOTE",
    problem: `A quote is not closed: \`${show(rest)}\`, expected \`"path" Y-M-D-H:M:S\``,
    action: `close the quote (a " inside a quoted path is written \\"); ${CONSEQUENCE}`,
    logrotate: `bad line ${line} in state file ${file}`,
  }),
  wordCount: (words: string[], line: number, file: string): LineProblem => ({
    code: "ERR_STATE_BAD_LINE",
    problem:
      words.length === 0
        ? "A line of blanks only, expected `\"path\" Y-M-D-H:M:S` or an empty line"
        : `Expected a path and a date (\`"path" Y-M-D-H:M:S\`), got ${words.length} word${words.length === 1 ? "" : "s"}: \`${show(words.join(" "))}\``,
    action: words.length > 2 ? `quote a path that contains blanks; ${SKIPPED}` : SKIPPED,
    logrotate: `bad line ${line} in state file ${file}`,
  }),
  badDate: (found: string, line: number, file: string): LineProblem => ({
    code: "ERR_STATE_BAD_DATE",
    problem: `Expected a date \`Y-M-D-H:M:S\` (or \`Y-M-D\`) after the path, got \`${show(found)}\``,
    action: SKIPPED,
    logrotate: `bad line ${line} in state file ${file}`,
  }),
  outOfRange: (field: string, expected: string, value: number, path: string, file: string): LineProblem => ({
    code: "ERR_STATE_DATE_RANGE",
    problem: `Expected the ${field} to be ${expected}, got \`${value}\``,
    action: SKIPPED,
    logrotate: `bad ${field} ${value} for file ${path} in state file ${file}`,
  }),
};
