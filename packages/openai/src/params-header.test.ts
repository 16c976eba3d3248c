import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { describe, expect, it } from 'vitest';
import { paramPolicyFromHeader } from './params-header.js';

describe('x-bedrock-bridge-params', () => {
  it('maps drop and strict, and is absent without the header', () => {
    expect(paramPolicyFromHeader('drop')).toBe('drop');
    expect(paramPolicyFromHeader(' Strict ')).toBe('reject');
    expect(paramPolicyFromHeader(undefined)).toBeUndefined();
  });

  it('refuses any other value, naming the header', () => {
    let error: unknown;
    try {
      paramPolicyFromHeader('lenient');
    } catch (e) {
      error = e;
    }
    expect(BedrockBridgeError.is(error) && error.kind).toBe('validation');
    expect((error as Error).message).toContain('x-bedrock-bridge-params');
  });
});
