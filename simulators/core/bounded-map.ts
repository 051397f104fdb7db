/**
 * A Map that keeps at most `capacity` keys, forgetting the oldest first.
 * @note Evicting through `map.keys().next()` walks over the deleted entries V8 keeps at the front
 * of a Map until it rehashes, which made each insert slower as the store grew; a ring of keys
 * makes eviction O(1).
 */
export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>()
  private ring: K[] = []
  private head = 0

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    return this.map.get(key)
  }

  has(key: K): boolean {
    return this.map.has(key)
  }

  /** Sets a value; a new key becomes the newest and may evict the oldest. */
  set(key: K, value: V): void {
    if (!this.map.has(key)) {
      this.ring.push(key)
      while (this.map.size >= this.capacity && this.head < this.ring.length)
        this.map.delete(this.ring[this.head++] as K)
      if (this.head > 1024 && this.head * 2 > this.ring.length) {
        this.ring = this.ring.slice(this.head)
        this.head = 0
      }
    }
    this.map.set(key, value)
  }

  delete(key: K): boolean {
    // The key stays in the ring; eviction of a missing key is a no-op.
    return this.map.delete(key)
  }

  get size(): number {
    return this.map.size
  }

  /** Values oldest first. */
  *values(): IterableIterator<V> {
    for (let i = this.head; i < this.ring.length; i++) {
      const value = this.map.get(this.ring[i] as K)
      if (value !== undefined) yield value
    }
  }

  clear(): void {
    this.map.clear()
    this.ring = []
    this.head = 0
  }
}
