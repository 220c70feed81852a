/**
 * fnmatch(3) with no flags, as logrotate matches include file names against its taboo list:
 * `*` and `?` also match `/` and a leading `.`, `[...]` is a bracket expression (`!` or `^`
 * negates), and a backslash makes the next character literal.
 */

const cache = new Map<string, RegExp>();

function escape(ch: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(ch) ? `\\${ch}` : ch;
}

/** The bracket expression starting at `i` (after `[`) as a regex class, or null when unterminated. */
function bracket(pattern: string, i: number): { source: string; end: number } | null {
  let j = i;
  let negate = false;
  if (pattern[j] === "!" || pattern[j] === "^") {
    negate = true;
    j++;
  }
  let body = "";
  // A `]` right after the opening (or after the negation) is a member, not the end.
  let first = true;
  for (; j < pattern.length; j++) {
    const ch = pattern[j]!;
    if (ch === "]" && !first) return { source: `[${negate ? "^" : ""}${body}]`, end: j + 1 };
    first = false;
    if (ch === "\\" && j + 1 < pattern.length) {
      body += escape(pattern[++j]!);
    } else if (ch === "-" && body !== "" && pattern[j + 1] !== "]") {
      body += "-";
    } else {
      body += escape(ch);
    }
  }
  return null;
}

function compile(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "*") source += "[\\s\\S]*";
    else if (ch === "?") source += "[\\s\\S]";
    else if (ch === "\\" && i + 1 < pattern.length) source += escape(pattern[++i]!);
    else if (ch === "[") {
      const set = bracket(pattern, i + 1);
      if (set === null) source += "\\[";
      else {
        source += set.source;
        i = set.end - 1;
      }
    } else source += escape(ch);
  }
  return new RegExp(`^${source}$`);
}

/**
 * Whether `name` matches the shell pattern `pattern`.
 *
 * @example
 * fnmatch("*.rpmsave", "app.rpmsave"); // true
 * fnmatch("*.rhn-cfg-tmp-*", "app.rhn-cfg-tmp-1"); // true
 */
export function fnmatch(pattern: string, name: string): boolean {
  let re = cache.get(pattern);
  if (re === undefined) {
    re = compile(pattern);
    cache.set(pattern, re);
  }
  return re.test(name);
}

/**
 * Whether a path has glob characters, so that it is a pattern to expand at rotation time.
 *
 * @example
 * hasGlob("/var/log/*.log"); // true
 */
export function hasGlob(path: string): boolean {
  return /[*?[]/.test(path);
}
