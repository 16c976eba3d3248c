import { type Emulator, startEmulator } from '@bedrock-bridge/emulator';
import { createBackend } from '@bedrock-bridge/openai';
import type { TransportEvent } from '@bedrock-bridge/transport';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStack, type Stack } from './create-stack.js';
import { createServer, type Gateway } from './server/create-server.js';
import { FAST_TRANSPORT } from './test-support/start-gateway.js';

/* Several regions behind one gateway: the official openai client sees one answer per call. */

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-northeast-1'] as const;
const PROFILE_ONLY = 'anthropic.claude-sonnet-4-20250514-v1:0';
let emulators: Emulator[];
let stack: Stack;
let gateway: Gateway;
let client: OpenAI;
const events: TransportEvent[] = [];

beforeAll(async () => {
  emulators = await Promise.all(REGIONS.map(() => startEmulator()));
  stack = await createStack({
    env: {},
    upstreams: REGIONS.map((region, i) => ({
      region,
      endpoint: (emulators[i] as Emulator).url,
      // the first region takes (almost) every first attempt, so the failovers below are certain
      weight: i === 0 ? 1e9 : 1,
    })),
    router: { circuit: { failureThreshold: 100 } },
    transport: { ...FAST_TRANSPORT, onEvent: (e) => events.push(e) },
  });
  gateway = createServer({ backend: createBackend(stack), log: () => {} });
  const url = await gateway.listen(0, '127.0.0.1');
  client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused', maxRetries: 0, timeout: 20_000 });
});
afterAll(async () => {
  await gateway?.close(0);
  await stack?.close();
  await Promise.all(emulators.map((e) => e.close()));
});
beforeEach(() => {
  events.length = 0;
  for (const e of emulators) {
    e.clearFaults();
    e.requests.length = 0;
  }
});

const em = (i: number) => emulators[i] as Emulator;
const runtimeModels = (e: Emulator) =>
  e.requests
    .filter((r) => r.operation === 'converse' || r.operation === 'converse-stream')
    .map((r) => r.modelId);

describe('gateway over three regions', () => {
  it('moves a throttled call to the next region with that geography’s inference profile', async () => {
    em(0).inject({ type: 'throttling', times: 5 });
    em(1).inject({ type: 'service-unavailable', times: 5 });
    const answer = await client.chat.completions.create({
      model: PROFILE_ONLY,
      messages: [{ role: 'user', content: 'one answer please' }],
    });
    expect(answer.choices[0]?.message.content).toContain('one answer please');
    expect(answer.model).toBe(PROFILE_ONLY);
    expect(runtimeModels(em(0))).toEqual([`us.${PROFILE_ONLY}`]);
    expect(runtimeModels(em(1))).toEqual([`eu.${PROFILE_ONLY}`]);
    expect(runtimeModels(em(2))).toEqual([`apac.${PROFILE_ONLY}`]);
    expect(events.filter((e) => e.type === 'failover').map((e) => e.upstream)).toEqual([
      'us-east-1',
      'eu-west-1',
    ]);
  });

  it('streams one answer when the first region throttles before the first token', async () => {
    em(0).inject({ type: 'throttling', times: 5, operation: 'converse-stream' });
    const stream = await client.chat.completions.create({
      model: 'anthropic.claude-3-haiku-20240307-v1:0',
      messages: [{ role: 'user', content: 'streamed once' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe('Echo: streamed once');
    expect(runtimeModels(em(1))).toHaveLength(1);
  });

  it('ends a stream cut after its first token with an error, without a second region', async () => {
    em(0).inject({ type: 'cut', afterEvents: 3, operation: 'converse-stream' });
    const stream = await client.chat.completions.create({
      model: 'anthropic.claude-3-haiku-20240307-v1:0',
      messages: [{ role: 'user', content: 'cut in the middle of this answer' }],
      stream: true,
    });
    const error = await (async () => {
      for await (const _ of stream) {
        // read until the error
      }
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(runtimeModels(em(1))).toEqual([]);
    expect(runtimeModels(em(2))).toEqual([]);
  });
});
