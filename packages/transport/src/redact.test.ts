import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { describe, expect, it } from 'vitest';
import { redactError, redactIdentity, redactText } from './redact.js';

const DENIED =
  'User: arn:aws:sts::123456789012:assumed-role/BedrockAdmin/alice@example.com is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0 because no identity-based policy allows it';

describe('redactIdentity', () => {
  it('masks the account and principal of an AccessDenied, keeps the model ARN', () => {
    const out = redactIdentity(DENIED);
    expect(out).not.toContain('123456789012');
    expect(out).not.toContain('BedrockAdmin');
    expect(out).not.toContain('alice');
    expect(out).toContain('arn:aws:sts::[account]:[redacted] is not authorized');
    expect(out).toContain(
      'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
    );
  });

  it('masks the account of a resource ARN but keeps its resource', () => {
    expect(
      redactIdentity('arn:aws:bedrock:us-east-1:210987654321:inference-profile/us.x-v1:0 failed'),
    ).toBe('arn:aws:bedrock:us-east-1:[account]:inference-profile/us.x-v1:0 failed');
  });

  it('masks access key ids and bare account ids, not other numbers', () => {
    const out = redactIdentity(
      'key AKIAIOSFODNN7EXAMPLE, temp ASIAXXXXXXXXXXXXXXXX, account 123456789012; 201024 tokens > 200000, at 1733337600000',
    );
    expect(out).toBe(
      'key [redacted], temp [redacted], account [account]; 201024 tokens > 200000, at 1733337600000',
    );
  });
});

describe('redactText and redactError', () => {
  it('removes the secrets and the identity', () => {
    expect(redactText('token sk-secret-value for 123456789012', ['sk-secret-value'])).toBe(
      'token [redacted] for [account]',
    );
  });

  it('copies an error whose message names the account, with the cause kept', () => {
    const cause = new Error(DENIED);
    const error = new BedrockBridgeError({ kind: 'access_denied', message: DENIED, cause });
    const clean = redactError(error, [], cause);
    expect(clean).not.toBe(error);
    expect(clean.kind).toBe('access_denied');
    expect(clean.message).not.toContain('123456789012');
    expect(clean.cause).toBe(cause);
  });
});
