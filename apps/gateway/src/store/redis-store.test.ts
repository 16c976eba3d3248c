import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Child, hasBinary, startRedis } from '../test-support/start-binary.js';
import { RedisStore } from './redis-store.js';
import { storeCooldowns } from './store-cooldowns.js';

const haveRedis = hasBinary('redis-server');
if (!haveRedis) {
  console.warn(
    'redis-server is not installed: RedisStore tests skipped (apt-get install redis-server)',
  );
}

describe.skipIf(!haveRedis)('RedisStore against a real redis-server', () => {
  let redis: Child & { url: string };
  let store: RedisStore;
  beforeAll(async () => {
    redis = await startRedis();
    store = new RedisStore({ url: redis.url });
  });
  afterAll(async () => {
    await store?.close();
    await redis?.stop();
  });

  it('returns what was set, shares it with a second client, and expires it after its TTL', async () => {
    await store.set('conversation:1', '{"turn":1}', { ttlMs: 200 });
    const other = new RedisStore({ url: redis.url });
    try {
      expect(await other.get('conversation:1')).toBe('{"turn":1}');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await other.get('conversation:1')).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('deletes and says whether anything was removed; rejects a TTL that is not positive', async () => {
    await store.set('a', '1', { ttlMs: 10_000 });
    expect(await store.delete('a')).toBe(true);
    expect(await store.delete('a')).toBe(false);
    expect(await store.get('a')).toBeUndefined();
    await expect(store.set('a', '1', { ttlMs: 0 })).rejects.toThrow(/ttlMs/);
  });

  it('keeps gateways apart by key prefix', async () => {
    const other = new RedisStore({ url: redis.url, keyPrefix: 'other-gateway:' });
    try {
      await store.set('shared-name', 'mine', { ttlMs: 10_000 });
      expect(await other.get('shared-name')).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('shares upstream cool-downs', async () => {
    const cooldowns = storeCooldowns(store);
    const until = Date.now() + 5_000;
    await cooldowns.set('eu-west-1', until);
    expect(await storeCooldowns(store).get('eu-west-1')).toBe(until);
    expect(await cooldowns.get('us-east-1')).toBeUndefined();
  });

  it('fails a call to a Redis that is gone with an error naming the store, never its password', async () => {
    const gone = new RedisStore({
      url: 'redis://user:hunter2@127.0.0.1:1',
      commandTimeoutMs: 300,
      connectTimeoutMs: 300,
    });
    try {
      const error = await gone.get('x').then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message).toMatch(/^Redis store redis:\/\/127\.0\.0\.1:1: GET failed/);
      expect(error?.message).not.toContain('hunter2');
      await expect(gone.ping()).rejects.toThrow(/PING failed/);
    } finally {
      await gone.close();
    }
  });
});
