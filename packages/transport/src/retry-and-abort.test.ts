import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { describe, expect, it } from 'vitest';
import { armSocket, CONNECT_TIMEOUT_CODE } from './connect-timeout.js';
import {
  closedAfterEach,
  failureOf,
  recorder,
  sharedEmulator,
  testTransport,
  userInput,
} from './test-support/harness.js';

const emulator = sharedEmulator();
const transportFor = closedAfterEach(testTransport);

function runtimeRequests(text: string): number {
  return emulator.requests.filter(
    (r) =>
      (r.operation === 'converse' || r.operation === 'converse-stream') &&
      JSON.stringify(r.body).includes(text),
  ).length;
}

describe('Retry-After', () => {
  it('sleeps what the server asked for', async () => {
    const t = transportFor(emulator, 'http1', { retry: { maxDelayMs: 5000 } });
    emulator.inject({ type: 'throttling', retryAfterSeconds: 1, operation: 'converse' });
    const rec = recorder();
    const out = await t.converse(userInput('retry after one second'), { onEvent: rec.onEvent });
    expect(out.output?.message?.content?.[0]?.text).toBe('Echo: retry after one second');
    const retry = rec.events.find((e) => e.type === 'retry');
    expect(retry).toMatchObject({
      reason: 'rate_limit',
      delaySource: 'retry-after',
      delayMs: 1000,
    });
  });

  it('caps a long Retry-After at maxDelayMs', async () => {
    const t = transportFor(emulator, 'http2', { retry: { maxDelayMs: 150 } });
    emulator.inject({ type: 'throttling', retryAfterSeconds: 60, operation: 'converse-stream' });
    const rec = recorder();
    const events = [];
    for await (const e of t.converseStream(userInput('capped'), { onEvent: rec.onEvent })) {
      events.push(e);
    }
    expect(events.length).toBeGreaterThan(0);
    const retry = rec.events.find((e) => e.type === 'retry');
    expect(retry).toMatchObject({ delaySource: 'retry-after', delayMs: 150 });
  });

  it('without Retry-After uses full jitter within the exponential ceiling', async () => {
    const t = transportFor(emulator, 'http1', { retry: { baseDelayMs: 40, maxDelayMs: 1000 } });
    emulator.inject({ type: 'service-unavailable', operation: 'converse', times: 2 });
    const rec = recorder();
    await t.converse(userInput('jitter'), { onEvent: rec.onEvent });
    const delays = rec.events.flatMap((e) => (e.type === 'retry' ? [e] : []));
    expect(delays.map((d) => d.delaySource)).toEqual(['backoff', 'backoff']);
    expect(delays[0]?.delayMs).toBeLessThan(40);
    expect(delays[1]?.delayMs).toBeLessThan(80);
  });
});

describe('what is never retried', () => {
  for (const fault of [
    { type: 'context-overflow', kind: 'context_overflow' },
    { type: 'access-denied', kind: 'access_denied' },
  ] as const) {
    it(`${fault.type} fails after one request`, async () => {
      const t = transportFor(emulator, 'http1');
      emulator.inject({ type: fault.type, operation: 'converse' });
      const err = await failureOf(t.converse(userInput(`never retry ${fault.type}`)));
      expect(err.kind).toBe(fault.kind);
      expect(err.retryable).toBe(false);
      expect(runtimeRequests(`never retry ${fault.type}`)).toBe(1);
    });
  }
});

describe('abort', () => {
  it('during a backoff sleep ends the call at once, with no further request', async () => {
    const t = transportFor(emulator, 'http1', {
      timeouts: { totalMs: 120_000 },
      retry: { maxDelayMs: 60_000 },
    });
    emulator.inject({ type: 'throttling', retryAfterSeconds: 30, operation: 'converse' });
    const controller = new AbortController();
    const rec = recorder();
    const err = await failureOf(
      t.converse(userInput('abort in backoff'), {
        signal: controller.signal,
        onEvent: (e) => {
          rec.onEvent(e);
          if (e.type === 'retry') controller.abort();
        },
      }),
    );
    expect(err.kind).toBe('aborted');
    expect(rec.events.find((e) => e.type === 'retry')).toMatchObject({ delayMs: 30_000 });
    expect(runtimeRequests('abort in backoff')).toBe(1);
  });

  for (const operation of ['converse', 'converse-stream'] as const) {
    it(`cancels a ${operation} sleep already under way (a 30 s Retry-After; the test would time out)`, async () => {
      const t = transportFor(emulator, 'http1', {
        timeouts: { totalMs: 120_000 },
        retry: { maxDelayMs: 60_000 },
      });
      emulator.inject({ type: 'throttling', retryAfterSeconds: 30, operation });
      const controller = new AbortController();
      const rec = recorder();
      const text = `abort a pending ${operation} sleep`;
      const callOptions = {
        signal: controller.signal,
        onEvent: (e: Parameters<typeof rec.onEvent>[0]) => {
          rec.onEvent(e);
          // Abort later, from a timer: the sleep has started by then.
          if (e.type === 'retry') setTimeout(() => controller.abort(new Error('user gave up')), 50);
        },
      };
      const call =
        operation === 'converse'
          ? t.converse(userInput(text), callOptions)
          : (async () => {
              for await (const _event of t.converseStream(userInput(text), callOptions)) {
                // no event comes: the first attempt is throttled, the abort ends the sleep
              }
            })();
      const err = await failureOf(call);
      expect(err.kind).toBe('aborted');
      expect(err.retryable).toBe(false);
      expect(rec.events.find((e) => e.type === 'retry')).toMatchObject({ delayMs: 30_000 });
      expect(runtimeRequests(text)).toBe(1);
    });
  }

  it('an already aborted signal sends nothing', async () => {
    const t = transportFor(emulator, 'http2');
    const err = await failureOf(
      t.converse(userInput('pre-aborted'), { signal: AbortSignal.abort() }),
    );
    expect(err.kind).toBe('aborted');
    expect(runtimeRequests('pre-aborted')).toBe(0);
  });

  it('a stalled first attempt is cut by the abort, not by a deadline', async () => {
    const t = transportFor(emulator, 'http1', { timeouts: { firstByteMs: 60_000 } });
    emulator.inject({ type: 'blackhole', operation: 'converse' });
    const controller = new AbortController();
    const call = t.converse(userInput('abort a blackhole'), {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'attempt') setImmediate(() => controller.abort());
      },
    });
    const err = await failureOf(call);
    expect(err.kind).toBe('aborted');
  });
});

describe('deadlines', () => {
  it('totalMs bounds the whole call, retries included', async () => {
    const t = transportFor(emulator, 'http2', {
      timeouts: { firstByteMs: 1000, totalMs: 1500 },
      retry: { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 20 },
    });
    emulator.inject({ type: 'blackhole', operation: 'converse', times: 5 });
    const rec = recorder();
    const err = await failureOf(t.converse(userInput('total'), { onEvent: rec.onEvent }));
    expect(err.kind).toBe('timeout');
    expect(err.code).toBe('TOTAL_TIMEOUT');
    expect(
      rec.events.filter((e) => e.type === 'timeout').map((e) => e.type === 'timeout' && e.phase),
    ).toEqual(['first-byte', 'total']);
  });

  it('connectMs destroys a socket that does not connect in time', async () => {
    const socket = Object.assign(new PassThrough(), { connecting: true });
    armSocket(socket, 50, 1000);
    const [err] = (await once(socket, 'error')) as [unknown];
    expect(BedrockBridgeError.is(err) && err.kind).toBe('timeout');
    expect(BedrockBridgeError.is(err) && err.code).toBe(CONNECT_TIMEOUT_CODE);
    expect(socket.destroyed).toBe(true);
  });

  it('a Retry-After longer than the time left fails at once with the server error', async () => {
    const t = transportFor(emulator, 'http1', {
      timeouts: { totalMs: 2000 },
      retry: { maxDelayMs: 60_000 },
    });
    emulator.inject({ type: 'throttling', retryAfterSeconds: 30, operation: 'converse' });
    const rec = recorder();
    const err = await failureOf(t.converse(userInput('no time left'), { onEvent: rec.onEvent }));
    expect(err.kind).toBe('rate_limit');
    expect(err.retryAfterMs).toBe(30_000);
    expect(rec.events.some((e) => e.type === 'retry')).toBe(false);
  });
});
