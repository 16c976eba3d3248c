import { createOpenAI } from '@ai-sdk/openai';
import { OpenAIEmbeddings } from '@langchain/openai';
import { embed, embedMany } from 'ai';
import OpenAI, { type APIError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './test-support/start-gateway.js';

/*
 * Real clients (openai, the AI SDK, LangChain) -> gateway (real HTTP) -> transport (real SDK,
 * real sockets) -> emulator InvokeModel.
 */

const TITAN = 'amazon.titan-embed-text-v2:0';
const COHERE = 'cohere.embed-english-v3';
const CHAT = 'anthropic.claude-3-haiku-20240307-v1:0';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({ backend: { embeddingConcurrency: 4 } });
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.emulator.clearFaults();
});

const invokes = () => t.emulator.requests.filter((r) => r.operation === 'invoke-model');
const texts = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} text ${i}`);
const norm = (v: readonly number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

/** What the emulator answers for one text, asked directly (no gateway batching involved). */
async function reference(model: string, text: string): Promise<number[]> {
  const one = await t.client.embeddings.create({ model, input: text, encoding_format: 'float' });
  return one.data[0]?.embedding as number[];
}

describe('client.embeddings.create', () => {
  it('embeds one text: 1024 unit-length floats, usage from Bedrock', async () => {
    const out = await t.client.embeddings.create({
      model: TITAN,
      input: 'hello embeddings',
      encoding_format: 'float',
    });
    expect(out).toMatchObject({ object: 'list', model: TITAN });
    expect(out.data).toHaveLength(1);
    expect(out.data[0]).toMatchObject({ object: 'embedding', index: 0 });
    expect(out.data[0]?.embedding).toHaveLength(1024);
    expect(norm(out.data[0]?.embedding ?? [])).toBeCloseTo(1, 5);
    // "hello embeddings" is 16 bytes: the emulator bills 4 tokens.
    expect(out.usage).toEqual({ prompt_tokens: 4, total_tokens: 4 });
    expect(invokes().at(-1)?.body).toEqual({ inputText: 'hello embeddings' });
  });

  it('a batch of 100 through Titan fans out one call per text and keeps input order', async () => {
    const input = texts(100, 'titan');
    const before = invokes().length;
    const out = await t.client.embeddings.create({ model: TITAN, input, encoding_format: 'float' });
    expect(invokes().length - before).toBe(100);
    expect(out.data.map((d) => d.index)).toEqual(input.map((_, i) => i));
    for (const i of [0, 37, 99]) {
      expect(out.data[i]?.embedding).toEqual(await reference(TITAN, input[i] as string));
    }
    expect(new Set(out.data.map((d) => d.embedding[0])).size).toBe(100);
  });

  it('a batch of 100 through Cohere goes as 96 + 4 texts and keeps input order', async () => {
    const input = texts(100, 'cohere');
    const before = invokes().length;
    const out = await t.client.embeddings.create({
      model: COHERE,
      input,
      encoding_format: 'float',
    });
    const sent = invokes().slice(before);
    expect(sent.map((r) => (r.body as { texts: string[] }).texts.length).sort()).toEqual([4, 96]);
    expect(sent[0]?.body).toMatchObject({ input_type: 'search_document' });
    expect(out.data).toHaveLength(100);
    for (const i of [0, 95, 96, 99]) {
      expect(out.data[i]?.embedding).toEqual(await reference(COHERE, input[i] as string));
    }
  });

  it('dimensions: 256 asks Titan for 256', async () => {
    const out = await t.client.embeddings.create({
      model: TITAN,
      input: 'small',
      dimensions: 256,
      encoding_format: 'float',
    });
    expect(out.data[0]?.embedding).toHaveLength(256);
    expect(invokes().at(-1)?.body).toEqual({ inputText: 'small', dimensions: 256 });
  });

  it('Titan Multimodal (text) takes dimensions as embeddingConfig.outputEmbeddingLength', async () => {
    const out = await t.client.embeddings.create({
      model: 'amazon.titan-embed-image-v1',
      input: ['a red bicycle', 'a blue car'],
      dimensions: 384,
      encoding_format: 'float',
    });
    expect(out.data.map((d) => d.embedding.length)).toEqual([384, 384]);
    expect(invokes().at(-1)?.body).toMatchObject({
      embeddingConfig: { outputEmbeddingLength: 384 },
    });
  });

  it("encoding_format base64 decodes to the same floats (and the client's default does too)", async () => {
    const floats = await reference(TITAN, 'same vector');
    const raw = await fetch(`${t.url}/v1/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: TITAN, input: 'same vector', encoding_format: 'base64' }),
    });
    const body = (await raw.json()) as { data: { embedding: string }[] };
    const bytes = Buffer.from(body.data[0]?.embedding ?? '', 'base64');
    const decoded = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4));
    expect(decoded).toEqual(floats);
    // The openai client asks for base64 when the caller names no format, and decodes it.
    const viaClient = await t.client.embeddings.create({ model: TITAN, input: 'same vector' });
    expect(viaClient.data[0]?.embedding).toEqual(floats);
  });

  it.each<[string, Record<string, unknown>, number, string]>([
    [
      'dimensions Titan does not offer',
      { model: TITAN, input: 'x', dimensions: 300 },
      400,
      'dimensions',
    ],
    [
      'dimensions on a fixed-size model',
      { model: COHERE, input: 'x', dimensions: 512 },
      400,
      'dimensions',
    ],
    ['token ids', { model: TITAN, input: [[1, 2, 3]] }, 400, 'input[0]'],
    ['an empty text', { model: COHERE, input: ['a', ''] }, 400, 'input[1]'],
    ['a chat model', { model: CHAT, input: 'x' }, 400, 'model'],
    ['an unknown model', { model: 'acme.embed-v9', input: 'x' }, 404, 'model'],
    [
      'a wrong encoding',
      { model: TITAN, input: 'x', encoding_format: 'int8' },
      400,
      'encoding_format',
    ],
    ['an unknown field', { model: TITAN, input: 'x', temperature: 1 }, 400, 'temperature'],
  ])('refuses %s with %i naming the field', async (_what, body, status, param) => {
    const before = invokes().length;
    const error = (await t.client.embeddings
      .create(body as never)
      .then(() => undefined)
      .catch((e: unknown) => e)) as APIError;
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.status).toBe(status);
    expect(error.param).toBe(param);
    expect(error.message.length).toBeGreaterThan(10);
    expect(invokes().length).toBe(before);
  });

  it('a chat request to an embedding model is a 400 naming the model', async () => {
    const error = (await t.client.chat.completions
      .create({ model: TITAN, messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e)) as APIError;
    expect(error.status).toBe(400);
    expect(error.param).toBe('model');
    expect(error.message).toContain(TITAN);
    expect(error.message).toContain('/v1/embeddings');
  });

  it('reports dropped fields in the warnings header and logs the request like chat', async () => {
    const raw = await t.client.embeddings
      .create({ model: TITAN, input: 'who', user: 'u-1', encoding_format: 'float' })
      .withResponse();
    expect(raw.response.headers.get('x-bedrock-bridge-warnings')).toContain('user');
    await expect.poll(() => t.logs.at(-1)?.dropped).toEqual(['user']);
    expect(t.logs.at(-1)).toMatchObject({ path: '/v1/embeddings', status: 200, model: TITAN });
  });

  it('lists the embedding models in /v1/models, marked as such', async () => {
    const list = await t.client.models.list();
    const titan = list.data.find((m) => m.id === TITAN) as Record<string, unknown> | undefined;
    expect(titan).toMatchObject({ mode: 'embedding', capabilities: { embedding: true } });
    expect(list.data.find((m) => m.id === COHERE)).toMatchObject({ mode: 'embedding' });
    expect(list.data.find((m) => m.id === CHAT)).not.toMatchObject({ mode: 'embedding' });
  });
});

describe('the same gate as chat', () => {
  it('an API key is required on /v1/embeddings too', async () => {
    const keyed = await startTestGateway({ server: { apiKey: 'sk-embed' } });
    try {
      const anonymous = new OpenAI({ baseURL: `${keyed.url}/v1`, apiKey: 'wrong', maxRetries: 0 });
      const error = (await anonymous.embeddings
        .create({ model: TITAN, input: 'x' })
        .catch((e: unknown) => e)) as APIError;
      expect(error.status).toBe(401);
      const ok = await keyed.client.embeddings.create({ model: TITAN, input: 'x' });
      expect(ok.data).toHaveLength(1);
      await expect.poll(() => keyed.logs.map((l) => l.status)).toEqual([401, 200]);
    } finally {
      await keyed.close();
    }
  });
});

describe('faults in a fanned-out batch', () => {
  it('a throttled call is retried alone: every vector comes back, in order', async () => {
    const input = texts(20, 'throttled');
    t.emulator.inject({ type: 'throttling', operation: 'invoke-model', times: 2 });
    const before = invokes().length;
    const out = await t.client.embeddings.create({ model: TITAN, input, encoding_format: 'float' });
    expect(invokes().length - before).toBe(22);
    expect(invokes().filter((r) => r.fault === 'throttling').length).toBeGreaterThanOrEqual(2);
    expect(out.data).toHaveLength(20);
    expect(out.data[7]?.embedding).toEqual(await reference(TITAN, input[7] as string));
  });

  it('a reset connection mid-answer is retried alone', async () => {
    t.emulator.inject({ type: 'reset', operation: 'invoke-model' });
    const out = await t.client.embeddings.create({
      model: COHERE,
      input: texts(3, 'reset'),
      encoding_format: 'float',
    });
    expect(out.data.map((d) => d.index)).toEqual([0, 1, 2]);
  });

  it('a call that keeps failing fails the whole request with a classified error, no partial list', async () => {
    t.emulator.inject({ type: 'service-unavailable', operation: 'invoke-model', times: 60 });
    const error = (await t.client.embeddings
      .create({ model: TITAN, input: texts(10, 'down'), encoding_format: 'float' })
      .catch((e: unknown) => e)) as APIError;
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.status).toBe(503);
    expect(error.code).toBe('overloaded');
  });

  it('one text Bedrock refuses fails the request with its message (not retried)', async () => {
    const input = ['fine', 'a'.repeat(40_000), 'also fine'];
    const error = (await t.client.embeddings
      .create({ model: TITAN, input, encoding_format: 'float' })
      .catch((e: unknown) => e)) as APIError;
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/Too many input tokens/);
  });
});

describe('the AI SDK', () => {
  it('embedMany keeps order and embed matches it', async () => {
    const openai = createOpenAI({ baseURL: `${t.url}/v1`, apiKey: 'unused' });
    const values = texts(30, 'ai-sdk');
    const { embeddings, usage } = await embedMany({
      model: openai.embedding(COHERE),
      values,
      maxRetries: 0,
    });
    expect(embeddings).toHaveLength(30);
    expect(usage.tokens).toBeGreaterThan(0);
    const { embedding } = await embed({
      model: openai.embedding(COHERE),
      value: values[12] as string,
      maxRetries: 0,
    });
    expect(embeddings[12]).toEqual(embedding);
    expect(embeddings[12]).toEqual(await reference(COHERE, values[12] as string));
  });
});

describe('LangChain', () => {
  it('OpenAIEmbeddings.embedDocuments keeps order; embedQuery embeds one text', async () => {
    const embeddings = new OpenAIEmbeddings({
      model: TITAN,
      apiKey: 'unused',
      configuration: { baseURL: `${t.url}/v1` },
      dimensions: 512,
      maxRetries: 0,
    });
    const docs = texts(12, 'langchain');
    const vectors = await embeddings.embedDocuments(docs);
    expect(vectors).toHaveLength(12);
    expect(vectors[0]).toHaveLength(512);
    const query = await embeddings.embedQuery(docs[5] as string);
    expect(vectors[5]).toEqual(query);
    expect(vectors[4]).not.toEqual(query);
  });
});
