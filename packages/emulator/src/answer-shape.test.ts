import {
  type BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  type ConverseStreamMetadataEvent,
} from '@aws-sdk/client-bedrock-runtime';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './start-emulator.js';
import { HAIKU, runtimeClient, userSays } from './test-support/sdk.js';
import type { Emulator } from './types.js';

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const auth = { authorization: 'Bearer token', 'content-type': 'application/json' };
const body = JSON.stringify({ messages: userSays('hello there') });

/** Splits an event-stream body into decoded frames (prelude: total length, big-endian). */
function frames(bytes: Uint8Array): Array<{ type: string; payload: Record<string, unknown> }> {
  const out: Array<{ type: string; payload: Record<string, unknown> }> = [];
  let at = 0;
  while (at < bytes.length) {
    const length = new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0);
    const message = codec.decode(bytes.subarray(at, at + length));
    const type = String(message.headers[':event-type']?.value);
    out.push({ type, payload: JSON.parse(toUtf8(message.body)) as Record<string, unknown> });
    at += length;
  }
  return out;
}

describe('answers shaped as Bedrock shapes them', () => {
  let emulator: Emulator;
  let client: BedrockRuntimeClient;
  const PACE = 20;
  beforeAll(async () => {
    emulator = await startEmulator({ paceMs: PACE, deltas: 3 });
    client = runtimeClient(emulator.url, 'http2', { maxAttempts: 1 });
  });
  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });

  it('pads every stream event with a `p` member of varying length', async () => {
    const res = await fetch(`${emulator.url}/model/${encodeURIComponent(HAIKU)}/converse-stream`, {
      method: 'POST',
      headers: auth,
      body,
    });
    const events = frames(new Uint8Array(await res.arrayBuffer()));
    expect(events.map((e) => e.type)).toContain('metadata');
    const pads = events.map((e) => e.payload.p);
    for (const p of pads) expect(p).toMatch(/^[a-zA-Z0-9]+$/);
    expect(new Set(pads.map((p) => String(p).length)).size).toBeGreaterThan(1);
  });

  it('reports a latency that includes the pacing between events', async () => {
    const out = await client.send(
      new ConverseStreamCommand({ modelId: HAIKU, messages: userSays('hello there') }),
    );
    let count = 0;
    let metadata: ConverseStreamMetadataEvent | undefined;
    for await (const event of out.stream ?? []) {
      count += 1;
      if (event.metadata) metadata = event.metadata;
    }
    // Every event before metadata was followed by a pause of PACE ms: a lower bound, not a race.
    expect(metadata?.metrics?.latencyMs).toBeGreaterThanOrEqual(PACE * (count - 1));
  });

  it('echoes serviceTier and performanceConfig when asked, on converse and in the stream metadata', async () => {
    const asked = {
      modelId: HAIKU,
      messages: userSays('hi'),
      serviceTier: { type: 'priority' as const },
      performanceConfig: { latency: 'optimized' as const },
    };
    const out = await client.send(new ConverseCommand(asked));
    expect(out.serviceTier).toEqual({ type: 'priority' });
    expect(out.performanceConfig).toEqual({ latency: 'optimized' });
    const plain = await client.send(
      new ConverseCommand({ modelId: HAIKU, messages: userSays('hi') }),
    );
    expect(plain.serviceTier).toBeUndefined();
    const streamed = await client.send(new ConverseStreamCommand(asked));
    let metadata: ConverseStreamMetadataEvent | undefined;
    for await (const event of streamed.stream ?? []) if (event.metadata) metadata = event.metadata;
    expect(metadata?.serviceTier).toEqual({ type: 'priority' });
    expect(metadata?.performanceConfig).toEqual({ latency: 'optimized' });
  });

  it('rejects a serviceTier outside the enum (SM ServiceTierType)', async () => {
    const error = await client
      .send(
        new ConverseCommand({
          modelId: HAIKU,
          messages: userSays('hi'),
          serviceTier: { type: 'gold' as 'priority' },
        }),
      )
      .catch((err: unknown) => err);
    expect(error).toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(
        /'serviceTier\.type' failed to satisfy constraint: Member must satisfy enum value set: \[default, flex, priority, reserved\]$/,
      ),
    });
  });

  it('a model-error fault answers 424 ModelErrorException with originalStatusCode and resourceName', async () => {
    emulator.inject({ type: 'model-error', originalStatusCode: 503 });
    const error = await client
      .send(new ConverseCommand({ modelId: HAIKU, messages: userSays('hi') }))
      .catch((err: unknown) => err);
    expect(error).toMatchObject({
      name: 'ModelErrorException',
      $metadata: { httpStatusCode: 424 },
      originalStatusCode: 503,
      resourceName: HAIKU,
    });
  });

  it('a modelStreamErrorException carries originalStatusCode and originalMessage', async () => {
    emulator.inject({
      type: 'stream-exception',
      exception: 'modelStreamErrorException',
      afterEvents: 1,
      originalStatusCode: 429,
    });
    const out = await client.send(
      new ConverseStreamCommand({ modelId: HAIKU, messages: userSays('hi') }),
    );
    const error = await (async () => {
      for await (const _ of out.stream ?? []) {
        // drain until the exception
      }
    })().catch((err: unknown) => err);
    expect(error).toMatchObject({
      name: 'ModelStreamErrorException',
      originalStatusCode: 429,
      originalMessage: expect.any(String),
    });
  });

  it('a spent daily quota is a 429 ThrottlingException without Retry-After', async () => {
    emulator.inject({ type: 'quota-exceeded' });
    const res = await fetch(`${emulator.url}/model/${encodeURIComponent(HAIKU)}/converse`, {
      method: 'POST',
      headers: auth,
      body,
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('x-amzn-errortype')).toMatch(/^ThrottlingException:/);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(await res.json()).toEqual({
      message: 'Too many tokens per day, please wait before trying again.',
    });
  });

  it('sends no Keep-Alive header over HTTP/1.1, and keeps the connection open', async () => {
    const res = await fetch(`${emulator.url}/model/${encodeURIComponent(HAIKU)}/converse`, {
      method: 'POST',
      headers: auth,
      body,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('keep-alive')).toBeNull();
    expect(res.headers.get('connection')).toBe('keep-alive');
  });
});
