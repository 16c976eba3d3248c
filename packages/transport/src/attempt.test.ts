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
    await expect(attempt.stopped).rejects.toBe(reason);
    expect(attempt.stop?.error).toBe(reason);
    attempt.dispose();

    const later = new AbortController();
    const disposed = attemptOn(pool, later);
    disposed.complete();
    disposed.dispose();
    later.abort(reason);
    expect(disposed.stop).toBeUndefined();
  });
});
