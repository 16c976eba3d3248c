import { createRequire } from 'node:module';

/** A prepared statement, as both SQLite drivers below give it. */
export interface SqliteStatement {
  get(...params: Array<string | number>): unknown;
  run(...params: Array<string | number>): { changes: number | bigint };
}

/** The part of a SQLite connection the stores use, as both drivers below give it. */
export interface SqliteDatabase {
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  close(): void;
}

/** Which driver `openSqlite` used. */
export type SqliteDriver = 'node:sqlite' | 'better-sqlite3';

/**
 * Opens a SQLite database with Node's own `node:sqlite` where this Node has it (22.13 and
 * later: nothing native to build or to match the Node ABI), and with better-sqlite3 12 on Node 20,
 * which has no built-in SQLite. The two drivers agree on `exec`, `prepare`, `get`, `run` and
 * `close`, which is all the stores use. A native addon built for one Node ABI does not load in
 * another, so one install serves every supported Node line only this way.
 */
export function openSqlite(path: string): { db: SqliteDatabase; driver: SqliteDriver } {
  const builtin = process.getBuiltinModule?.('node:sqlite') as
    | { DatabaseSync: new (path: string) => SqliteDatabase }
    | undefined;
  if (builtin !== undefined) return { db: new builtin.DatabaseSync(path), driver: 'node:sqlite' };
  const require = createRequire(import.meta.url);
  const BetterSqlite = require('better-sqlite3') as new (path: string) => SqliteDatabase;
  return { db: new BetterSqlite(path), driver: 'better-sqlite3' };
}
