import { TRANSPORT_DEFAULTS } from './normalize-options.js';

/** Characters of request that earn one more second of prefill allowance (~2,000 tokens). */
const CHARS_PER_SECOND = 8_000;
/** Nesting deeper than any Converse input; stops the walk on a pathological object. */
const MAX_DEPTH = 32;

/** Characters of text plus bytes of images and documents in `value` (keys not counted). */
export function requestSize(value: unknown, depth = 0): number {
  if (typeof value === 'string') return value.length;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return 0;
  if (value instanceof Uint8Array) return value.byteLength;
  let size = 0;
  if (Array.isArray(value)) {
    for (const item of value) size += requestSize(item, depth + 1);
    return size;
  }
  for (const key in value) {
    size += requestSize((value as Record<string, unknown>)[key], depth + 1);
  }
  return size;
}

/**
 * The default first-byte deadline of a ConverseStream call: 15 s plus 1 s per 8,000
 * characters of request (the model reads the whole input before its first event, and that
 * prefill grows with the input: about 125 s for a 1M-character conversation).
 */
export function streamFirstByteMs(input: unknown): number {
  return (
    TRANSPORT_DEFAULTS.streamFirstByteMs + Math.ceil((requestSize(input) * 1000) / CHARS_PER_SECOND)
  );
}
