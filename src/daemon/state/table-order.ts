/**
 * The order of the lines in a state file that logrotate 3.21 writes. It keeps its states in
 * a hash table and writes the table bucket by bucket, so the order is neither the config's
 * nor sorted; matching it byte for byte lets a state file pass between rotor and logrotate
 * (and diff clean). Established by experiment (thousands of entries, several table sizes):
 *
 * - bucket = h mod N, with h = h * 13 + b over the path's bytes b (0–255, non-ASCII bytes
 *   counted as unsigned: a 78-bucket table of non-ASCII paths tells the two apart) in
 *   unsigned 32-bit arithmetic;
 * - N = max(64, floor(size of the state file when read / 16,000)) — logrotate guesses
 *   80 bytes an entry and 200 entries a bucket;
 * - each bucket is a list to whose head new states are added: the state file's entries in
 *   file order, then the logs first seen in this run. So within a bucket the most recently
 *   added comes first, and entries that share a bucket swap places at each logrotate run.
 */

/** logrotate's smallest table, used for every state file under about 1 MB. */
export const MIN_BUCKETS = 64;

/**
 * How many buckets logrotate's table has after reading a state file of `bytes` bytes.
 *
 * @example
 * bucketCount(0); // 64
 * bucketCount(1_988_923); // 124
 */
export function bucketCount(bytes: number): number {
  return Math.max(MIN_BUCKETS, Math.floor(bytes / 80 / 200));
}

const encoder = new TextEncoder();

/**
 * logrotate's hash of a path (its bytes in UTF-8), reduced to a bucket index.
 *
 * @example
 * bucketOf("/tmp/lrx/logs/a.log", 64); // 21
 */
export function bucketOf(path: string, buckets: number): number {
  let hash = 0;
  for (const byte of encoder.encode(path)) {
    hash = (Math.imul(hash, 13) + byte) >>> 0;
  }
  return hash % buckets;
}

/**
 * `paths`, given in the order logrotate would have added them to its table (a Map's
 * insertion order: the state file's lines, then new logs), in the order it writes them.
 *
 * @example
 * writeOrder(["/a", "/b"], 64); // by bucket; the later of two paths in one bucket first
 */
export function writeOrder(paths: Iterable<string>, buckets: number, bucket: (path: string) => number = (path) => bucketOf(path, buckets)): string[] {
  const table: string[][] = Array.from({ length: buckets }, () => []);
  for (const path of paths) table[bucket(path)]!.push(path);
  const ordered: string[] = [];
  for (const list of table) {
    for (let i = list.length - 1; i >= 0; i--) ordered.push(list[i]!);
  }
  return ordered;
}
