/**
 * One config file's text and the ways logrotate 3.21 scans it. logrotate reads character
 * by character rather than line by line, and several of its behaviours follow from that
 * (all established with `logrotate -d`, see test/config/logrotate-parser.test.ts):
 *
 * - a keyword is a run of letters; it must be followed by white space or `=`
 *   (`rotate5` is "not properly separated");
 * - a directive without a value leaves the rest of its line to be read as more
 *   directives (`compress delaycompress` sets both; `daily 5` is an error on `5`);
 * - a directive with a value takes the whole rest of the line (`rotate 1 }` is a bad count);
 * - a block's paths run from the first path character up to the next `{`, across lines;
 * - a script runs from just after its keyword to the start of the line whose first word is
 *   `endscript`, kept verbatim.
 */
import type { Location } from "../model.js";

/** logrotate's isblank / isspace / isalpha in the C locale. */
export const isBlank = (ch: string | undefined): boolean => ch === " " || ch === "\t";
export const isSpace = (ch: string | undefined): boolean => ch !== undefined && " \t\n\v\f\r".includes(ch);
export const isAlpha = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z]/.test(ch);

/** The keywords that start a script: recovery skips their bodies whole. */
export const SCRIPT_KEYWORDS: ReadonlySet<string> = new Set(["prerotate", "postrotate", "firstaction", "lastaction", "preremove"]);

export type Value = { text: string; start: number; next: number } | { missing: true };

export class Source {
  readonly file: string;
  readonly text: string;
  /** Invariant: lineStarts[i] is the offset of line i+1's first character; sorted. */
  private readonly lineStarts: number[] = [0];

  constructor(file: string, text: string) {
    this.file = file;
    this.text = text;
    for (let i = 0; i < text.length; i++) if (text[i] === "\n") this.lineStarts.push(i + 1);
  }

  /** The 1-based line and column of an offset. */
  loc(pos: number): Location {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.file, line: lo + 1, column: pos - this.lineStarts[lo]! + 1 };
  }

  lineEnd(pos: number): number {
    const end = this.text.indexOf("\n", pos);
    return end < 0 ? this.text.length : end;
  }

  skipBlanks(pos: number): number {
    while (isBlank(this.text[pos])) pos++;
    return pos;
  }

  wordEnd(pos: number): number {
    while (isAlpha(this.text[pos])) pos++;
    return pos;
  }

  /** The rest of the line from `pos`, trailing white space removed (logrotate's isolateLine). */
  restOfLine(pos: number): { text: string; next: number } {
    const next = this.lineEnd(pos);
    let end = next;
    while (end > pos && isSpace(this.text[end - 1])) end--;
    return { text: this.text.slice(pos, end), next };
  }

  /** A directive's value: blanks, an optional `=`, blanks, then the rest of the line. */
  value(pos: number): Value {
    pos = this.skipBlanks(pos);
    if (this.text[pos] === "=") pos = this.skipBlanks(pos + 1);
    if (pos >= this.text.length || this.text[pos] === "\n") return { missing: true };
    const { text, next } = this.restOfLine(pos);
    return { text, start: pos, next };
  }

  /** A script body from `pos` (just after its keyword), or null when no `endscript` follows. */
  script(pos: number): { body: string; after: number } | null {
    let segment = pos;
    while (segment < this.text.length) {
      const wordStart = this.skipBlanks(segment);
      const wordEnd = this.wordEnd(wordStart);
      if (this.text.slice(wordStart, wordEnd) === "endscript") {
        const lineStart = this.text.lastIndexOf("\n", wordStart - 1) + 1;
        return { body: this.text.slice(pos, Math.max(pos, lineStart)), after: wordEnd };
      }
      segment = this.lineEnd(segment) + 1;
    }
    return null;
  }

  /**
   * Skips the rest of a block after an error, as logrotate does: from `pos`, the first `}`
   * that starts a scan (the beginning of a line, or `pos` itself) ends it; other lines are
   * skipped whole, scripts up to their `endscript`. So an indented `}` does not end the
   * block: the skip goes on to the next block's `}`, and that block is lost too — as in
   * logrotate. Returns the offset after the `}`, or null at the end of the text.
   */
  skipBlock(pos: number): number | null {
    while (pos < this.text.length) {
      const ch = this.text[pos];
      if (ch === "}") return pos + 1;
      if (ch === "\n") {
        pos++;
        continue;
      }
      const wordStart = this.skipBlanks(pos);
      const wordEnd = this.wordEnd(wordStart);
      if (SCRIPT_KEYWORDS.has(this.text.slice(wordStart, wordEnd))) {
        const script = this.script(wordEnd);
        if (script === null) return null;
        pos = script.after;
        continue;
      }
      pos = this.lineEnd(pos);
    }
    return null;
  }
}
