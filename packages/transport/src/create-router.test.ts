import { type Emulator, startEmulator } from '@bedrock-bridge/emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRouter, type Router } from './create-router.js';
import type { RouterOptions, SharedCooldowns } from './router-options.js';
import {
  collect,
  failureOf,
  recorder,
  TEST_CREDENTIALS,
  userInput,
} from './test-support/harness.js';

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-northeast-1'] as const;
let emulators: Emulator[] = [];
beforeAll(async () => {
  emulators = await Promise.all(REGIONS.map(() => startEmulator()));
});
afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
});
beforeEach(() => {
  for (const e of emulators) {
    e.clearFaults();
    e.requests.length = 0;
  }
});
const opened: Router[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((r) => r.close()));
});

function router(extra: Partial<RouterOptions> = {}): Router {
  const r = createRouter({
    upstreams: REGIONS.map((region, i) => ({
      region,
      endpoint: (emulators[i] as Emulator).url,
      credentials: TEST_CREDENTIALS,
    })),
    env: {},
    timeouts: { connectMs: 2000, firstByteMs: 400, idleMs: 1000, totalMs: 15_000 },
    retry: { maxAttempts: 2, baseDelayMs: 20, maxDelayMs: 50 },
    circuit: { failureThreshold: 100, cooldownMs: 60_000 },
    ...extra,
  });
  opened.push(r);
  return r;
}

const runtime = (e: Emulator) =>
  e.requests.filter((r) => r.operation === 'converse' || r.operation === 'converse-stream');
const em = (i: number) => emulators[i] as Emulator;

describe('createRouter: failover before the first event', () => {
  it.each([
    ['throttling', 'rate_limit'],
    ['service-unavailable', 'overloaded'],
    ['blackhole', 'timeout'],
  ] as const)(
    '%s in two regions: every call is answered by the third, without a backoff sleep',
    async (type, kind) => {
      em(0).inject({ type, times: 50 });
      em(2).inject({ type, times: 50 });
      const r = router();
      for (let i = 0; i < 3; i += 1) {
        const rec = recorder();
        const out = await r.converse(userInput(`call ${i}`), { onEvent: rec.onEvent });
        expect(out.output?.message?.content?.[0]?.text).toBe(`Echo: call ${i}`);
        expect(rec.events.filter((e) => e.type === 'retry')).toEqual([]);
        for (const f of rec.events.filter((e) => e.type === 'failover')) {
          expect(f).toMatchObject({ reason: kind });
        }
        expect(rec.events.at(-1)).toMatchObject({ type: 'success', upstream: 'eu-west-1' });
      }
      expect(runtime(em(1))).toHaveLength(3);
    },
  );

  it('moves a stream that fails before its first event, and the caller sees one answer', async () => {
    em(0).inject({ type: 'throttling', times: 10, operation: 'converse-stream' });
    em(1).inject({ type: 'stale-keep-alive', times: 10, operation: 'converse-stream' });
    const r = router({ upstreams: [0, 1, 2].map((i) => upstream(i, i === 0 ? 1000 : 1)) });
    const rec = recorder();
    const { text } = await collect(r.converseStream(userInput('one answer'), rec));
    expect(text).toBe('Echo: one answer');
    expect(runtime(em(2))).toHaveLength(1);
    const failovers = rec.events.filter((e) => e.type === 'failover');
    expect(failovers.length).toBeGreaterThanOrEqual(1);
    expect(failovers.every((f) => f.upstream !== 'ap-northeast-1')).toBe(true);
  });

  it('never moves a stream after its first event: it ends with the classified error', async () => {
    for (const e of emulators) e.inject({ type: 'cut', afterEvents: 2, times: 10 });
    const r = router();
    const rec = recorder();
    const error = await failureOf(collect(r.converseStream(userInput('cut short'), rec)));
    expect(error.kind).toBe('stream_truncated');
    expect(emulators.reduce((n, e) => n + runtime(e).length, 0)).toBe(1);
    expect(rec.events.filter((e) => e.type === 'failover')).toEqual([]);
  });

  it('does not move a call the upstream refused for its own content (validation, access)', async () => {
    for (const e of emulators) e.inject({ type: 'access-denied', times: 10 });
    const r = router();
    const error = await failureOf(r.converse(userInput('denied')));
    expect(error.kind).toBe('access_denied');
    expect(emulators.reduce((n, e) => n + runtime(e).length, 0)).toBe(1);
  });

  it('backs off only when every upstream failed in a round, and gives up after its attempts', async () => {
    for (const e of emulators) e.inject({ type: 'throttling', times: 50 });
    const r = router();
    const rec = recorder();
    const error = await failureOf(r.converse(userInput('all throttled'), rec));
    expect(error.kind).toBe('rate_limit');
    // maxAttempts 2 plus one per extra upstream: 4 attempts, the 4th after one backoff
    expect(emulators.reduce((n, e) => n + runtime(e).length, 0)).toBe(4);
    expect(rec.events.filter((e) => e.type === 'retry')).toHaveLength(1);
    expect(rec.events.filter((e) => e.type === 'attempt').map((e) => e.attempt)).toEqual([
      1, 2, 3, 4,
    ]);
  });
});

function upstream(i: number, weight = 1) {
  return {
    region: REGIONS[i] as string,
    endpoint: em(i).url,
    credentials: TEST_CREDENTIALS,
    weight,
  };
}

describe('createRouter: a silent upstream', () => {
  it('goes last for new streams while an attempt waits far longer than first events take', async () => {
    em(0).inject({ type: 'blackhole', times: 5, operation: 'converse-stream' });
    const r = router({
      upstreams: [upstream(0, 1e9), upstream(1)],
      circuit: { failureThreshold: 100, suspectAfterMs: 50 },
    });
    const stuck = collect(r.converseStream(userInput('first, stuck for a while')));
    await new Promise((resolve) => setTimeout(resolve, 120));
    const rec = recorder();
    const { text } = await collect(r.converseStream(userInput('second'), rec));
    expect(text).toBe('Echo: second');
    // not sent to the silent region at all, though it has the weight
    expect(rec.events.find((e) => e.type === 'attempt')?.upstream).toBe('eu-west-1');
    expect((await stuck).text).toBe('Echo: first, stuck for a while');
    expect(runtime(em(0))).toHaveLength(1);
    // its first-byte timeout opened the circuit at once
    expect(r.upstreams()[0]?.state).toBe('open');
  });
});

describe('createRouter: model ids per upstream', () => {
  it('sends each region the id modelIdFor gives it (the right geography profile)', async () => {
    em(0).inject({ type: 'throttling', times: 10 });
    const r = router({
      upstreams: [upstream(0, 1e9), upstream(1)],
      modelIdFor: (id, u) => id.replace(/^us\./, u.region.startsWith('eu-') ? 'eu.' : 'us.'),
    });
    const profile = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
    const out = await r.converse(userInput('profiled', profile));
    expect(out.output?.message?.content?.[0]?.text).toContain('profiled');
    expect(runtime(em(0)).map((q) => q.modelId)).toContain(profile);
    expect(runtime(em(1)).map((q) => q.modelId)).toEqual([
      'eu.anthropic.claude-sonnet-4-20250514-v1:0',
    ]);
  });
});

describe('createRouter: circuit breaker', () => {
  it('cools down a failing upstream, sends nothing to it meanwhile, and probes it when the cool-down ends', async () => {
    em(0).inject({ type: 'service-unavailable', times: 2 });
    const r = router({
      upstreams: [upstream(0, 1e9), upstream(1)],
      circuit: { failureThreshold: 2, cooldownMs: 300 },
    });
    const rec = recorder();
    await r.converse(userInput('a'), rec);
    await r.converse(userInput('b'), rec);
    expect(rec.events.filter((e) => e.type === 'cooldown')).toEqual([
      expect.objectContaining({ upstream: 'us-east-1', reason: 'overloaded', cooldownMs: 300 }),
    ]);
    expect(r.upstreams()[0]).toMatchObject({ name: 'us-east-1', state: 'open' });
    await r.converse(userInput('c'), rec);
    expect(runtime(em(0))).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 320));
    expect(r.upstreams()[0]?.state).toBe('half-open');
    // the probe succeeds (the fault is spent): the circuit closes
    await r.converse(userInput('d'), rec);
    expect(runtime(em(0))).toHaveLength(3);
    expect(r.upstreams()[0]?.state).toBe('closed');
  });

  it('still tries the upstreams when every circuit is open', async () => {
    const r = router({ circuit: { failureThreshold: 1, cooldownMs: 60_000 } });
    for (const e of emulators) e.inject({ type: 'throttling', times: 1 });
    const rec = recorder();
    // round 1 opens all three circuits; the 4th attempt goes to the one that cooled first
    const out = await r.converse(userInput('still answered'), rec);
    expect(out.output?.message?.content?.[0]?.text).toBe('Echo: still answered');
    expect(rec.events.filter((e) => e.type === 'cooldown')).toHaveLength(3);
    const first = rec.events.find((e) => e.type === 'attempt')?.upstream;
    expect(rec.events.at(-1)).toMatchObject({ type: 'success', upstream: first });
    // only a half-open probe closes a circuit: this answer came from a forced call
    expect(r.upstreams().filter((u) => u.state === 'open')).toHaveLength(3);
  });

  it('shares a cool-down with another router through SharedCooldowns', async () => {
    const table = new Map<string, number>();
    const cooldowns: SharedCooldowns = {
      get: async (name) => table.get(name),
      set: async (name, until) => {
        table.set(name, until);
      },
    };
    em(0).inject({ type: 'throttling', times: 1 });
    const one = router({
      upstreams: [upstream(0, 1e9), upstream(1)],
      circuit: { failureThreshold: 1, cooldownMs: 60_000 },
      cooldowns,
    });
    await one.converse(userInput('first'));
    expect(table.get('us-east-1')).toBeGreaterThan(Date.now());
    const two = router({ upstreams: [upstream(0, 1e9), upstream(1)], cooldowns });
    await two.refreshCooldowns();
    expect(two.upstreams()[0]?.state).toBe('open');
    const before = runtime(em(0)).length;
    await two.converse(userInput('avoids'));
    expect(runtime(em(0))).toHaveLength(before);
  });
});

describe('createRouter: options', () => {
  it('rejects an empty list and a bad weight, naming the option', () => {
    expect(() => createRouter({ upstreams: [] })).toThrow(/upstreams/);
    expect(() => createRouter({ upstreams: [{ region: 'us-east-1', weight: 0 }] })).toThrow(
      /upstreams\[0\]\.weight/,
    );
    expect(() =>
      createRouter({
        upstreams: [{ region: 'us-east-1' }, { region: 'us-east-1', name: 'us-east-1' }],
      }),
    ).toThrow(/upstreams\[1\]\.name/);
  });

  it('names repeated regions apart and reports each upstream', () => {
    const r = router({
      upstreams: [
        { region: 'us-east-1', endpoint: em(0).url, credentials: TEST_CREDENTIALS },
        { region: 'us-east-1', endpoint: em(1).url, credentials: TEST_CREDENTIALS },
      ],
    });
    expect(r.upstreams().map((u) => [u.name, u.state])).toEqual([
      ['us-east-1', 'closed'],
      ['us-east-1-2', 'closed'],
    ]);
    expect(r.region.region).toBe('us-east-1');
  });
});
