import { ThrottlingException } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { BedrockBridgeError } from './bedrock-bridge-error.js';
import { toBedrockBridgeError } from './to-bedrock-bridge-error.js';

describe('toBedrockBridgeError', () => {
  it('classifies and wraps, keeping the original as cause', () => {
    const original = new ThrottlingException({
      message: 'Too many requests, please wait before trying again.',
      $metadata: { httpStatusCode: 429 },
    });
    Object.defineProperty(original, '$response', {
      value: { statusCode: 429, headers: { 'retry-after': '1' } },
    });
    const err = toBedrockBridgeError(original);
    expect(BedrockBridgeError.is(err)).toBe(true);
    expect(err.cause).toBe(original);
    expect(err).toMatchObject({
      kind: 'rate_limit',
      retryable: true,
      status: 429,
      retryAfterMs: 1000,
      code: 'ThrottlingException',
      message: 'Too many requests, please wait before trying again.',
    });
  });

  it('returns the same object when it already is one', () => {
    const err = new BedrockBridgeError({ kind: 'aborted', message: 'cancelled' });
    expect(toBedrockBridgeError(err)).toBe(err);
  });

  it('wraps non-errors with a non-empty message', () => {
    expect(toBedrockBridgeError(undefined).message).toBe(
      'undefined (unknown): An unexpected error occurred',
    );
    expect(toBedrockBridgeError('prompt is too long').kind).toBe('context_overflow');
  });

  it('an aborted error is never retryable', () => {
    expect(toBedrockBridgeError(AbortSignal.abort().reason).retryable).toBe(false);
  });
});
