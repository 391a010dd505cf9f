/**
 * Answers of read queries (counts, access paths, statistics) kept in memory under the store's
 * data version (store_state.incidents), so a server asked the same thing by fifty dashboards
 * computes it once per change of the data. Every lookup names the version the caller has just
 * read from the database: entries made under another version are never returned, and the first
 * lookup under a new version empties the cache. The version is read before the answer is
 * computed, so an answer computed while another process replaced the incidents is filed under the
 * older version and never served again. Least recently used entries go first beyond `capacity`.
 */
export class ReadCache<T> {
  private version: string | null = null;
  private readonly entries = new Map<string, T>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ReadCache capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The answer for `key` under `version`, computing (and keeping) it when absent. */
  async get(version: string, key: string, compute: () => Promise<T>): Promise<T> {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    const hit = this.entries.get(key);
    if (hit !== undefined || this.entries.has(key)) {
      this.entries.delete(key); // re-inserted: Map order is recency order
      this.entries.set(key, hit as T);
      return hit as T;
    }
    const value = await compute();
    // Another call may have moved to a newer version while this one computed: keep nothing then.
    if (this.version === version) {
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, value);
    }
    return value;
  }
}
