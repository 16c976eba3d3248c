import { createServer as createNetServer } from 'node:net';
import type { Fault } from '@bedrock-bridge/emulator';
import { createBackend } from '@bedrock-bridge/openai';
import OpenAI, { type APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStack } from './create-stack.js';
import { createServer } from './server/create-server.js';
import {
  FAST_TRANSPORT,
  readSse,
  runtimeRequests,
  startTestGateway,
  type TestGateway,
} from './test-support/start-gateway.js';

/* Failures, end to end: emulator faults -> transport -> gateway -> the official openai client. */

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const ask = { model: MODEL, messages: [{ role: 'user' as const, content: 'hello' }] };

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => {
  await t.close();
});

async function apiError(promise: Promise<unknown>): Promise<APIError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof OpenAI.APIError))
    throw new Error(`expected an APIError, got ${String(error)}`);
  return error;
}

function postRaw(body: object, headers: Record<string, string> = {}) {
  return fetch(`${t.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('upstream failures map to OpenAI errors with the right status', () => {
  it.each<[string, Fault, number, string, string]>([
    [
      'throttling',
      { type: 'throttling', times: 3 },
      429,
      'rate_limit_error',
      'rate_limit_exceeded',
    ],
    [
      'service unavailable',
      { type: 'service-unavailable', times: 3 },
      503,
      'server_error',
      'overloaded',
    ],
    ['model not ready', { type: 'model-not-ready', times: 3 }, 503, 'server_error', 'overloaded'],
    ['model timeout', { type: 'model-timeout', times: 3 }, 504, 'server_error', 'upstream_timeout'],
    [
      'context overflow',
      { type: 'context-overflow' },
      400,
      'invalid_request_error',
      'context_length_exceeded',
    ],
    ['access denied', { type: 'access-denied' }, 403, 'permission_error', 'access_denied'],
    [
      'credentials Bedrock does not accept',
      { type: 'invalid-credentials' },
      401,
      'authentication_error',
      'upstream_auth_failed',
    ],
    [
      'daily token quota spent',
      { type: 'quota-exceeded' },
      429,
      'insufficient_quota',
      'insufficient_quota',
    ],
    [
      'internal server error',
      { type: 'internal-server', times: 3 },
      503,
      'server_error',
      'overloaded',
    ],
  ])('%s (fault %j) -> %i %s %s', async (_name, fault, status, type, code) => {
    t.emulator.clearFaults();
    t.emulator.inject(fault);
    const error = await apiError(t.client.chat.completions.create(ask));
    expect(error.status).toBe(status);
    expect(error.type).toBe(type);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(5);
  });

  it('sends Retry-After with a 429', async () => {
    t.emulator.clearFaults();
    t.emulator.inject({ type: 'throttling', retryAfterSeconds: 7, times: 3 });
    const response = await postRaw(ask);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('reports an unknown model as 404 model_not_found', async () => {
    const error = await apiError(
      t.client.chat.completions.create({ ...ask, model: 'acme.no-such-model-v1:0' }),
    );
    expect(error.status).toBe(404);
    expect(error.code).toBe('model_not_found');
    expect(error.param).toBe('model');
  });

  it('heals a stale pooled connection without the client noticing', async () => {
    await t.client.chat.completions.create(ask); // leaves a pooled socket
    t.emulator.inject({ type: 'stale-keep-alive' });
    const from = t.events.length;
    const answer = await t.client.chat.completions.create(ask);
    expect(answer.choices[0]?.message.content).toBe('Echo: hello');
    expect(
      t.events.slice(from).some((e) => e.type === 'retry' && e.reason === 'stale_connection'),
    ).toBe(true);
    expect(t.logs.at(-1)?.attempts).toBe(2);
  });
});

describe('a failure in the middle of a stream', () => {
  it.each<[string, Fault, string]>([
    [
      'a cut connection',
      { type: 'cut', afterEvents: 4, operation: 'converse-stream' },
      'stream_truncated',
    ],
    [
      'a reset',
      { type: 'reset', afterEvents: 4, operation: 'converse-stream' },
      'stream_truncated',
    ],
    ['a clean end without messageStop', { type: 'no-message-stop' }, 'stream_truncated'],
    [
      'an in-stream throttling exception',
      { type: 'stream-exception', exception: 'throttlingException', afterEvents: 4 },
      'rate_limit_exceeded',
    ],
    [
      'an in-stream model error',
      { type: 'stream-exception', exception: 'modelStreamErrorException', afterEvents: 4 },
      'stream_truncated',
    ],
    ['a corrupt frame', { type: 'corrupt-frame', afterEvents: 4 }, 'stream_truncated'],
  ])('%s ends the SSE stream with an error event, never [DONE]', async (_name, fault, code) => {
    t.emulator.clearFaults();
    t.emulator.inject({ ...fault, times: 3 });
    const response = await postRaw({ ...ask, stream: true });
    t.emulator.clearFaults();
    expect(response.status).toBe(200);
    const events = await readSse(response);
    expect(events).not.toContain('[DONE]');
    const last = JSON.parse(events.at(-1) ?? '{}') as { error?: { message: string; code: string } };
    expect(last.error?.message.length).toBeGreaterThan(5);
    expect(last.error?.code).toBe(code);
    // at least one real chunk went out before the failure
    expect(events.length).toBeGreaterThan(1);
  });

  it('the openai client throws instead of returning a short answer', async () => {
    t.emulator.inject({ type: 'cut', afterEvents: 4, operation: 'converse-stream', times: 3 });
    const stream = await t.client.chat.completions.create({ ...ask, stream: true });
    let text = '';
    const error = await apiError(
      (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      })(),
    );
    t.emulator.clearFaults();
    expect(error.message).toMatch(/cut|truncat|ended/i);
    expect(text.length).toBeLessThan('Echo: hello'.length);
  });

  it('a stall is ended by the idle deadline, reported as a timeout event', async () => {
    const g = await startTestGateway({
      transport: { timeouts: { idleMs: 200 }, retry: { maxAttempts: 1 } },
    });
    try {
      g.emulator.inject({ type: 'stall', afterEvents: 4, operation: 'converse-stream' });
      const response = await fetch(`${g.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...ask, stream: true }),
      });
      const events = await readSse(response);
      expect(events).not.toContain('[DONE]');
      expect(JSON.parse(events.at(-1) ?? '{}').error.code).toBe('upstream_timeout');
    } finally {
      await g.close();
    }
  });
});

describe('client disconnect', () => {
  it('aborts the upstream call and closes its connection', async () => {
    t.emulator.inject({ type: 'stall', afterEvents: 3, operation: 'converse-stream' });
    const controller = new AbortController();
    const from = t.events.length;
    const response = await fetch(`${t.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...ask, stream: true }),
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    await reader?.read(); // the first chunk arrived: the upstream stream is open and stalled
    const stalled = runtimeRequests(t).at(-1);
    expect(stalled?.fault).toBe('stall');
    const openBefore = t.emulator.connections.open;
    controller.abort();
    // the transport reports the call ended by abort, and the emulator sees its socket close
    await expect
      .poll(() => t.events.slice(from).some((e) => e.type === 'error' && e.kind === 'aborted'), {
        timeout: 10_000,
      })
      .toBe(true);
    await expect
      .poll(() => t.emulator.connections.open, { timeout: 10_000 })
      .toBeLessThan(openBefore);
    await expect.poll(() => t.logs.at(-1)?.clientGone, { timeout: 10_000 }).toBe(true);
  });
});

describe('streaming denied', () => {
  it('maps to 403 streaming_denied', async () => {
    const g = await startTestGateway({ emulator: { denyStreamingFor: ['AKIDEXAMPLE'] } });
    try {
      const error = await apiError(g.client.chat.completions.create({ ...ask, stream: true }));
      expect(error.status).toBe(403);
      expect(error.code).toBe('streaming_denied');
    } finally {
      await g.close();
    }
  });
});

describe('timeouts and unreachable upstreams', () => {
  it('a silent upstream is a 504 after the first-byte deadline', async () => {
    const g = await startTestGateway({
      transport: { timeouts: { firstByteMs: 200 }, retry: { maxAttempts: 1 } },
    });
    try {
      g.emulator.inject({ type: 'blackhole' });
      const error = await apiError(g.client.chat.completions.create(ask));
      expect(error.status).toBe(504);
      expect(error.code).toBe('upstream_timeout');
    } finally {
      await g.close();
    }
  });
});

describe('an unreachable upstream', () => {
  it('is a 502 upstream_unreachable once the retries are spent', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as import('node:net').AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const stack = await createStack({
      endpoint: `http://127.0.0.1:${port}`,
      env: {},
      transport: FAST_TRANSPORT,
    });
    const gateway = createServer({ backend: createBackend(stack), log: false });
    try {
      const url = await gateway.listen(0, '127.0.0.1');
      const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused', maxRetries: 0 });
      const error = await apiError(client.chat.completions.create(ask));
      expect(error.status).toBe(502);
      expect(error.type).toBe('server_error');
      expect(error.code).toBe('upstream_unreachable');
    } finally {
      await gateway.close(0);
      await stack.close();
    }
  });
});

describe('gateway API key', () => {
  it('rejects a missing or wrong key with 401 and accepts the right one', async () => {
    const g = await startTestGateway({ server: { apiKey: 'sk-test-123' } });
    try {
      const wrong = new OpenAI({ baseURL: `${g.url}/v1`, apiKey: 'sk-wrong', maxRetries: 0 });
      const error = await apiError(wrong.chat.completions.create(ask));
      expect(error.status).toBe(401);
      expect(error.code).toBe('invalid_api_key');
      const missing = await fetch(`${g.url}/v1/models`);
      expect(missing.status).toBe(401);
      const answer = await g.client.chat.completions.create(ask);
      expect(answer.choices[0]?.message.content).toBe('Echo: hello');
      expect(JSON.stringify(g.logs)).not.toContain('sk-test-123');
      expect(JSON.stringify(g.logs)).not.toContain('sk-wrong');
    } finally {
      await g.close();
    }
  });
});

describe('bad input of every kind', () => {
  it.each<[string, string, number, string]>([
    ['malformed JSON', '{"model": "x", "messages": [', 400, 'invalid_json'],
    ['a JSON array', '[]', 400, 'invalid_request'],
    ['a wrong type', JSON.stringify({ ...ask, max_tokens: 'ten' }), 400, 'invalid_request'],
    ['a missing field', JSON.stringify({ model: MODEL }), 400, 'invalid_request'],
    ['an unknown field', JSON.stringify({ ...ask, temperatur: 1 }), 400, 'unrecognized_argument'],
    ['n above the cap', JSON.stringify({ ...ask, n: 9 }), 400, 'invalid_value'],
    [
      'a bad data URL',
      JSON.stringify({
        ...ask,
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,@@@' } }],
          },
        ],
      }),
      400,
      'invalid_base64',
    ],
    [
      'an image that is no image',
      JSON.stringify({
        ...ask,
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,aGVsbG8=' } }],
          },
        ],
      }),
      400,
      'unsupported_image_format',
    ],
  ])('%s -> %i %s', async (_name, payload, status, code) => {
    const before = runtimeRequests(t).length;
    const response = await fetch(`${t.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: payload,
    });
    expect(response.status).toBe(status);
    const body = (await response.json()) as {
      error: { message: string; code: string; type: string };
    };
    expect(body.error.code).toBe(code);
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message.length).toBeGreaterThan(10);
    expect(runtimeRequests(t).length).toBe(before); // nothing was sent upstream
  });

  it('a huge body is a 413', async () => {
    const g = await startTestGateway({ server: { bodyLimit: 64 * 1024 } });
    try {
      const response = await fetch(`${g.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...ask,
          messages: [{ role: 'user', content: 'x'.repeat(200_000) }],
        }),
      });
      expect(response.status).toBe(413);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'request_too_large',
      );
    } finally {
      await g.close();
    }
  });
});
