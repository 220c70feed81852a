/**
 * "Did you mean `keep`?": the nearest known name to a misspelt key, by edit distance.
 */

/**
 * The Levenshtein distance (insertions, deletions, substitutions) between two strings.
 *
 * @example
 * editDistance("kepe", "keep"); // 2
 */
export function editDistance(a: string, b: string): number {
  // One row of the dynamic-programming table at a time: row[j] = distance(a[..i], b[..j]).
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

/**
 * The known name nearest to `name` (case ignored), if it is near enough to be a likely
 * typo: at most a third of the longer name's letters differ. Ties go to the earlier name.
 *
 * @example
 * nearestName("kep", ["keep", "start"]);   // "keep"
 * nearestName("colour", ["keep", "start"]); // undefined
 */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance && distance <= Math.max(1, Math.floor(Math.max(name.length, candidate.length) / 3))) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
