/**
 * parseState: the text of a logrotate state file (version 2, or the older version 1 whose
 * lines hold only a date) to a map from log path to the epoch ms of its last rotation.
 * Pure: no I/O and no clock; dates are read in local time (or an injected zone).
 *
 * DEVIATION from logrotate 3.21, on purpose: logrotate stops reading at the first bad line
 * and then writes the state file back without the entries after it (and without any entry
 * at all after a bad first line), exiting 1. rotor reports each bad line with its place,
 * skips it and keeps every other entry. A last line without a newline, which logrotate
 * drops ("line N too long"), is read normally.
 */
import { fromLocalFields } from "../../rotate/local-time.js";
import { scanDate, splitWords, unescapePath } from "./line-syntax.js";
import { lineProblems, type LineProblem } from "./problems.js";

export const HEADER_V1 = "logrotate state -- version 1";
export const HEADER_V2 = "logrotate state -- version 2";

/** A problem in a state file. `message` reads `file:line:column: what was wrong; what to do`. */
export interface StateProblem extends LineProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  column: number;
  message: string;
}

export interface ParsedState {
  /** Last rotation of each log, in epoch ms (whole seconds), in the order of the file. */
  entries: Map<string, number>;
  problems: StateProblem[];
  /** The header's version, or null when the first line is not a header (or the file is empty). */
  version: 1 | 2 | null;
}

export interface ParseStateOptions {
  /** IANA zone the dates are in; default the host's, as logrotate. */
  timeZone?: string;
}

/** logrotate's range checks, in its order; year 1900 is let through "to hide an earlier bug". */
const RANGES = [
  { field: "year", ok: (v: number) => v === 1900 || (v >= 1970 && v <= 2100), expected: "from 1970 to 2100" },
  { field: "month", ok: (v: number) => v >= 1 && v <= 12, expected: "from 1 to 12" },
  { field: "day", ok: (v: number) => v >= 0 && v <= 31, expected: "from 0 to 31" },
  { field: "hour", ok: (v: number) => v >= 0 && v <= 23, expected: "from 0 to 23" },
  { field: "minute", ok: (v: number) => v >= 0 && v <= 59, expected: "from 0 to 59" },
  { field: "second", ok: (v: number) => v >= 0 && v <= 59, expected: "from 0 to 59" },
] as const;

/**
 * Parses the text of a state file; `file` names it in problems. Never throws on bad
 * content: each bad line becomes a problem and is skipped.
 *
 * @example
 * const { entries, problems } = parseState('logrotate state -- version 2\n"/var/log/a.log" 2026-3-5-7:0:0\n', "/var/lib/logrotate/status");
 * entries.get("/var/log/a.log"); // epoch ms of 2026-03-05 07:00:00 local time
 * problems.forEach((p) => console.error(p.message));
 */
export function parseState(text: string, file: string, options: ParseStateOptions = {}): ParsedState {
  const entries = new Map<string, number>();
  const problems: StateProblem[] = [];
  if (text === "") return { entries, problems, version: null };
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const version = lines[0] === HEADER_V2 ? 2 : lines[0] === HEADER_V1 ? 1 : null;
  const report = (line: number, column: number, problem: LineProblem): void => {
    problems.push({ ...problem, file, line, column, message: `${file}:${line}:${column}: ${problem.problem}; ${problem.action}` });
  };
  if (version === null) report(1, 1, lineProblems.badHeader(lines[0]!, file));
  const dates = new Map<string, number>();
  for (let index = version === null ? 0 : 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (line === "") continue; // logrotate skips empty lines
    const entry = parsePlainLine(line, dates, options.timeZone) ?? parseLine(line, index + 1, file, options.timeZone);
    if ("problem" in entry) {
      // A first line that is neither a header nor an entry was reported as a bad header.
      if (index > 0) report(index + 1, entry.column, entry);
    } else entries.set(entry.path, entry.epochMs);
  }
  return { entries, problems, version };
}

type LineResult = { path: string; epochMs: number } | (LineProblem & { column: number });

/**
 * The line logrotate (and rotor) writes: a quoted path with no quote or backslash in it, one
 * space, a date of six numbers. parseLine would read it the same way; this only does it
 * faster (a state of 10,000 logs is read at the start of every pass).
 */
const PLAIN_LINE = /^"([^"\\]+)" (\d{1,4})-(\d{1,2})-(\d{1,2})-(\d{1,2}):(\d{1,2}):(\d{1,2})$/;

/**
 * A plain line (PLAIN_LINE) whose date is in range, or null for parseLine to read. `dates`
 * keeps each date's instant: the lines of one pass share a few dates, and converting local
 * fields in a time zone is the costly part.
 */
function parsePlainLine(line: string, dates: Map<string, number>, timeZone: string | undefined): { path: string; epochMs: number } | null {
  const match = PLAIN_LINE.exec(line);
  if (match === null) return null;
  const dateText = line.slice(match[1]!.length + 3);
  const known = dates.get(dateText);
  if (known !== undefined) return { path: match[1]!, epochMs: known };
  const fields = match.slice(2).map(Number);
  if (!RANGES.every((range, i) => range.ok(fields[i]!))) return null;
  const [year, month, day, hour, minute, second] = fields as [number, number, number, number, number, number];
  const epochMs = fromLocalFields({ year, month, day, hour, minute, second }, timeZone);
  dates.set(dateText, epochMs);
  return { path: match[1]!, epochMs };
}

function parseLine(line: string, lineNumber: number, file: string, timeZone: string | undefined): LineResult {
  const words = splitWords(line);
  if (typeof words === "number") return { ...lineProblems.unterminated(line.slice(words), lineNumber, file), column: words + 1 };
  if (words.length !== 2) {
    // With too many words, point where the path was split: quoting it is the usual fix.
    const column = words.length > 2 ? words[1]!.at + 1 : 1;
    return { ...lineProblems.wordCount(words.map((w) => w.text), lineNumber, file), column };
  }
  const [path, date] = words as [typeof words[0], typeof words[0]];
  const { fields, count } = scanDate(date.text);
  if (count < 3) return { ...lineProblems.badDate(date.text, lineNumber, file), column: date.at + 1 };
  for (let i = 0; i < RANGES.length; i++) {
    const range = RANGES[i]!;
    if (!range.ok(fields[i]!)) return { ...lineProblems.outOfRange(range.field, range.expected, fields[i]!, path.text, file), column: date.at + 1 };
  }
  const [year, month, day, hour, minute, second] = fields as [number, number, number, number, number, number];
  return { path: unescapePath(path.text), epochMs: fromLocalFields({ year, month, day, hour, minute, second }, timeZone) };
}
