import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { describe, expect, it } from 'vitest';
import { MAX_EMBEDDING_INPUTS, validateEmbeddingsRequest } from './validate-embeddings-request.js';

function rejection(body: unknown): BedrockBridgeError {
  try {
    validateEmbeddingsRequest(body);
  } catch (err) {
    if (BedrockBridgeError.is(err)) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('validateEmbeddingsRequest', () => {
  it('keeps the fields it knows and leaves out nulls', () => {
    expect(
      validateEmbeddingsRequest({
        model: 'm',
        input: ['a', 'b'],
        dimensions: 256,
        encoding_format: 'base64',
        user: null,
      }),
    ).toEqual({ model: 'm', input: ['a', 'b'], dimensions: 256, encoding_format: 'base64' });
    expect(validateEmbeddingsRequest({ model: 'm', input: [[1, 2], [3]] }).input).toEqual([
      [1, 2],
      [3],
    ]);
  });

  it.each<[string, unknown, string | undefined, RegExp]>([
    ['a non-object body', [1], undefined, /must be a JSON object, got an array/],
    ['no model', { input: 'x' }, 'model', /Missing required parameter: 'model'/],
    ['no input', { model: 'm' }, 'input', /Missing required parameter: 'input'/],
    ['an object input', { model: 'm', input: { text: 'x' } }, 'input', /expected a string/],
    [
      'too many inputs',
      { model: 'm', input: Array.from({ length: MAX_EMBEDDING_INPUTS + 1 }, () => 'x') },
      'input',
      /2049 inputs, at most 2048/,
    ],
    ['a fractional dimension', { model: 'm', input: 'x', dimensions: 2.5 }, 'dimensions', /int/],
    ['a zero dimension', { model: 'm', input: 'x', dimensions: 0 }, 'dimensions', /Invalid value/],
    [
      'an unknown field',
      { model: 'm', input: 'x', top_p: 1 },
      'top_p',
      /Unrecognized request argument/,
    ],
  ])('refuses %s, naming the field', (_what, body, param, message) => {
    const error = rejection(body);
    expect(error.kind).toBe('validation');
    expect(error.param).toBe(param);
    expect(error.message).toMatch(message);
  });
});
