/**
 * Splitting text into words as popt's poptParseArgvString does: logrotate uses it for the
 * paths before `{` and for `compressoptions`. It is close to the shell's rules but not
 * equal: inside quotes a backslash escapes only the quote character itself (`"a\b"` keeps
 * the backslash, `'it\'s'` is `it's`), an unterminated quote is accepted, and an empty
 * result is an error.
 */

export interface Word {
  text: string;
  /** Offset of the word's first character in the input. */
  offset: number;
}

/**
 * The words of `text`, or null where popt fails (no words, or a backslash at the end).
 *
 * @example
 * splitWords(`"/var/log/my app.log" /x\\ y`); // [{ text: "/var/log/my app.log", offset: 0 }, { text: "/x y", offset: 22 }]
 */
export function splitWords(text: string): Word[] | null {
  const words: Word[] = [];
  let current = "";
  let start = -1;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (start < 0 && !(quote === "" && /\s/.test(ch))) start = i;
    if (quote !== "" && ch === quote) {
      quote = "";
    } else if (quote !== "") {
      if (ch === "\\") {
        const next = text[++i];
        if (next === undefined) return null;
        if (next !== quote) current += "\\";
        current += next;
      } else {
        current += ch;
      }
    } else if (/\s/.test(ch)) {
      // popt ends a word only when it has characters: `""` alone makes no word.
      if (current !== "") words.push({ text: current, offset: start });
      current = "";
      start = -1;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === "\\") {
      const next = text[++i];
      if (next === undefined) return null;
      current += next;
    } else {
      current += ch;
    }
  }
  if (current !== "") words.push({ text: current, offset: start });
  return words.length === 0 ? null : words;
}
