import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';

describe('MemoryStore', () => {
  it('returns what was set, and nothing after the TTL', async () => {
    let now = 1000;
    const store = new MemoryStore({ now: () => now });
    await store.set('a', 'one', { ttlMs: 50 });
    expect(await store.get('a')).toBe('one');
    now += 50;
    expect(await store.get('a')).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('evicts the oldest write first when over maxEntries; a rewrite counts as new', async () => {
    const store = new MemoryStore({ maxEntries: 2 });
    await store.set('a', '1', { ttlMs: 1e6 });
    await store.set('b', '2', { ttlMs: 1e6 });
    await store.set('a', '1again', { ttlMs: 1e6 });
    await store.set('c', '3', { ttlMs: 1e6 });
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBe('1again');
    expect(await store.get('c')).toBe('3');
  });

  it('keeps the total characters under maxChars and refuses an entry larger than the limit', async () => {
    const store = new MemoryStore({ maxChars: 10 });
    await store.set('k1', 'xxxx', { ttlMs: 1e6 });
    await store.set('k2', 'yyyy', { ttlMs: 1e6 });
    expect(await store.get('k1')).toBeUndefined();
    expect(await store.get('k2')).toBe('yyyy');
    await store.set('big', 'z'.repeat(20), { ttlMs: 1e6 });
    expect(await store.get('big')).toBeUndefined();
    expect(await store.get('k2')).toBe('yyyy');
  });

  it('deletes, reports whether anything was removed, and rejects a TTL that is not positive', async () => {
    const store = new MemoryStore();
    await store.set('a', '1', { ttlMs: 10 });
    expect(await store.delete('a')).toBe(true);
    expect(await store.delete('a')).toBe(false);
    await expect(store.set('a', '1', { ttlMs: 0 })).rejects.toThrow(/ttlMs/);
  });
});
