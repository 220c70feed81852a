/**
 * Matching directory entries against the last part of a size trigger's pattern
 * (`/var/log/nginx/*.log`): the shell's `*`, `?` and `[...]` (`!` or `^` negates), a
 * backslash for a literal character, and, as in the shell, no wildcard matching a leading
 * dot. Only the last part may have wildcards: the directory above is watched for entries
 * as they appear, which a wildcard directory could not be without walking the tree.
 */

/** True when a path part has a wildcard. */
export function hasWildcard(part: string): boolean {
  return /[*?[]/.test(part);
}

/**
 * A matcher for one pattern part.
 *
 * @example
 * namePattern("*.log")("access.log"); // true
 * namePattern("*.log")(".hidden.log"); // false
 */
export function namePattern(part: string): (name: string) => boolean {
  if (!hasWildcard(part)) return (name) => name === part;
  let source = "";
  for (let i = 0; i < part.length; i++) {
    const c = part[i]!;
    if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else if (c === "\\" && i + 1 < part.length) source += escape(part[++i]!);
    else if (c === "[") {
      const close = part.indexOf("]", i + 2);
      if (close < 0) source += "\\[";
      else {
        let body = part.slice(i + 1, close);
        const negate = body.startsWith("!") || body.startsWith("^");
        if (negate) body = body.slice(1);
        source += `[${negate ? "^" : ""}${body.replace(/[\\\]^]/g, "\\$&")}]`;
        i = close;
      }
    } else source += escape(c);
  }
  const re = new RegExp(`^${source}$`);
  const dotOk = part.startsWith(".");
  return (name) => (dotOk || !name.startsWith(".")) && re.test(name);
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}
