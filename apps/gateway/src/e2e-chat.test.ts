import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI, { type APIError } from 'openai';
import type {
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  runtimeRequests,
  startTestGateway,
  type TestGateway,
} from './test-support/start-gateway.js';

/* The official openai client -> gateway (real HTTP) -> transport -> emulator: the happy paths. */

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const REASONING_MODEL = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
// A 1x1 PNG.
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => {
  await t.close();
});

const weather: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

describe('chat completions through the official openai client', () => {
  it('answers a plain request', async () => {
    const answer = await t.client.chat.completions.create({
      model: MODEL,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello gateway' },
      ],
      max_tokens: 100,
      temperature: 0.2,
    });
    expect(answer.object).toBe('chat.completion');
    expect(answer.model).toBe(MODEL);
    expect(answer.choices[0]?.message).toMatchObject({
      role: 'assistant',
      content: 'Echo: Hello gateway',
    });
    expect(answer.choices[0]?.finish_reason).toBe('stop');
    expect(answer.usage?.total_tokens).toBeGreaterThan(0);
    const sent = runtimeRequests(t).at(-1);
    expect(sent?.operation).toBe('converse');
    expect(sent?.body).toMatchObject({
      system: [{ text: 'Be brief.' }],
      inferenceConfig: { maxTokens: 100, temperature: 0.2 },
    });
  });

  it('streams token by token, with a usage chunk when asked', async () => {
    const stream = await t.client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'stream me a reply please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('Echo: stream me a reply please');
    expect(chunks.filter((c) => c.choices[0]?.delta.content).length).toBeGreaterThan(1);
    expect(chunks.some((c) => c.choices[0]?.finish_reason === 'stop')).toBe(true);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.completion_tokens).toBeGreaterThan(0);
    expect(runtimeRequests(t).at(-1)?.operation).toBe('converse-stream');
  });

  it('streams without a usage chunk when not asked', async () => {
    const stream = await t.client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'no usage' }],
      stream: true,
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((c) => !c.usage)).toBe(true);
  });

  it('routes a profile-only model through its inference profile', async () => {
    await t.client.chat.completions.create({
      model: 'anthropic.claude-sonnet-4-20250514-v1:0',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(runtimeRequests(t).at(-1)?.modelId).toBe('us.anthropic.claude-sonnet-4-20250514-v1:0');
  });

  it.each([false, true])('makes a tool-call round trip (stream: %s)', async (stream) => {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'user', content: 'please call get_weather' },
    ];
    let message: OpenAI.ChatCompletionMessage;
    if (stream) {
      const s = t.client.chat.completions.stream({ model: MODEL, messages, tools: [weather] });
      const done = await s.finalChatCompletion();
      message = done.choices[0]?.message as OpenAI.ChatCompletionMessage;
      expect(done.choices[0]?.finish_reason).toBe('tool_calls');
    } else {
      const first = await t.client.chat.completions.create({
        model: MODEL,
        messages,
        tools: [weather],
      });
      message = first.choices[0]?.message as OpenAI.ChatCompletionMessage;
      expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    }
    const call = message.tool_calls?.[0];
    expect(call?.type).toBe('function');
    if (call?.type !== 'function') return;
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toHaveProperty('city');
    messages.push(message, { role: 'tool', tool_call_id: call.id, content: '{"sky":"clear"}' });
    const second = await t.client.chat.completions.create({
      model: MODEL,
      messages,
      tools: [weather],
    });
    expect(second.choices[0]?.message.content).toContain('clear');
    const sent = runtimeRequests(t).at(-1)?.body as {
      messages: { content: Record<string, unknown>[] }[];
    };
    expect(sent.messages.at(-1)?.content[0]).toHaveProperty('toolResult');
  });

  it('returns reasoning and replays it on the next turn', async () => {
    const first = await t.client.chat.completions.create({
      model: REASONING_MODEL,
      messages: [{ role: 'user', content: 'think about 2+2' }],
      reasoning_effort: 'low',
    });
    const message = first.choices[0]?.message as OpenAI.ChatCompletionMessage & {
      reasoning_content?: string;
      reasoning_details?: { type: string; signature?: string }[];
    };
    expect(message.reasoning_content?.length).toBeGreaterThan(0);
    expect(message.reasoning_details?.[0]?.signature).toBeTruthy();
    const fields = runtimeRequests(t).at(-1)?.body as {
      additionalModelRequestFields?: { thinking?: unknown };
    };
    expect(fields.additionalModelRequestFields?.thinking).toMatchObject({ type: 'enabled' });

    await t.client.chat.completions.create({
      model: REASONING_MODEL,
      messages: [
        { role: 'user', content: 'think about 2+2' },
        message as ChatCompletionMessageParam,
        { role: 'user', content: 'and 3+3?' },
      ],
      reasoning_effort: 'low',
    });
    const replay = runtimeRequests(t).at(-1)?.body as {
      messages: { role: string; content: Record<string, unknown>[] }[];
    };
    expect(replay.messages[1]?.content.some((b) => 'reasoningContent' in b)).toBe(true);
  });

  it('streams reasoning deltas', async () => {
    const stream = await t.client.chat.completions.create({
      model: REASONING_MODEL,
      messages: [{ role: 'user', content: 'think while streaming' }],
      reasoning_effort: 'medium',
      stream: true,
    });
    let reasoning = '';
    let text = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as
        | { reasoning_content?: string; content?: string }
        | undefined;
      reasoning += delta?.reasoning_content ?? '';
      text += delta?.content ?? '';
    }
    expect(reasoning.length).toBeGreaterThan(0);
    expect(text).toContain('think while streaming');
  });

  it('sends a data-URL image as image bytes', async () => {
    await t.client.chat.completions.create({
      model: MODEL,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
          ],
        },
      ],
    });
    const body = runtimeRequests(t).at(-1)?.body as {
      messages: { content: { image?: { format: string; source: { bytes: string } } }[] }[];
    };
    const image = body.messages[0]?.content.find((b) => b.image)?.image;
    expect(image?.format).toBe('png');
    expect(image?.source.bytes).toBe(PNG_BASE64);
  });

  it('refuses a remote image URL with a clear 400 when fetching is off', async () => {
    const error = await t.client.chat.completions
      .create({
        model: MODEL,
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }],
          },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as APIError).message).toContain('--fetch-images');
    expect((error as APIError).param).toBe('messages[0].content[0].image_url.url');
  });

  it('lists models with context lengths in the OpenAI list shape', async () => {
    const list = await t.client.models.list();
    const haiku = list.data.find((m) => m.id === MODEL) as
      | (OpenAI.Model & { context_length?: number })
      | undefined;
    expect(haiku).toMatchObject({ object: 'model', owned_by: 'Anthropic', context_length: 200000 });
    expect(list.data.some((m) => m.id === 'us.anthropic.claude-sonnet-4-20250514-v1:0')).toBe(true);
    // profile-only foundation ids are not offered; embedding models are, marked as such
    expect(list.data.some((m) => m.id === 'anthropic.claude-sonnet-4-20250514-v1:0')).toBe(false);
    const embedders = list.data.filter((m) => m.id.includes('embed'));
    expect(embedders.every((m) => (m as { mode?: string }).mode === 'embedding')).toBe(true);
  });

  it('answers /healthz', async () => {
    const health = await fetch(`${t.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok', inFlight: 0 });
  });
});

describe('remote images, when enabled', () => {
  let images: Server;
  let imageRequests = 0;
  let imagesOpen = 0;
  let mostImagesAtOnce = 0;
  let g: TestGateway;
  beforeAll(async () => {
    images = createHttpServer((_req, res) => {
      imageRequests += 1;
      imagesOpen += 1;
      mostImagesAtOnce = Math.max(mostImagesAtOnce, imagesOpen);
      // Answer a little later, so that fetches that run at the same time overlap here.
      setTimeout(() => {
        imagesOpen -= 1;
        res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from(PNG_BASE64, 'base64'));
      }, 5);
    });
    await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
    g = await startTestGateway({
      backend: { fetchImages: { allowHosts: ['127.0.0.1'], allowPrivateAddresses: true } },
    });
  });
  afterAll(async () => {
    await g.close();
    await new Promise((resolve) => images.close(resolve));
  });

  it('fetches an allowlisted URL and sends its bytes', async () => {
    const port = (images.address() as AddressInfo).port;
    await g.client.chat.completions.create({
      model: MODEL,
      messages: [
        {
          role: 'user',
          content: [{ type: 'image_url', image_url: { url: `http://127.0.0.1:${port}/cat.png` } }],
        },
      ],
    });
    const body = runtimeRequests(g).at(-1)?.body as {
      messages: { content: { image?: { source: { bytes: string } } }[] }[];
    };
    expect(body.messages[0]?.content.find((b) => b.image)?.image?.source.bytes).toBe(PNG_BASE64);
  });

  it('refuses a host outside the allowlist with a 400 naming the field', async () => {
    const error = (await g.client.chat.completions
      .create({
        model: MODEL,
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: 'http://localhost/x.png' } }],
          },
        ],
      })
      .catch((e: unknown) => e)) as APIError;
    expect(error.status).toBe(400);
    expect(error.message).toContain('not allowed');
  });

  it('fetches many images a few at a time, and refuses more than 20 naming the first over', async () => {
    const port = (images.address() as AddressInfo).port;
    const parts = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        type: 'image_url' as const,
        image_url: { url: `http://127.0.0.1:${port}/cat.png?n=${i}` },
      }));
    const before = imageRequests;
    await g.client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: parts(20) }],
    });
    expect(imageRequests - before).toBe(20);
    expect(mostImagesAtOnce).toBeLessThanOrEqual(4);

    const sent = runtimeRequests(g).length;
    const error = (await g.client.chat.completions
      .create({ model: MODEL, messages: [{ role: 'user', content: parts(21) }] })
      .catch((e: unknown) => e)) as APIError;
    expect(error.status).toBe(400);
    expect(error.code).toBe('too_many_images');
    expect(error.param).toBe('messages[0].content[20].image_url.url');
    expect(runtimeRequests(g).length).toBe(sent);
  });
});

describe('a silent control plane', () => {
  it('does not hold chat requests: they go on with the built-in tables', async () => {
    const g = await startTestGateway({ backend: { discoveryWaitMs: 100 } });
    try {
      // Model discovery (ListFoundationModels) never gets an answer.
      g.emulator.inject({ type: 'blackhole', operation: 'control', times: 10 });
      const answer = await g.client.chat.completions.create({
        model: 'anthropic.claude-sonnet-4-20250514-v1:0', // profile-only: resolved offline to us.
        messages: [{ role: 'user', content: 'still there?' }],
      });
      expect(answer.choices[0]?.message.content).toBe('Echo: still there?');
      expect(runtimeRequests(g).map((r) => r.modelId)).toEqual([
        'us.anthropic.claude-sonnet-4-20250514-v1:0',
      ]);
      expect(g.emulator.requests.some((r) => r.operation === 'control')).toBe(true);
    } finally {
      await g.close();
    }
  });
});
