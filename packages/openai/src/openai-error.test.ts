import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BedrockBridgeError, ERROR_KINDS } from '@bedrock-bridge/errors';
import { describe, expect, it } from 'vitest';
import { mappingForKind, openAIErrorFromBridgeError } from './openai-error.js';

describe('error kind -> HTTP status', () => {
  it.each([
    ['validation', 400, 'invalid_request'],
    ['context_overflow', 400, 'context_length_exceeded'],
    ['on_demand_unsupported', 400, 'on_demand_unsupported'],
    ['content_filtered', 400, 'content_policy_violation'],
    ['auth', 401, 'upstream_auth_failed'],
    ['access_denied', 403, 'access_denied'],
    ['streaming_denied', 403, 'streaming_denied'],
    ['model_not_found', 404, 'model_not_found'],
    ['rate_limit', 429, 'rate_limit_exceeded'],
    ['quota_exceeded', 429, 'insufficient_quota'],
    ['overloaded', 503, 'overloaded'],
    ['timeout', 504, 'upstream_timeout'],
    ['stale_connection', 502, 'upstream_connection_lost'],
    ['unreachable', 502, 'upstream_unreachable'],
    ['stream_truncated', 502, 'stream_truncated'],
    ['aborted', 499, 'aborted'],
    ['unknown', 500, 'internal_error'],
  ] as const)('%s -> %i %s', (kind, status, code) => {
    const response = openAIErrorFromBridgeError(new BedrockBridgeError({ kind, message: 'm' }));
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message).toBe('m');
  });

  it("covers every kind, exactly as the README's Errors table says", () => {
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    const section = readme.slice(readme.indexOf('## Errors'), readme.indexOf('## Environment'));
    const documented = new Map<string, { status: number; code: string }>();
    for (const row of section.split('\n').filter((l) => /^\| `/.test(l))) {
      const [kinds = '', status = '', codes = ''] = row.split('|').slice(1);
      const names = (text: string) => [...text.matchAll(/`([a-z_]+)`/g)].map((m) => m[1] ?? '');
      const codeNames = names(codes);
      names(kinds).forEach((kind, i) => {
        // validation's row lists its specific codes; the generic one comes first.
        documented.set(kind, { status: Number(status), code: codeNames[i] ?? codeNames[0] ?? '' });
      });
    }
    expect([...documented.keys()].sort()).toEqual([...ERROR_KINDS].sort());
    for (const kind of ERROR_KINDS) {
      const { status, code } = mappingForKind(kind);
      expect({ kind, status, code }).toEqual({ kind, ...documented.get(kind) });
    }
  });

  it('sends Retry-After in whole seconds, rounding up, and 1 s when upstream said nothing', () => {
    const said = openAIErrorFromBridgeError(
      new BedrockBridgeError({ kind: 'rate_limit', message: 'slow down', retryAfterMs: 2500 }),
    );
    expect(said.headers['retry-after']).toBe('3');
    const silent = openAIErrorFromBridgeError(
      new BedrockBridgeError({ kind: 'overloaded', message: 'busy' }),
    );
    expect(silent.headers['retry-after']).toBe('1');
  });

  it('keeps param and a specific validation code', () => {
    const response = openAIErrorFromBridgeError(
      new BedrockBridgeError({
        kind: 'validation',
        message: 'bad',
        param: 'messages[0]',
        code: 'invalid_base64',
      }),
    );
    expect(response.body.error).toEqual({
      message: 'bad',
      type: 'invalid_request_error',
      param: 'messages[0]',
      code: 'invalid_base64',
    });
  });
});
