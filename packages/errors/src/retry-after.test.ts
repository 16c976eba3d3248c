import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryAfterMsOf } from './retry-after.js';

const NOW = Date.parse('2026-11-25T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['3', 3000],
    ['0', 0],
    [' 12 ', 12_000],
    ['1.5', 1500],
    ['Wed, 25 Nov 2026 12:00:30 GMT', 30_000],
    ['Wed, 25 Nov 2026 11:59:00 GMT', 0],
    [7, 7000],
  ] as const)('%j => %d ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it.each(['', 'soon', '-5', '3 seconds', 'NaN', 'Wed, 99 Foo 2026 99:99:99 GMT', '1e3'])(
    'garbage %j => undefined',
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    },
  );

  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY, null, undefined, {}])(
    'non-string %j => undefined',
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    },
  );
});

describe('retryAfterMsOf', () => {
  it('reads the SDK hidden $response headers', () => {
    const err = new Error('throttled');
    Object.defineProperty(err, '$response', {
      value: { statusCode: 429, headers: { 'retry-after': '2' } },
      enumerable: false,
    });
    expect(retryAfterMsOf(err, NOW)).toBe(2000);
  });

  it('reads a plain headers object case-insensitively', () => {
    expect(retryAfterMsOf({ headers: { 'Retry-After': '4' } }, NOW)).toBe(4000);
  });

  it('reads a WHATWG Headers object (fetch Response headers)', () => {
    expect(retryAfterMsOf({ headers: new Headers({ 'retry-after': '5' }) }, NOW)).toBe(5000);
  });

  it('reads response.headers with an HTTP date', () => {
    const headers = { 'retry-after': 'Wed, 25 Nov 2026 12:01:00 GMT' };
    expect(retryAfterMsOf({ response: { headers } }, NOW)).toBe(60_000);
  });

  it('reads x-amz-retry-after as milliseconds (what the SDK retry strategy does)', () => {
    expect(retryAfterMsOf({ headers: { 'x-amz-retry-after': '250' } }, NOW)).toBe(250);
  });

  it('reads retryAfterSeconds and retryAfterMs properties', () => {
    expect(retryAfterMsOf({ retryAfterSeconds: 9 }, NOW)).toBe(9000);
    expect(retryAfterMsOf({ retryAfterMs: 1234 }, NOW)).toBe(1234);
  });

  it('ignores garbage and absence', () => {
    expect(retryAfterMsOf({ headers: { 'retry-after': 'later' } }, NOW)).toBeUndefined();
    expect(retryAfterMsOf(new Error('x'), NOW)).toBeUndefined();
    expect(retryAfterMsOf('string', NOW)).toBeUndefined();
  });
});
