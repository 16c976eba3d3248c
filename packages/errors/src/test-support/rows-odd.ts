import { BedrockBridgeError } from '../bedrock-bridge-error.js';
import type { Row } from './classification-row.js';
import { namedError, systemError } from './node-errors.js';

/** Strings, null, odd objects, hostile proxies, nested and cyclic chains. */
export const odd: Row[] = [
  {
    name: 'string wording',
    kind: 'rate_limit',
    message: /^Too many requests$/,
    build: () => 'Too many requests',
  },
  { name: 'empty string', kind: 'unknown', message: /^string \(unknown\): /, build: () => '' },
  { name: 'null', kind: 'unknown', message: /^null \(unknown\): /, build: () => null },
  {
    name: 'undefined',
    kind: 'unknown',
    message: /^undefined \(unknown\): /,
    build: () => undefined,
  },
  { name: 'number', kind: 'unknown', message: /42/, build: () => 42 },
  { name: 'empty object', kind: 'unknown', message: /^Object \(unknown\): /, build: () => ({}) },
  {
    name: 'plain object with a stale message',
    kind: 'stale_connection',
    build: () => ({ message: 'socket hang up' }),
  },
  {
    name: 'Error with an empty message',
    kind: 'unknown',
    message: /^Error \(unknown\): An unexpected error occurred$/,
    build: () => new Error(''),
  },
  {
    name: 'empty-message wrapper of a reset',
    kind: 'stale_connection',
    message: /^Error \(stale_connection\): .*\(cause: read ECONNRESET\)$/,
    build: () => new Error('', { cause: systemError('ECONNRESET', 'read', -104) }),
  },
  {
    name: 'Proxy whose getters throw',
    kind: 'unknown',
    build: () =>
      new Proxy(
        {},
        {
          get() {
            throw new Error('no');
          },
        },
      ),
  },
  {
    name: 'application AssertionError with a message',
    kind: 'unknown',
    build: () =>
      namedError('AssertionError', 'expected 1 to equal 2', {
        code: 'ERR_ASSERTION',
        stack: 'AssertionError: expected\n    at myTest (/app/src/my.test.js:3:9)',
      }),
  },
  {
    name: 'nested BedrockBridgeError keeps its kind',
    kind: 'content_filtered',
    build: () =>
      new Error('wrapped', {
        cause: new BedrockBridgeError({ kind: 'content_filtered', message: 'blocked' }),
      }),
  },
  {
    name: 'thrown BedrockBridgeError: its own info, cause is the error itself',
    kind: 'timeout',
    code: 'FIRST_BYTE_DEADLINE',
    status: 200,
    retryAfterMs: 500,
    message: /^No first byte within 10000 ms$/,
    build: () =>
      new BedrockBridgeError({
        kind: 'timeout',
        message: 'No first byte within 10000 ms',
        cause: new Error('inner'),
        code: 'FIRST_BYTE_DEADLINE',
        status: 200,
        retryAfterMs: 500,
      }),
  },
  {
    name: 'cyclic cause chain',
    kind: 'unknown',
    build: () => {
      const a = new Error('a') as Error & { cause?: unknown };
      const b = new Error('b', { cause: a });
      a.cause = b;
      return a;
    },
  },
];
