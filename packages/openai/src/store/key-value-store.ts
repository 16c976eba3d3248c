/**
 * What the gateway remembers between requests (reasoning for tool loops, stored Responses and
 * their input items, upstream cooldowns) goes through this one interface. Implementations:
 * `MemoryStore` (in-process, bounded; the default for tests and a single process), and the
 * embedded durable and shared (Redis) stores that `serve` selects.
 *
 * Contract, for every implementation:
 * - Keys and values are strings; callers serialise (JSON) and namespace their keys
 *   (`reasoning:<tool-call-id>`, `response:<id>`, ...).
 * - `ttlMs` is required on every write: nothing is kept forever. An expired entry is never
 *   returned, whether or not it has been swept yet.
 * - A store may evict entries before their TTL to respect its size limits (oldest first); a
 *   caller must treat a miss as normal.
 * - Methods never throw for a missing key; they reject only when the store itself fails
 *   (a Redis that does not answer), with an error that names the store.
 */
export interface KeyValueStore {
  /** The value stored under `key`, or `undefined` when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` under `key` for `ttlMs` milliseconds (replacing any earlier value). */
  set(key: string, value: string, options: { ttlMs: number }): Promise<void>;
  /** Removes `key`; resolves `true` when something was removed. */
  delete(key: string): Promise<boolean>;
  /** Releases what the store holds (connections, file handles). Idempotent. */
  close(): Promise<void>;
}
