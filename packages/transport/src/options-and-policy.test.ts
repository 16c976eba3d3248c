import type { ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { describe, expect, it } from 'vitest';
import { normalizeOptions, TRANSPORT_DEFAULTS } from './normalize-options.js';
import { retryDelay } from './retry-delay.js';
import { synthesizeStream } from './synthesize-stream.js';

describe('normalizeOptions', () => {
  it('fills every default, all finite', () => {
    const n = normalizeOptions({});
    const { firstByteMs: _converse, streamFirstByteMs: _stream, ...fixed } = TRANSPORT_DEFAULTS;
    expect(n).toMatchObject({ protocol: 'http1', ...fixed, fallbackToNonStreaming: false });
    // No firstByteMs of the caller: each operation applies its own default.
    expect(n.firstByteMs).toBeUndefined();
    for (const key of ['connectMs', 'idleMs', 'textIdleMs', 'totalMs'] as const) {
      expect(Number.isFinite(n[key])).toBe(true);
    }
  });

  it('caps textIdleMs by idleMs, keeps it otherwise', () => {
    expect(normalizeOptions({ timeouts: { idleMs: 500 } }).textIdleMs).toBe(500);
    expect(normalizeOptions({ timeouts: { idleMs: 500, textIdleMs: 200 } }).textIdleMs).toBe(200);
    expect(normalizeOptions({ timeouts: { textIdleMs: 2000 } })).toMatchObject({
      idleMs: TRANSPORT_DEFAULTS.idleMs,
      textIdleMs: 2000,
    });
  });

  it.each([
    ['timeouts.idleMs', { timeouts: { idleMs: 0 } }],
    ['timeouts.totalMs', { timeouts: { totalMs: Number.POSITIVE_INFINITY } }],
    ['timeouts.firstByteMs', { timeouts: { firstByteMs: -1 } }],
    ['timeouts.textIdleMs', { timeouts: { textIdleMs: Number.POSITIVE_INFINITY } }],
    ['timeouts.connectMs', { timeouts: { connectMs: Number.NaN } }],
    ['timeouts.totalMs', { timeouts: { totalMs: 2 ** 31 } }],
    ['retry.maxAttempts', { retry: { maxAttempts: 0 } }],
    ['retry.maxAttempts', { retry: { maxAttempts: 1.5 } }],
    ['retry.baseDelayMs', { retry: { baseDelayMs: -5 } }],
    ['protocol', { protocol: 'h3' as never }],
  ])('rejects a bad %s with a validation error naming it', (param, options) => {
    let thrown: unknown;
    try {
      normalizeOptions(options);
    } catch (err) {
      thrown = err;
    }
    expect(BedrockBridgeError.is(thrown)).toBe(true);
    expect(thrown).toMatchObject({ kind: 'validation', param });
    expect((thrown as Error).message).toContain(param);
  });
});

describe('retryDelay', () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
  it('retries a stale connection at once', () => {
    expect(retryDelay(1, { kind: 'stale_connection' }, policy)).toEqual({
      delayMs: 0,
      source: 'immediate',
    });
  });
  it('honours Retry-After, capped', () => {
    expect(retryDelay(1, { kind: 'rate_limit', retryAfterMs: 400 }, policy)).toEqual({
      delayMs: 400,
      source: 'retry-after',
    });
    expect(retryDelay(1, { kind: 'rate_limit', retryAfterMs: 9000 }, policy)).toEqual({
      delayMs: 1000,
      source: 'retry-after',
    });
  });
  it('uses full jitter under an exponential ceiling', () => {
    const at = (attempt: number, r: number) =>
      retryDelay(attempt, { kind: 'overloaded' }, policy, () => r).delayMs;
    expect([at(1, 0), at(1, 0.999), at(2, 0.999), at(3, 0.999), at(8, 0.999)]).toEqual([
      0, 99, 199, 399, 999,
    ]);
    expect(at(2, 0.5)).toBe(100);
  });
});

describe('synthesizeStream', () => {
  it('replays text, tool use and reasoning as Converse stream events', () => {
    const output = {
      output: {
        message: {
          role: 'assistant',
          content: [
            { reasoningContent: { reasoningText: { text: 'think', signature: 'sig' } } },
            { text: 'Hello' },
            { toolUse: { toolUseId: 't1', name: 'get_weather', input: { city: 'Paris' } } },
          ],
        },
      },
      stopReason: 'tool_use',
      usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
      metrics: { latencyMs: 12 },
      $metadata: {},
    } as ConverseCommandOutput;
    expect(synthesizeStream(output)).toEqual([
      { messageStart: { role: 'assistant' } },
      {
        contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: 'think' } } },
      },
      {
        contentBlockDelta: {
          contentBlockIndex: 0,
          delta: { reasoningContent: { signature: 'sig' } },
        },
      },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'Hello' } } },
      { contentBlockStop: { contentBlockIndex: 1 } },
      {
        contentBlockStart: {
          contentBlockIndex: 2,
          start: { toolUse: { toolUseId: 't1', name: 'get_weather' } },
        },
      },
      {
        contentBlockDelta: {
          contentBlockIndex: 2,
          delta: { toolUse: { input: '{"city":"Paris"}' } },
        },
      },
      { contentBlockStop: { contentBlockIndex: 2 } },
      { messageStop: { stopReason: 'tool_use' } },
      {
        metadata: {
          usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
          metrics: { latencyMs: 12 },
        },
      },
    ]);
  });
});
