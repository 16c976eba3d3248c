import * as rt from '@aws-sdk/client-bedrock-runtime';
import { meta, type Row } from './classification-row.js';

/** The clock the table runs under, so that an HTTP-date `Retry-After` gives an exact wait. */
export const TABLE_NOW = Date.parse('2026-11-25T12:00:00Z');

/** Attaches headers the way the SDK does: on the hidden, non-enumerable `$response`. */
function withSdkHeaders<T extends object>(err: T, headers: Record<string, string>): T {
  Object.defineProperty(err, '$response', {
    value: { statusCode: 429, headers },
    enumerable: false,
  });
  return err;
}

/** Bare statuses with nothing else to go on. */
export const bareStatus: Row[] = [
  { name: 'bare status 500', kind: 'overloaded', status: 500, build: () => ({ status: 500 }) },
  {
    name: 'bare statusCode 409',
    kind: 'validation',
    status: 409,
    build: () => ({ statusCode: 409 }),
  },
  {
    name: 'bare $metadata 413',
    kind: 'validation',
    status: 413,
    build: () => ({ $metadata: { httpStatusCode: 413 } }),
  },
];

/** What the server asked the caller to wait, in each form the package reads. */
export const retryAfter: Row[] = [
  {
    name: 'rt ThrottlingException Retry-After seconds (SDK $response headers)',
    kind: 'rate_limit',
    status: 429,
    retryAfterMs: 2000,
    build: () =>
      withSdkHeaders(
        new rt.ThrottlingException({ message: 'Too many requests', $metadata: meta(429) }),
        { 'retry-after': '2' },
      ),
  },
  {
    name: 'Retry-After HTTP date, 30 s ahead',
    kind: 'overloaded',
    status: 503,
    retryAfterMs: 30_000,
    build: () => ({
      $metadata: meta(503),
      headers: { 'Retry-After': 'Wed, 25 Nov 2026 12:00:30 GMT' },
    }),
  },
  {
    name: 'Retry-After HTTP date in the past',
    kind: 'rate_limit',
    retryAfterMs: 0,
    build: () => ({ status: 429, headers: { 'retry-after': 'Wed, 25 Nov 2026 11:59:00 GMT' } }),
  },
  {
    name: 'x-amz-retry-after milliseconds',
    kind: 'rate_limit',
    retryAfterMs: 250,
    build: () => ({ status: 429, headers: new Headers({ 'x-amz-retry-after': '250' }) }),
  },
  {
    name: 'Retry-After on a cause',
    kind: 'rate_limit',
    retryAfterMs: 3000,
    build: () =>
      new Error('call failed', {
        cause: { status: 429, response: { headers: { 'retry-after': '3' } } },
      }),
  },
  {
    name: 'Retry-After garbage is ignored',
    kind: 'rate_limit',
    build: () => ({ status: 429, headers: { 'retry-after': 'later' } }),
  },
];
