import { inspect } from 'node:util';
import { BedrockBridgeError, type ErrorKind } from '@bedrock-bridge/errors';
import { describe, expect, it } from 'vitest';
import { createTransport } from './create-transport.js';
import {
  closedAfterEach,
  collect,
  MODEL,
  recorder,
  sharedEmulator,
  userInput,
} from './test-support/harness.js';
import type { TransportOptions } from './transport-options.js';

const DENIED_TOKEN = 'bedrock-api-key-DENIED-c2VjcmV0LXRva2VuLXZhbHVl';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY-SECRET-KEY-0001';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEJr-SESSION-TOKEN-0002';
const BEARER = 'bedrock-api-key-BEARER-SECRET-0003';

const emulator = sharedEmulator({ denyStreamingFor: [DENIED_TOKEN] });
const transportWith = closedAfterEach(createTransport);

function options(extra: Partial<TransportOptions>): TransportOptions {
  return {
    endpoint: emulator.url,
    region: 'us-east-1',
    env: {},
    timeouts: { firstByteMs: 1000, idleMs: 1000, totalMs: 10_000 },
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    ...extra,
  };
}

describe('bearer token and streaming fallback', () => {
  it('a denied bearer token gets streaming_denied without the fallback', async () => {
    const t = transportWith(options({ token: DENIED_TOKEN }));
    expect(t.auth.source).toBe('bearer-token');
    let kind: ErrorKind | undefined;
    try {
      await collect(t.converseStream(userInput('stream please')));
    } catch (err) {
      kind = BedrockBridgeError.is(err) ? err.kind : undefined;
    }
    expect(kind).toBe('streaming_denied');
  });

  it('with fallbackToNonStreaming the same call is answered by Converse, replayed as stream events', async () => {
    const t = transportWith(
      options({ env: { AWS_BEARER_TOKEN_BEDROCK: DENIED_TOKEN }, fallbackToNonStreaming: true }),
    );
    const rec = recorder();
    const { text, events } = await collect(
      t.converseStream(userInput('stream please'), { onEvent: rec.onEvent }),
    );
    expect(text).toBe('Echo: stream please');
    expect(Object.keys(events[0] ?? {})).toEqual(['messageStart']);
    expect(events.slice(-2).map((e) => Object.keys(e)[0])).toEqual(['messageStop', 'metadata']);
    expect(events.at(-2)?.messageStop?.stopReason).toBe('end_turn');
    expect(rec.events.map((e) => e.type)).toEqual(['attempt', 'fallback', 'attempt', 'success']);
    const ops = emulator.requests
      .filter((r) => JSON.stringify(r.body).includes('stream please'))
      .slice(-2)
      .map((r) => r.operation);
    expect(ops).toEqual(['converse-stream', 'converse']);
  });
});

describe('no secret in any event, log line or error', () => {
  it('keeps keys and tokens out of events, errors (with their causes) and descriptions', {
    timeout: 40_000,
  }, async () => {
    const lines: string[] = [];
    const log = (value: unknown): void => {
      lines.push(typeof value === 'string' ? value : inspect(value, { depth: 8 }));
    };
    const withKeys = transportWith(
      options({
        credentials: {
          accessKeyId: 'AKIDEXAMPLE',
          secretAccessKey: SECRET_KEY,
          sessionToken: SESSION_TOKEN,
        },
        onEvent: (e) => log(JSON.stringify(e)),
      }),
    );
    const withBearer = transportWith(
      options({ token: BEARER, protocol: 'http2', onEvent: (e) => log(JSON.stringify(e)) }),
    );
    const withBearerHttp1 = transportWith(
      options({ token: BEARER, protocol: 'http1', onEvent: (e) => log(JSON.stringify(e)) }),
    );
    log(withKeys.auth);
    log(withBearer.auth);
    const faults = [
      { type: 'access-denied' },
      { type: 'context-overflow' },
      { type: 'stale-keep-alive' },
      { type: 'throttling', retryAfterSeconds: 0, times: 3 },
      { type: 'cut' },
      { type: 'stall' },
    ] as const;
    for (const t of [withKeys, withBearer, withBearerHttp1]) {
      for (const fault of faults) {
        emulator.clearFaults();
        emulator.inject({ ...fault, operation: 'runtime' });
        try {
          await t.converse(userInput('secret test'));
        } catch (err) {
          log(err);
          log(String(err));
        }
        emulator.clearFaults();
        emulator.inject({ ...fault, operation: 'runtime' });
        try {
          await collect(t.converseStream(userInput('secret test')));
        } catch (err) {
          log(err);
          log(String(err));
        }
      }
    }
    emulator.clearFaults();
    expect(lines.length).toBeGreaterThan(20);
    const all = lines.join('\n');
    expect(all).toContain('AKID…MPLE'); // the key id is shown masked
    for (const secret of [SECRET_KEY, SESSION_TOKEN, BEARER]) {
      expect(all).not.toContain(secret);
    }
  });

  it('redacts a secret that a server echoes back in an error message', async () => {
    const t = transportWith(options({ token: BEARER, retry: { maxAttempts: 1 } }));
    emulator.script({
      events: [{ validationException: { message: `bad token ${BEARER} in request` } }],
    });
    let message = '';
    try {
      await collect(t.converseStream({ ...userInput('echoed'), modelId: MODEL }));
    } catch (err) {
      message = BedrockBridgeError.is(err) ? err.message : String(err);
    }
    expect(message).toContain('[redacted]');
    expect(message).not.toContain(BEARER);
  });
});
