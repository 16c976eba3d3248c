import { ValidationException } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { isContextOverflowError } from './is-context-overflow-error.js';

describe('isContextOverflowError', () => {
  it.each([
    'Input is too long for requested model.',
    'too many input tokens',
    'prompt is too long: 215000 tokens > 200000 maximum',
    "This model's maximum context length is 128000 tokens",
    'max input token',
    'exceeds the maximum number of input tokens',
    'context window exceeded',
    'input length and `max_tokens` exceed context limit: 1 + 2 > 2',
    'model_context_window_exceeded',
  ])('true for %j', (message) => {
    expect(isContextOverflowError(message)).toBe(true);
  });

  it.each([
    'Too many tokens, please wait before trying again.',
    'Too many requests, please wait before trying again.',
    'Too many tokens per day, please wait before trying again.',
    'Malformed input request',
    'The value of max_tokens exceeds the maximum tokens allowed for this model',
    'ValidationException: The value of max_tokens exceeds the maximum tokens allowed for this model',
    'Malformed input request: max_tokens (100000) exceeds the max tokens allowed for this model',
    '',
  ])('false for %j', (message) => {
    expect(isContextOverflowError(message)).toBe(false);
  });

  it('reads errors too', () => {
    const err = new ValidationException({
      message: 'Input is too long for requested model.',
      $metadata: {},
    });
    expect(isContextOverflowError(err)).toBe(true);
    expect(isContextOverflowError(new Error('socket hang up'))).toBe(false);
    expect(isContextOverflowError(null)).toBe(false);
    const outputLimit = new ValidationException({
      message: 'The value of max_tokens exceeds the maximum tokens allowed for this model',
      $metadata: {},
    });
    expect(isContextOverflowError(outputLimit)).toBe(false);
    const perMinute = Object.assign(new Error('Too many input tokens per minute'), {
      $metadata: { httpStatusCode: 429 },
    });
    expect(isContextOverflowError(perMinute)).toBe(false);
  });
});
