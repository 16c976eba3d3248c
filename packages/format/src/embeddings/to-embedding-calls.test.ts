import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { thrown } from '../test-support/thrown.js';
import type { ToEmbeddingCallsOptions } from './embedding-options.js';
import type { EmbeddingRequest } from './openai-embeddings.js';
import { toEmbeddingCalls } from './to-embedding-calls.js';

const TITAN: ToEmbeddingCallsOptions = { family: 'titan-text-v2', dimensions: [1024, 512, 256] };
const COHERE: ToEmbeddingCallsOptions = {
  family: 'cohere-v3',
  dimensions: [1024],
  batchSize: 96,
  maxInputChars: 2048,
  inputTypes: ['search_document', 'search_query', 'classification', 'clustering'],
  defaultInputType: 'search_document',
};
const req = (input: EmbeddingRequest['input'], extra: Partial<EmbeddingRequest> = {}) => ({
  model: 'm',
  input,
  ...extra,
});

describe('toEmbeddingCalls', () => {
  it('Titan: one call per text, in order, with dimensions when chosen', () => {
    const out = toEmbeddingCalls(req(['a', 'b', 'c'], { dimensions: 512 }), TITAN);
    expect(out.calls.map((c) => c.body)).toEqual([
      { inputText: 'a', dimensions: 512 },
      { inputText: 'b', dimensions: 512 },
      { inputText: 'c', dimensions: 512 },
    ]);
    expect(out.calls.map((c) => c.indices)).toEqual([[0], [1], [2]]);
    expect(out).toMatchObject({ count: 3, dropped: [], answer: { encodingFormat: 'float' } });
  });

  it('Titan Multimodal puts the size in embeddingConfig', () => {
    const out = toEmbeddingCalls(req('a', { dimensions: 384 }), {
      family: 'titan-multimodal-g1',
      dimensions: [1024, 384, 256],
    });
    expect(out.calls[0]?.body).toEqual({
      inputText: 'a',
      embeddingConfig: { outputEmbeddingLength: 384 },
    });
  });

  it('Titan G1 never sends dimensions', () => {
    const out = toEmbeddingCalls(req('a', { dimensions: 1536 }), {
      family: 'titan-text-g1',
      dimensions: [1536],
    });
    expect(out.calls[0]?.body).toEqual({ inputText: 'a' });
  });

  it('Cohere: batches of at most 96 texts covering every index once, default input type', () => {
    const texts = Array.from({ length: 200 }, (_, i) => `t${i}`);
    const out = toEmbeddingCalls(req(texts), COHERE);
    expect(out.calls.map((c) => c.indices.length)).toEqual([96, 96, 8]);
    expect(out.calls.flatMap((c) => c.indices)).toEqual(texts.map((_, i) => i));
    expect(out.calls[2]?.body).toEqual({
      texts: ['t192', 't193', 't194', 't195', 't196', 't197', 't198', 't199'],
      input_type: 'search_document',
    });
  });

  it('Cohere: input_type passes through; dimensions equal to the fixed size is a no-op', () => {
    const out = toEmbeddingCalls(
      req('q', { input_type: 'search_query', dimensions: 1024 }),
      COHERE,
    );
    expect(out.calls[0]?.body).toEqual({ texts: ['q'], input_type: 'search_query' });
  });

  it.each<[string, EmbeddingRequest, ToEmbeddingCallsOptions, string, RegExp]>([
    ['token ids', req([1, 2, 3]), TITAN, 'input', /takes text only: token arrays/],
    ['token arrays', req([[1, 2], [3]]), COHERE, 'input[0]', /token arrays/],
    ['an empty text', req(['a', '']), TITAN, 'input[1]', /input\[1\] is empty/],
    ['an empty list', req([]), TITAN, 'input', /non-empty/],
    ['a text over the limit', req(['a', 'b'.repeat(2049)]), COHERE, 'input[1]', /2049 characters/],
    [
      'dimensions not offered',
      req('a', { dimensions: 300 }),
      TITAN,
      'dimensions',
      /1024, 512, 256, not 300/,
    ],
    [
      'dimensions of a fixed model',
      req('a', { dimensions: 512 }),
      COHERE,
      'dimensions',
      /1024 dimensions only/,
    ],
    [
      'an unknown input_type',
      req('a', { input_type: 'query' }),
      COHERE,
      'input_type',
      /one of search_document/,
    ],
    [
      'input_type on Titan',
      req('a', { input_type: 'search_query' }),
      TITAN,
      'input_type',
      /takes no input_type/,
    ],
    [
      'an unknown encoding',
      req('a', { encoding_format: 'int8' as 'float' }),
      TITAN,
      'encoding_format',
      /"float" or "base64"/,
    ],
  ])('refuses %s, naming the field', (_what, request, options, param, message) => {
    const error = thrown(() => toEmbeddingCalls(request, options));
    expect(error).toMatchObject({ kind: 'validation', param, status: 400 });
    expect(error.message).toMatch(message);
  });

  it('drops what the model cannot honour when allowed, and always reports user', () => {
    const out = toEmbeddingCalls(req('a', { dimensions: 300, user: 'u1', input_type: 'x' }), {
      ...TITAN,
      dropUnsupportedParams: true,
    });
    expect(out.dropped).toEqual(['dimensions', 'user', 'input_type']);
    expect(out.calls[0]?.body).toEqual({ inputText: 'a' });
  });

  it("accepts the openai package's request type (checked by the typecheck)", () => {
    const theirs: OpenAI.Embeddings.EmbeddingCreateParams = {
      model: 'm',
      input: ['a'],
      dimensions: 256,
      encoding_format: 'base64',
      user: 'u',
    };
    const ours: EmbeddingRequest = theirs;
    expect(toEmbeddingCalls(ours, TITAN).calls[0]?.body).toEqual({
      inputText: 'a',
      dimensions: 256,
    });
  });
});
