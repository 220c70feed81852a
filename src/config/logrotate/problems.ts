/**
 * The structural problems of a logrotate config (those not about one directive's value),
 * each worded for rotor (what was wrong and expected; what to do) and as logrotate 3.21
 * prints it (after `error: FILE:LINE `), for the drop-in front end.
 */
import { expected } from "../errors.js";
import type { Location } from "../model.js";
import type { Problem } from "./arguments.js";

const where = (at: Location) => `${at.file}:${at.line}:${at.column}`;

export const problems = {
  unknownDirective: (name: string): Problem => ({
    code: "ERR_CONFIG_UNKNOWN_DIRECTIVE",
    problem: `Unknown directive \`${name}\`, expected one of logrotate 3.21's directives`,
    action: "check the spelling (directives are lower case) or remove the line; the line was ignored",
    logrotate: `unknown option '${name}' -- ignoring line`,
  }),
  strayEndscript: (): Problem => ({
    code: "ERR_CONFIG_STRAY_ENDSCRIPT",
    problem: "`endscript` without a script before it",
    action: "remove it, or add the script's keyword (postrotate, …) above the script",
    logrotate: "unknown option 'endscript' -- ignoring line",
  }),
  deprecated: (name: string): Problem => ({
    code: "ERR_CONFIG_DEPRECATED",
    problem: `\`${name}\` is deprecated and has no effect`,
    action: "remove the line",
    logrotate: `the ${name} directive is deprecated and no longer used.`,
  }),
  notSeparated: (name: string, found: string): Problem => ({
    code: "ERR_CONFIG_NOT_SEPARATED",
    problem: `Expected a blank or \`=\` after \`${name}\`, got \`${found}\``,
    action: `write \`${name} value\` with a space`,
    logrotate: `keyword '${name}' not properly separated, found 0x${found.charCodeAt(0).toString(16)}`,
  }),
  unexpectedLine: (found: string): Problem => ({
    code: "ERR_CONFIG_UNEXPECTED_LINE",
    problem: `Expected a directive or a log path (starting with /, ~, " or '), got \`${found}\``,
    action: "start the line with a directive or an absolute path, or comment it out with #",
    logrotate: "lines must begin with a keyword or a filename (possibly in double quotes)",
  }),
  missingValue: (name: string, label: string): Problem => ({
    code: "ERR_CONFIG_MISSING_VALUE",
    problem: `Expected a value after \`${name}\`, got the end of the line`,
    action: `write the value on the same line, such as \`${name} VALUE\``,
    logrotate: `argument expected after ${label}`,
  }),
  globalOnly: (name: string): Problem => ({
    code: "ERR_CONFIG_GLOBAL_ONLY",
    problem: `\`${name}\` inside a log block, expected it outside any block`,
    action: "move it above the blocks; it applies to the includes that follow it",
    logrotate: `${name} may not appear inside of log file definition`,
  }),
  nestedBlock: (): Problem => ({
    code: "ERR_CONFIG_NESTED_BLOCK",
    problem: "A log path inside a block, expected directives or `}`",
    action: "close the block with `}` before starting another one (blocks do not nest)",
    logrotate: "unexpected log filename",
  }),
  unexpectedClose: (): Problem => ({
    code: "ERR_CONFIG_UNEXPECTED_CLOSE",
    problem: "`}` outside a block",
    action: "remove it, or add the log paths and `{` that open the block",
    logrotate: "unexpected }",
  }),
  textAfterClose: (text: string): Problem => ({
    code: "ERR_CONFIG_TEXT_AFTER_CLOSE",
    problem: expected("}", "alone on its line", `} ${text}`),
    action: "move the text to a line of its own; it was ignored",
    logrotate: ", unexpected text after }",
  }),
  missingOpen: (): Problem => ({
    code: "ERR_CONFIG_MISSING_OPEN",
    problem: "Log paths without `{` after them",
    action: "add `{` after the paths and `}` after the block's directives",
    logrotate: "missing '{' after log files definition",
  }),
  missingClose: (patternText: string): Problem => ({
    code: "ERR_CONFIG_MISSING_CLOSE",
    problem: `The block of \`${patternText.trim()}\` is not closed, expected \`}\` before the end of the file`,
    action: "add `}` after the block's directives (logrotate silently accepts this)",
    logrotate: "",
  }),
  badPattern: (text: string): Problem => ({
    code: "ERR_CONFIG_BAD_PATTERN",
    problem: expected("log paths", "one or more paths", text.trim()),
    action: "write the paths before `{`, quoting those with spaces, and no backslash at the end",
    logrotate: "error parsing filename",
  }),
  unterminatedScript: (name: string): Problem => ({
    code: "ERR_CONFIG_UNTERMINATED_SCRIPT",
    problem: `\`${name}\` without \`endscript\``,
    action: "end the script with a line `endscript`",
    logrotate: "prerotate, postrotate or preremove without endscript",
  }),
  duplicate: (path: string, first: Location): Problem => ({
    code: "ERR_CONFIG_DUPLICATE_LOG",
    problem: `\`${path}\` is already configured at ${where(first)}`,
    action: "remove one of them, or put `ignoreduplicates` before this block to ignore later ones; this one was dropped",
    logrotate: `duplicate log entry for ${path}`,
  }),
};
