/**
 * How logrotate 3.21 reads one line of its state file, mirrored step by step because a
 * state file is shared with it and hand-edited files exist: popt's `poptParseArgvString`
 * splits the line into words, logrotate's `unescape` decodes the path, and `sscanf` with
 * `"%d-%d-%d-%d:%d:%d"` reads the date. Each step's quirks are kept (checked by experiment):
 * single quotes work like double ones, a backslash outside quotes takes the next character
 * literally, empty words vanish, and the date may have trailing text or fewer than six
 * numbers (version 1 lines hold only `Y-M-D`).
 */

/** A word of a line and the 0-based index in the line where it starts. */
export interface Word {
  text: string;
  at: number;
}

/** C's isspace() in the C locale: popt splits on these. */
const SPACE = new Set([" ", "\t", "\n", "\v", "\f", "\r"]);

/**
 * Splits a line into words as popt does, or returns the index of an unterminated quote (or
 * of a backslash at the very end) as a number.
 *
 * @example
 * splitWords(`"/var/log/a b.log" 2026-3-5-7:0:0`); // [{ text: "/var/log/a b.log", at: 0 }, { text: "2026-3-5-7:0:0", at: 19 }]
 */
export function splitWords(line: string): Word[] | number {
  const words: Word[] = [];
  let text = "";
  let at = -1;
  let quote = "";
  let quoteAt = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote !== "") {
      if (c === quote) quote = "";
      else if (c === "\\") {
        const next = line[++i];
        if (next === undefined) return i - 1;
        // Inside quotes popt drops the backslash only before the quote itself; the
        // others (\n, \\) are left for logrotate's unescape.
        text += next === quote ? next : c + next;
      } else text += c;
    } else if (SPACE.has(c)) {
      if (text !== "") words.push({ text, at });
      text = "";
      at = -1;
    } else {
      if (at < 0) at = i;
      if (c === '"' || c === "'") {
        quote = c;
        quoteAt = i;
      } else if (c === "\\") {
        const next = line[++i];
        if (next === undefined) return i - 1;
        text += next;
      } else text += c;
    }
  }
  if (quote !== "") return quoteAt;
  if (text !== "") words.push({ text, at });
  return words;
}

/**
 * logrotate's `unescape`: `\n` becomes a newline and `\\` a backslash; any other
 * backslash stays as it is.
 *
 * @example
 * unescapePath("/var/log/a\\nb"); // "/var/log/a\nb"
 */
export function unescapePath(text: string): string {
  return text.replace(/\\([n\\])/g, (_, c: string) => (c === "n" ? "\n" : "\\"));
}

/**
 * What `sscanf(text, "%d-%d-%d-%d:%d:%d")` reads: the numbers converted before the first
 * mismatch (each `%d` skips blanks and takes an optional sign), missing ones being 0, and
 * how many were converted.
 *
 * @example
 * scanDate("2026-3-5-7:8:9"); // { fields: [2026, 3, 5, 7, 8, 9], count: 6 }
 * scanDate("2026-3-5"); // { fields: [2026, 3, 5, 0, 0, 0], count: 3 }
 */
export function scanDate(text: string): { fields: number[]; count: number } {
  const fields = [0, 0, 0, 0, 0, 0];
  const separators = "---::";
  let i = 0;
  let count = 0;
  while (count < 6) {
    const match = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(text.slice(i));
    if (match === null) break;
    fields[count++] = Number(match[1]);
    i += match[0].length;
    if (count === 6 || text[i] !== separators[count - 1]) break;
    i++;
  }
  return { fields, count };
}
