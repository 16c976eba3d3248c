import {
  type BedrockRuntimeClient,
  ConverseCommand,
  InvokeModelCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { beforeEach, describe, expect, it } from 'vitest';
import { emulatorFixture } from './test-support/harness.js';
import { HAIKU, HANDLERS, userSays } from './test-support/sdk.js';

const TITAN = 'amazon.titan-embed-text-v2:0';
const COHERE = 'cohere.embed-english-v3';
const MULTIMODAL = 'amazon.titan-embed-image-v1';

const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe.each(HANDLERS)('InvokeModel over %s', (kind) => {
  const fx = emulatorFixture();
  let client: BedrockRuntimeClient;
  beforeEach(() => {
    client = fx.client(kind, { maxAttempts: 1 });
  });

  async function invoke(modelId: string, body: unknown) {
    const out = await client.send(
      new InvokeModelCommand({
        modelId,
        contentType: 'application/json',
        accept: 'application/json',
        body: new TextEncoder().encode(JSON.stringify(body)),
      }),
    );
    return JSON.parse(new TextDecoder().decode(out.body)) as Record<string, unknown>;
  }

  async function rejection(modelId: string, body: unknown) {
    try {
      await invoke(modelId, body);
    } catch (err) {
      const e = err as { name: string; message: string; $metadata: { httpStatusCode?: number } };
      return { name: e.name, status: e.$metadata.httpStatusCode, message: e.message };
    }
    throw new Error('expected a rejection');
  }

  it('Titan v2: the same text gives the same normalized vector, another text another', async () => {
    const a = await invoke(TITAN, { inputText: 'hello world' });
    const b = await invoke(TITAN, { inputText: 'hello world' });
    const c = await invoke(TITAN, { inputText: 'goodbye world' });
    const vector = a.embedding as number[];
    expect(vector).toHaveLength(1024);
    expect(b.embedding).toEqual(vector);
    expect(c.embedding).not.toEqual(vector);
    expect(norm(vector)).toBeCloseTo(1, 5);
    expect(a.inputTextTokenCount).toBe(3);
    expect((a.embeddingsByType as { float: number[] }).float).toEqual(vector);
  });

  it('Titan v2: dimensions and normalize: false are honoured', async () => {
    const small = await invoke(TITAN, { inputText: 'x', dimensions: 256, normalize: false });
    expect(small.embedding).toHaveLength(256);
    expect(Math.abs(norm(small.embedding as number[]) - 1)).toBeGreaterThan(0.01);
    const binary = await invoke(TITAN, { inputText: 'x', embeddingTypes: ['binary'] });
    const bits = (binary.embeddingsByType as { binary: number[] }).binary;
    expect(new Set(bits)).toEqual(new Set([0, 1]));
  });

  it.each<[string, unknown, RegExp]>([
    [
      'wrong dimensions',
      { inputText: 'x', dimensions: 300 },
      /^Malformed input request: #\/dimensions: 300 is not a valid enum value, please reformat/,
    ],
    ['empty text', { inputText: '' }, /#\/inputText: expected minLength: 1, actual: 0/],
    [
      'a Cohere body',
      { texts: ['x'], input_type: 'search_query' },
      /#: required key \[inputText\] not found#: extraneous key \[texts\] is not permitted/,
    ],
    [
      'too long input',
      { inputText: 'a'.repeat(8193 * 4) },
      /^400 Bad Request: Too many input tokens\. Max input tokens: 8192, request input token count: 8193$/,
    ],
  ])('Titan v2 rejects %s', async (_what, body, message) => {
    const error = await rejection(TITAN, body);
    expect(error).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(error.message).toMatch(message);
  });

  it('Titan Multimodal: text with embeddingConfig, its enum and its 256-token limit', async () => {
    const out = await invoke(MULTIMODAL, {
      inputText: 'a red bicycle',
      embeddingConfig: { outputEmbeddingLength: 384 },
    });
    expect(out.embedding).toHaveLength(384);
    expect(out.inputTextTokenCount).toBe(4);
    expect((await invoke(MULTIMODAL, { inputText: 'x' })).embedding).toHaveLength(1024);
    const wrong = await rejection(MULTIMODAL, {
      inputText: 'x',
      embeddingConfig: { outputEmbeddingLength: 512 },
    });
    expect(wrong.message).toMatch(
      /#\/embeddingConfig\/outputEmbeddingLength: 512 is not a valid enum value/,
    );
    const long = await rejection(MULTIMODAL, { inputText: 'a'.repeat(257 * 4) });
    expect(long.message).toBe(
      '400 Bad Request: Too many input tokens. Max input tokens: 256, request input token count: 257',
    );
    expect((await rejection(MULTIMODAL, {})).message).toMatch(/required key \[inputText\]/);
  });

  it('Cohere v3: one vector per text in order, by input type', async () => {
    const doc = await invoke(COHERE, { texts: ['a', 'b', 'a'], input_type: 'search_document' });
    const vectors = doc.embeddings as number[][];
    expect(doc.response_type).toBe('embeddings_floats');
    expect(doc.texts).toEqual(['a', 'b', 'a']);
    expect(typeof doc.id).toBe('string');
    expect(vectors).toHaveLength(3);
    expect(vectors[0]).toHaveLength(1024);
    expect(vectors[2]).toEqual(vectors[0]);
    expect(vectors[1]).not.toEqual(vectors[0]);
    const query = await invoke(COHERE, { texts: ['a'], input_type: 'search_query' });
    expect((query.embeddings as number[][])[0]).not.toEqual(vectors[0]);
  });

  it('Cohere v3: embedding_types answers embeddings by type', async () => {
    const out = await invoke(COHERE, {
      texts: ['a'],
      input_type: 'clustering',
      embedding_types: ['float', 'int8'],
    });
    expect(out.response_type).toBe('embeddings_by_type');
    const byType = out.embeddings as { float: number[][]; int8: number[][] };
    expect(byType.float[0]).toHaveLength(1024);
    expect(byType.int8[0]?.every((v) => Number.isInteger(v) && v >= -128 && v <= 127)).toBe(true);
  });

  it.each<[string, unknown, RegExp]>([
    [
      'a Titan body',
      { inputText: 'x' },
      /^Malformed input request: #: required key \[texts\] not found#: required key \[input_type\] not found#: extraneous key \[inputText\] is not permitted, please reformat your input and try again\.$/,
    ],
    [
      'too many texts',
      { texts: Array.from({ length: 97 }, (_, i) => `t${i}`), input_type: 'search_document' },
      /#\/texts: expected maximum item count: 96, found: 97/,
    ],
    [
      'a text over 2,048 characters',
      { texts: ['ok', 'a'.repeat(2049)], input_type: 'search_document' },
      /#\/texts\/1: expected maxLength: 2048, actual: 2049/,
    ],
    [
      'a wrong input_type',
      { texts: ['x'], input_type: 'query' },
      /#\/input_type: query is not a valid enum value/,
    ],
    [
      'too long input (in tokens)',
      { texts: ['日本語'.repeat(250)], input_type: 'search_document' },
      /^Input is too long for requested model\.$/,
    ],
  ])('Cohere v3 rejects %s', async (_what, body, message) => {
    const error = await rejection(COHERE, body);
    expect(error).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(error.message).toMatch(message);
  });

  it('Cohere v3: truncate END accepts the long input', async () => {
    const out = await invoke(COHERE, {
      texts: ['日本語'.repeat(250)],
      input_type: 'search_document',
      truncate: 'END',
    });
    expect(out.embeddings as number[][]).toHaveLength(1);
  });

  it('a chat model is not served by InvokeModel here, and Converse refuses an embedding model', async () => {
    const invokeChat = await rejection(HAIKU, { inputText: 'x' });
    expect(invokeChat.message).toMatch(/embedding models only/);
    const converse = await client
      .send(new ConverseCommand({ modelId: TITAN, messages: userSays('hi') }))
      .then(
        () => undefined,
        (err: Error) => err.message,
      );
    expect(converse).toMatch(/doesn't support the model/);
  });

  it('records the request as invoke-model and applies runtime faults to it', async () => {
    fx.emulator.inject({ type: 'throttling', operation: 'invoke-model' });
    const error = await rejection(TITAN, { inputText: 'x' });
    expect(error).toMatchObject({ name: 'ThrottlingException', status: 429 });
    const last = fx.emulator.requests.at(-1);
    expect(last).toMatchObject({ operation: 'invoke-model', modelId: TITAN, fault: 'throttling' });
  });
});
