import { describe, expect, it } from 'vitest';
import { thrown } from '../test-support/thrown.js';
import { type EmbeddingCallResult, fromEmbeddingResults } from './from-embedding-results.js';
import { toEmbeddingCalls } from './to-embedding-calls.js';

const vectorOf = (text: string) => [text.length, text.charCodeAt(0) / 100, -0.5];

describe('fromEmbeddingResults', () => {
  it('puts Titan answers back in input order whatever order they came in, summing usage', () => {
    const texts = ['alpha', 'be', 'c', 'delta'];
    const prepared = toEmbeddingCalls(
      { model: 'titan', input: texts },
      { family: 'titan-text-v2', dimensions: [1024] },
    );
    const results: EmbeddingCallResult[] = prepared.calls
      .map((call) => {
        const text = call.body.inputText as string;
        return { call, body: { embedding: vectorOf(text), inputTextTokenCount: text.length } };
      })
      .reverse();
    const list = fromEmbeddingResults(results, prepared, { model: 'titan' });
    expect(list.data.map((d) => d.index)).toEqual([0, 1, 2, 3]);
    expect(list.data.map((d) => d.embedding)).toEqual(texts.map(vectorOf));
    expect(list.usage).toEqual({ prompt_tokens: 13, total_tokens: 13 });
    expect(list).toMatchObject({ object: 'list', model: 'titan' });
  });

  it('reads Cohere batches (floats or by type) and takes usage from the header', () => {
    const texts = ['a', 'bb', 'ccc'];
    const prepared = toEmbeddingCalls(
      { model: 'cohere', input: texts },
      { family: 'cohere-v3', dimensions: [1024], batchSize: 2 },
    );
    const [first, second] = prepared.calls;
    if (!first || !second) throw new Error('expected two calls');
    const list = fromEmbeddingResults(
      [
        { call: second, body: { embeddings: { float: [vectorOf('ccc')] } }, inputTokenCount: 1 },
        { call: first, body: { embeddings: [vectorOf('a'), vectorOf('bb')] }, inputTokenCount: 2 },
      ],
      prepared,
      { model: 'cohere' },
    );
    expect(list.data.map((d) => d.embedding)).toEqual(texts.map(vectorOf));
    expect(list.usage.prompt_tokens).toBe(3);
  });

  it('base64 is the little-endian float32 bytes of the same vector', () => {
    const prepared = toEmbeddingCalls(
      { model: 't', input: 'x', encoding_format: 'base64' },
      { family: 'titan-text-v2', dimensions: [1024] },
    );
    const vector = [0.1, -0.25, 3];
    const [call] = prepared.calls;
    if (!call) throw new Error('expected a call');
    const list = fromEmbeddingResults([{ call, body: { embedding: vector } }], prepared, {
      model: 't',
    });
    const bytes = Buffer.from(list.data[0]?.embedding as string, 'base64');
    const floats = [0, 1, 2].map((i) => bytes.readFloatLE(i * 4));
    expect(floats).toEqual(vector.map(Math.fround));
  });

  it('never returns a partial list: a missing answer or a short batch throws', () => {
    const prepared = toEmbeddingCalls(
      { model: 'c', input: ['a', 'b', 'c'] },
      { family: 'cohere-v3', dimensions: [1024], batchSize: 2 },
    );
    const [first, second] = prepared.calls;
    if (!first || !second) throw new Error('expected two calls');
    const ok = { call: first, body: { embeddings: [[1], [2]] } };
    expect(thrown(() => fromEmbeddingResults([ok], prepared, { model: 'c' })).message).toMatch(
      /No embedding for input 2/,
    );
    const short = { call: second, body: { embeddings: [] } };
    expect(
      thrown(() => fromEmbeddingResults([ok, short], prepared, { model: 'c' })).message,
    ).toMatch(/0 vectors for 1 texts/);
    expect(
      thrown(() =>
        fromEmbeddingResults([ok, { call: second, body: { oops: 1 } }], prepared, { model: 'c' }),
      ).message,
    ).toMatch(/no embedding/);
  });
});
