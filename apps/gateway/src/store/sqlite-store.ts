import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeyValueStore } from '@bedrock-bridge/openai';
import { openSqlite, type SqliteDatabase, type SqliteStatement } from './open-sqlite.js';

/** Options of `SqliteStore`. */
export interface SqliteStoreOptions {
  /** The database file; its folder is created. `:memory:` for a throwaway database. Required. */
  path: string;
  /** Most bytes of keys and values kept; the oldest writes are evicted past it. Default 256 MiB. */
  maxBytes?: number;
  /** Most entries kept; the oldest writes are evicted past it. Default 100,000. */
  maxEntries?: number;
  /** Longest any entry is kept, whatever TTL its writer asked for. Default 30 days. */
  maxAgeMs?: number;
  /** The clock, in milliseconds. Default `Date.now`; tests inject their own. */
  now?: () => number;
}

/**
 * The embedded, durable `KeyValueStore`: one SQLite file (synchronous, in-process, no service to
 * run; WAL journal so a crash loses no committed write), through `node:sqlite` where Node has it
 * and better-sqlite3 on Node 20 (see `openSqlite`). Survives a
 * restart; bounded in bytes, entries and age. Expired entries are never returned, and are swept
 * on writes.
 */
export class SqliteStore implements KeyValueStore {
  readonly #db: SqliteDatabase;
  readonly #maxBytes: number;
  readonly #maxEntries: number;
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  readonly #get: SqliteStatement;
  readonly #set: SqliteStatement;
  readonly #delete: SqliteStatement;
  readonly #sweep: SqliteStatement;
  readonly #totals: SqliteStatement;
  readonly #evictOldest: SqliteStatement;
  #closed = false;

  constructor(options: SqliteStoreOptions) {
    this.#maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
    this.#maxEntries = options.maxEntries ?? 100_000;
    this.#maxAgeMs = options.maxAgeMs ?? 30 * 24 * 3600 * 1000;
    this.#now = options.now ?? Date.now;
    for (const [name, value] of [
      ['maxBytes', this.#maxBytes],
      ['maxEntries', this.#maxEntries],
      ['maxAgeMs', this.#maxAgeMs],
    ] as const) {
      if (!Number.isInteger(value) || value < 1)
        throw new RangeError(`${name} must be a positive integer, got ${value}`);
    }
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    try {
      this.#db = openSqlite(options.path).db;
      this.#db.exec('PRAGMA journal_mode = WAL');
      this.#db.exec('PRAGMA busy_timeout = 2000');
      this.#db.exec(
        `CREATE TABLE IF NOT EXISTS kv (
           key TEXT PRIMARY KEY, value TEXT NOT NULL, bytes INTEGER NOT NULL,
           expires_at INTEGER NOT NULL, written_at INTEGER NOT NULL
         );
         CREATE INDEX IF NOT EXISTS kv_written ON kv (written_at);
         CREATE INDEX IF NOT EXISTS kv_expires ON kv (expires_at);`,
      );
    } catch (error) {
      throw new Error(
        `The SQLite store at ${options.path} could not be opened: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    this.#get = this.#db.prepare('SELECT value FROM kv WHERE key = ? AND expires_at > ?');
    this.#set = this.#db.prepare(
      'INSERT OR REPLACE INTO kv (key, value, bytes, expires_at, written_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.#delete = this.#db.prepare('DELETE FROM kv WHERE key = ?');
    this.#sweep = this.#db.prepare('DELETE FROM kv WHERE expires_at <= ?');
    this.#totals = this.#db.prepare('SELECT COUNT(*) AS n, SUM(bytes) AS bytes FROM kv');
    this.#evictOldest = this.#db.prepare(
      'DELETE FROM kv WHERE rowid = (SELECT rowid FROM kv ORDER BY written_at, rowid LIMIT 1)',
    );
  }

  async get(key: string): Promise<string | undefined> {
    this.#open();
    const row = this.#get.get(key, this.#now()) as { value: string } | undefined;
    return row?.value;
  }

  async set(key: string, value: string, options: { ttlMs: number }): Promise<void> {
    this.#open();
    if (!(options.ttlMs > 0)) throw new RangeError(`ttlMs must be positive, got ${options.ttlMs}`);
    const bytes = Buffer.byteLength(key) + Buffer.byteLength(value);
    const now = this.#now();
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      this.#delete.run(key);
      // Larger than the whole store: not kept.
      if (bytes <= this.#maxBytes) {
        this.#set.run(key, value, bytes, now + Math.min(options.ttlMs, this.#maxAgeMs), now);
        this.#sweep.run(now);
        for (;;) {
          const totals = this.#totals.get() as { n: number; bytes: number | null } | undefined;
          if ((totals?.n ?? 0) <= this.#maxEntries && (totals?.bytes ?? 0) <= this.#maxBytes) break;
          this.#evictOldest.run();
        }
      }
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  async delete(key: string): Promise<boolean> {
    this.#open();
    return Number(this.#delete.run(key).changes) > 0;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }

  #open(): void {
    if (this.#closed) throw new Error('The SQLite store is closed.');
  }
}
