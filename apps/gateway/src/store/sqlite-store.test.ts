import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'bb-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SqliteStore', () => {
  it('keeps what was set across a close and a reopen of the same file', async () => {
    const path = join(dir, 'nested', 'store.sqlite');
    const first = new SqliteStore({ path });
    await first.set('a', 'one', { ttlMs: 60_000 });
    await first.close();
    const again = new SqliteStore({ path });
    expect(await again.get('a')).toBe('one');
    expect(await again.delete('a')).toBe(true);
    expect(await again.delete('a')).toBe(false);
    await again.close();
    await again.close(); // idempotent
    await expect(again.get('a')).rejects.toThrow(/closed/);
  });

  it('returns nothing after the TTL, and caps every TTL at maxAgeMs', async () => {
    let now = 1000;
    const store = new SqliteStore({ path: ':memory:', maxAgeMs: 100, now: () => now });
    await store.set('short', 's', { ttlMs: 10 });
    await store.set('long', 'l', { ttlMs: 1e9 });
    now += 10;
    expect(await store.get('short')).toBeUndefined();
    expect(await store.get('long')).toBe('l');
    now += 90;
    expect(await store.get('long')).toBeUndefined();
    await expect(store.set('x', 'y', { ttlMs: 0 })).rejects.toThrow(/ttlMs/);
    await store.close();
  });

  it('evicts the oldest writes past maxEntries and maxBytes, and refuses an entry larger than the store', async () => {
    let now = 0;
    const store = new SqliteStore({
      path: ':memory:',
      maxEntries: 2,
      maxBytes: 12,
      now: () => ++now,
    });
    await store.set('a', '1', { ttlMs: 1e6 });
    await store.set('b', '2', { ttlMs: 1e6 });
    await store.set('c', '3', { ttlMs: 1e6 });
    expect(await store.get('a')).toBeUndefined();
    expect([await store.get('b'), await store.get('c')]).toEqual(['2', '3']);
    await store.set('d', 'xxxxxxxxxx', { ttlMs: 1e6 }); // 11 bytes: only it fits
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('c')).toBeUndefined();
    expect(await store.get('d')).toBe('xxxxxxxxxx');
    await store.set('huge', 'z'.repeat(50), { ttlMs: 1e6 });
    expect(await store.get('huge')).toBeUndefined();
    expect(await store.get('d')).toBe('xxxxxxxxxx');
    await store.close();
  });

  it('rejects limits that are not positive integers', () => {
    expect(() => new SqliteStore({ path: ':memory:', maxBytes: 0 })).toThrow(/maxBytes/);
  });
});
