import { readHeader, readProperty } from './read-error-fields.js';

/**
 * Parses a `Retry-After` header value (RFC 9110: delay-seconds or an HTTP date) into
 * milliseconds from `now`. A date in the past gives 0. Anything else gives `undefined`.
 */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Only accept something that looks like an HTTP date (has a weekday or month name and a
  // year), so that garbage such as "soon" or "-5" is not handed to Date.parse's guesswork.
  if (!/[a-z]{3}/i.test(text) || !/\d{4}/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Parses `x-amz-retry-after`, which the AWS SDK's retry strategy reads as milliseconds. */
function parseAmzRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+(?:\.\d+)?$/.test(value.trim())) return undefined;
  return Math.round(Number(value.trim()));
}

/**
 * The wait, in milliseconds, that one thrown value says the server asked for: from
 * `$response.headers` (AWS SDK v3, hidden field), `headers`, `response.headers`, the
 * `retry-after` (seconds or date) or `x-amz-retry-after` (milliseconds) header, or a
 * `retryAfterSeconds` / `retryAfterMs` property.
 */
export function retryAfterMsOf(value: unknown, now: number = Date.now()): number | undefined {
  const ms = readProperty(value, 'retryAfterMs');
  if (typeof ms === 'number' && Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const seconds = parseRetryAfter(readProperty(value, 'retryAfterSeconds'), now);
  if (seconds !== undefined) return seconds;
  const sources = [
    readProperty(readProperty(value, '$response'), 'headers'),
    readProperty(value, 'headers'),
    readProperty(readProperty(value, 'response'), 'headers'),
  ];
  for (const headers of sources) {
    const fromRetryAfter = parseRetryAfter(readHeader(headers, 'retry-after'), now);
    if (fromRetryAfter !== undefined) return fromRetryAfter;
    const fromAmz = parseAmzRetryAfter(readHeader(headers, 'x-amz-retry-after'));
    if (fromAmz !== undefined) return fromAmz;
  }
  return undefined;
}
