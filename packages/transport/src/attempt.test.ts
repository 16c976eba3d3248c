import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { ATTEMPT_HOOKS, Attempt, type AttemptSetup } from './attempt.js';
import type { ClientSettings } from './build-client.js';
import { ClientPool } from './client-pool.js';
import { normalizeOptions } from './normalize-options.js';
import { resolveAuthSettings } from './resolve-auth.js';

const settings: ClientSettings = {
  kind: 'runtime',
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:9',
  auth: resolveAuthSettings({ AWS_BEARER_TOKEN_BEDROCK: 'test-token' }),
  options: normalizeOptions({}),
};

const pools: ClientPool[] = [];
afterEach(() => {
  for (const pool of pools.splice(0)) pool.close();
});

function attemptOn(pool: ClientPool, call = new AbortController(), evicted: string[] = []) {
  const setup: AttemptSetup = {
    limits: { firstByteMs: 60_000, idleMs: 60_000, textIdleMs: 60_000 },
    watchBody: true,
    pool,
    lease: pool.lease(settings),
    callSignal: call.signal,
    onTimeout: () => {},
    onEvict: (error) => evicted.push(error.kind),
  };
  return new Attempt(setup);
}

describe('Attempt', () => {
  it('carries itself to the HTTP handler in its send options, with its own signal', () => {
    const pool = new ClientPool();
    pools.push(pool);
    const attempt = attemptOn(pool);
    expect(attempt.sendOptions[ATTEMPT_HOOKS]).toBe(attempt);
    expect(attempt.sendOptions.abortSignal).toBe(attempt.signal);
    attempt.dispose();
  });

  it('disposes once: one eviction for a dead client, and the pool builds a fresh one', () => {
    const pool = new ClientPool();
    pools.push(pool);
    const evicted: string[] = [];
    const attempt = attemptOn(pool, new AbortController(), evicted);
    attempt.failure = new BedrockBridgeError({
      kind: 'stale_connection',
      message: 'socket hang up',
    });
    attempt.dispose();
    attempt.dispose();
    expect(evicted).toEqual(['stale_connection']);
    expect(attempt.signal.aborted).toBe(true);
    const next = attemptOn(pool);
    expect(pool.built).toBe(2);
    next.complete();
    next.dispose();
    expect(next.signal.aborted).toBe(false);
    attemptOn(pool).dispose();
    expect(pool.built).toBe(2);
  });

  it("halts with the call's reason when the call aborts, and lets go of the call when disposed", async () => {
    const pool = new ClientPool();
    pools.push(pool);
    const call = new AbortController();
    const attempt = attemptOn(pool, call);
    const reason = new BedrockBridgeError({ kind: 'timeout', message: 'totalMs' });
    call.abort(reason);
    await expect(attempt.race(new Promise(() => {}))).rejects.toBe(reason);
    expect(attempt.stop?.error).toBe(reason);
    attempt.dispose();

    const later = new AbortController();
    const disposed = attemptOn(pool, later);
    disposed.complete();
    disposed.dispose();
    later.abort(reason);
    expect(disposed.stop).toBeUndefined();
  });

  describe('race', () => {
    const timeout = () => new BedrockBridgeError({ kind: 'timeout', message: 'first byte' });

    it('settles as the promise does while the attempt runs', async () => {
      const pool = new ClientPool();
      pools.push(pool);
      const attempt = attemptOn(pool);
      await expect(attempt.race(Promise.resolve('answer'))).resolves.toBe('answer');
      const failure = new Error('socket hang up');
      await expect(attempt.race(Promise.reject(failure))).rejects.toBe(failure);
      attempt.dispose();
    });

    it('rejects with the stop error as soon as the attempt halts, though the promise never settles', async () => {
      const pool = new ClientPool();
      pools.push(pool);
      const attempt = attemptOn(pool);
      const pending = attempt.race(new Promise(() => {}));
      const error = timeout();
      attempt.halt({ phase: 'first-byte', error });
      await expect(pending).rejects.toBe(error);
      attempt.dispose();
    });

    it('on an attempt already stopped rejects at once, before the promise settles', async () => {
      const pool = new ClientPool();
      pools.push(pool);
      const call = new AbortController();
      const reason = timeout();
      call.abort(reason);
      const attempt = attemptOn(pool, call);
      let rejectLate: (error: Error) => void = () => {};
      const late = new Promise((_, reject) => {
        rejectLate = reject;
      });
      await expect(attempt.race(late)).rejects.toBe(reason);
      rejectLate(new Error('aborted later'));
      attempt.dispose();
    });

    it('a halt after the promise settled changes nothing', async () => {
      const pool = new ClientPool();
      pools.push(pool);
      const attempt = attemptOn(pool);
      const raced = attempt.race(Promise.resolve('answer'));
      await expect(raced).resolves.toBe('answer');
      attempt.halt({ phase: 'idle', error: timeout() });
      await expect(raced).resolves.toBe('answer');
      expect(attempt.stop?.phase).toBe('idle');
      attempt.dispose();
    });
  });
});
