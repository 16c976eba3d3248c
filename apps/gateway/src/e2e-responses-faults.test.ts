import type { Fault } from '@bedrock-bridge/emulator';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSse, startTestGateway, type TestGateway } from './test-support/start-gateway.js';

/* A broken upstream stream ends a Responses stream with response.failed, never response.completed. */

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const ask = {
  model: MODEL,
  input: 'hello there, a longer answer please',
  stream: true,
  store: false,
};

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => {
  await t.close();
});

async function post(g: TestGateway, body: object): Promise<Response> {
  return fetch(`${g.url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function parse(events: string[]): ResponseStreamEvent[] {
  return events.filter((e) => e !== '[DONE]').map((e) => JSON.parse(e) as ResponseStreamEvent);
}

function expectFailed(
  events: ResponseStreamEvent[],
): Extract<ResponseStreamEvent, { type: 'response.failed' }> {
  const types = events.map((e) => e.type);
  expect(types).not.toContain('response.completed');
  expect(types[0]).toBe('response.created');
  const last = events.at(-1);
  expect(last?.type).toBe('response.failed');
  const failed = last as Extract<ResponseStreamEvent, { type: 'response.failed' }>;
  expect(failed.response.status).toBe('failed');
  expect(failed.response.error?.message.length).toBeGreaterThan(5);
  return failed;
}

describe('a failure in the middle of a Responses stream', () => {
  it.each<[string, Fault, string]>([
    [
      'a cut connection',
      { type: 'cut', afterEvents: 4, operation: 'converse-stream' },
      'server_error',
    ],
    ['a reset', { type: 'reset', afterEvents: 4, operation: 'converse-stream' }, 'server_error'],
    ['a clean end without messageStop', { type: 'no-message-stop' }, 'server_error'],
    [
      'an in-stream throttling exception',
      { type: 'stream-exception', exception: 'throttlingException', afterEvents: 4 },
      'rate_limit_exceeded',
    ],
    ['a corrupt frame', { type: 'corrupt-frame', afterEvents: 4 }, 'server_error'],
  ])('%s ends with response.failed', async (_name, fault, code) => {
    t.emulator.clearFaults();
    t.emulator.inject({ ...fault, times: 3 });
    const response = await post(t, ask);
    t.emulator.clearFaults();
    expect(response.status).toBe(200);
    const failed = expectFailed(parse(await readSse(response)));
    expect(failed.response.error?.code).toBe(code);
    expect(t.logs.at(-1)).toMatchObject({ path: '/v1/responses', status: 200 });
    expect(t.logs.at(-1)?.errorKind).toBeDefined();
  });

  it('the openai client sees response.failed and no completed response', async () => {
    t.emulator.inject({ type: 'cut', afterEvents: 4, operation: 'converse-stream', times: 3 });
    const events: ResponseStreamEvent[] = [];
    try {
      for await (const e of await t.client.responses.create({ ...ask, stream: true }))
        events.push(e);
    } catch {
      // a client may also throw: what matters is that it never saw a completed response
    }
    t.emulator.clearFaults();
    expectFailed(events);
  });

  it('a stall is ended by the idle deadline with response.failed', async () => {
    const g = await startTestGateway({
      transport: { timeouts: { idleMs: 200 }, retry: { maxAttempts: 1 } },
    });
    try {
      g.emulator.inject({ type: 'stall', afterEvents: 4, operation: 'converse-stream' });
      const failed = expectFailed(parse(await readSse(await post(g, ask))));
      expect(failed.response.error?.message).toMatch(/timeout|idle|silent|\(timeout\)/i);
      expect(g.logs.at(-1)?.errorKind).toBe('timeout');
    } finally {
      await g.close();
    }
  });

  it('a failure before the first event is an HTTP error, not a stream', async () => {
    t.emulator.inject({ type: 'throttling', operation: 'converse-stream', times: 3 });
    const response = await post(t, ask);
    t.emulator.clearFaults();
    expect(response.status).toBe(429);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBeDefined();
  });
});
