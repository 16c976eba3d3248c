import type { KeyValueStore } from './key-value-store.js';

/** Options of `MemoryStore`. */
export interface MemoryStoreOptions {
  /** Most entries kept; the least recently written is evicted first. Default 10,000 (1 to 10^7). */
  maxEntries?: number;
  /** Most characters kept over all keys and values. Default 64 Mi characters. */
  maxChars?: number;
  /** The clock, in milliseconds. Default `Date.now`; tests inject their own. */
  now?: () => number;
}

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * An in-process `KeyValueStore`, bounded in entries and characters. Entries are kept in
 * write order (a `Map` keeps insertion order; a rewrite moves the key to the end), so the
 * oldest write is evicted first when a limit is reached. Expired entries are dropped when read
 * and when they are found at the head during a write.
 */
export class MemoryStore implements KeyValueStore {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #maxChars: number;
  readonly #now: () => number;
  #chars = 0;

  constructor(options: MemoryStoreOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#maxChars = options.maxChars ?? 64 * 1024 * 1024;
    this.#now = options.now ?? Date.now;
    if (!Number.isInteger(this.#maxEntries) || this.#maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${this.#maxEntries}`);
    }
  }

  /** Entries held now, expired ones not yet swept included. */
  get size(): number {
    return this.#entries.size;
  }

  async get(key: string): Promise<string | undefined> {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#remove(key, entry);
      return undefined;
    }
    return entry.value;
  }

  async set(key: string, value: string, options: { ttlMs: number }): Promise<void> {
    if (!(options.ttlMs > 0)) throw new RangeError(`ttlMs must be positive, got ${options.ttlMs}`);
    const old = this.#entries.get(key);
    if (old !== undefined) this.#remove(key, old);
    const size = key.length + value.length;
    if (size > this.#maxChars) return;
    this.#entries.set(key, { value, expiresAt: this.#now() + options.ttlMs });
    this.#chars += size;
    this.#evict();
  }

  async delete(key: string): Promise<boolean> {
    const entry = this.#entries.get(key);
    if (entry === undefined) return false;
    this.#remove(key, entry);
    return true;
  }

  async close(): Promise<void> {
    this.#entries.clear();
    this.#chars = 0;
  }

  #remove(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#chars -= key.length + entry.value.length;
  }

  #evict(): void {
    const now = this.#now();
    for (const [key, entry] of this.#entries) {
      const over = this.#entries.size > this.#maxEntries || this.#chars > this.#maxChars;
      if (!over && entry.expiresAt > now) break;
      this.#remove(key, entry);
    }
  }
}
