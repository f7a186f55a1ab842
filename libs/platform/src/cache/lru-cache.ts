/**
 * A map bounded by the total weight of its entries: a `set` past the bound evicts the entries
 * used longest ago. A Map iterates in insertion order, so moving an entry to the end on every
 * read keeps the least recently used one first.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private total = 0;

  /** `capacity`: the most total weight held; with the default weight of 1, the most entries. */
  constructor(readonly capacity: number) {
    if (!Number.isFinite(capacity) || capacity <= 0)
      throw new RangeError(`LruCache capacity must be a positive number, not ${capacity}`);
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** An entry heavier than the whole capacity is not kept: it would evict everything else. */
  set(key: K, value: V, weight = 1): void {
    this.delete(key);
    if (weight > this.capacity) return;
    this.entries.set(key, { value, weight });
    this.total += weight;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.capacity) break;
      this.entries.delete(oldest);
      this.total -= entry.weight;
    }
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.total -= entry.weight;
    return true;
  }

  /** How many entries are held. */
  get size(): number {
    return this.entries.size;
  }

  /** Their total weight, never above `capacity`. */
  get weight(): number {
    return this.total;
  }
}
