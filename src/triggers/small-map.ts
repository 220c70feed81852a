/**
 * SmallMap: the few Map methods a WatchSet uses, kept in one array while there are few
 * entries, and in a Map past that. WHY: a daemon holds one WatchSet per job, nearly all
 * following one file; a Map of one entry costs about 400 bytes of hash table, the array
 * [key, value] about 60. Lookups in the array are linear, so it stops at LIMIT entries.
 *
 * Invariant: either `#map` is null and `#pairs` is [key0, value0, key1, value1, …] (no key
 * twice, at most LIMIT pairs), or `#map` holds every entry and `#pairs` is empty. Entries
 * keep the order they were first set in, as a Map's do.
 */
const LIMIT = 8;
const NONE: readonly unknown[] = Object.freeze([]);

/**
 * @example
 * const files = new SmallMap<string, number>();
 * files.set("/var/log/app.log", 42);
 * files.get("/var/log/app.log"); // 42
 */
export class SmallMap<K, V> {
  #pairs: unknown[] = NONE as unknown[];
  #map: Map<K, V> | null = null;

  get size(): number {
    return this.#map?.size ?? this.#pairs.length / 2;
  }

  get(key: K): V | undefined {
    if (this.#map !== null) return this.#map.get(key);
    const i = this.#find(key);
    return i === -1 ? undefined : (this.#pairs[i + 1] as V);
  }

  has(key: K): boolean {
    return this.#map !== null ? this.#map.has(key) : this.#find(key) !== -1;
  }

  set(key: K, value: V): void {
    if (this.#map !== null) {
      this.#map.set(key, value);
      return;
    }
    const i = this.#find(key);
    if (i !== -1) this.#pairs[i + 1] = value;
    // A literal, not a push: a pushed array reserves 17 slots, and most sets hold one pair.
    else if (this.#pairs.length === 0) this.#pairs = [key, value];
    else if (this.#pairs.length < 2 * LIMIT) this.#pairs.push(key, value);
    else {
      this.#map = new Map();
      for (let j = 0; j < this.#pairs.length; j += 2) this.#map.set(this.#pairs[j] as K, this.#pairs[j + 1] as V);
      this.#map.set(key, value);
      this.#pairs = NONE as unknown[];
    }
  }

  delete(key: K): boolean {
    if (this.#map !== null) return this.#map.delete(key);
    const i = this.#find(key);
    if (i === -1) return false;
    this.#pairs = this.#pairs.length === 2 ? (NONE as unknown[]) : this.#pairs.filter((_, j) => j !== i && j !== i + 1);
    return true;
  }

  clear(): void {
    this.#map = null;
    this.#pairs = NONE as unknown[];
  }

  /** The keys, in order (from a copy while small: deleting during the loop is safe, as with a Map). */
  keys(): Iterable<K> {
    return this.#map?.keys() ?? (this.#pairs.filter((_, j) => j % 2 === 0) as K[]);
  }

  values(): Iterable<V> {
    return this.#map?.values() ?? (this.#pairs.filter((_, j) => j % 2 === 1) as V[]);
  }

  #find(key: K): number {
    for (let i = 0; i < this.#pairs.length; i += 2) if (this.#pairs[i] === key) return i;
    return -1;
  }
}
