import { TRANSPORT_DEFAULTS } from './normalize-options.js';

/** Characters of request that earn one more second of prefill allowance (~2,000 tokens). */
const CHARS_PER_SECOND = 8_000;
/**
 * What one image counts as, whatever its size: Bedrock reads an image as at most about 1,600
 * tokens (~6,400 characters); counted as 8,000 characters, one second.
 */
const IMAGE_CHARS = 8_000;
/** Bytes of a document or video that count as one character (most of a PDF is not its text). */
const BYTES_PER_CHAR = 8;
/** The slowest output rate assumed for a Converse answer's allowance, in tokens per second. */
const MIN_OUTPUT_TOKENS_PER_SECOND = 20;
/** Nesting deeper than any Converse input; stops the walk on a pathological object. */
const MAX_DEPTH = 32;

/**
 * How much the model has to read, in characters: every string's length, a fixed
 * `IMAGE_CHARS` per image block, and the bytes of documents and videos divided by 8.
 * Keys are not counted.
 */
export function requestSize(value: unknown, depth = 0): number {
  if (typeof value === 'string') return value.length;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return 0;
  if (value instanceof Uint8Array) return Math.ceil(value.byteLength / BYTES_PER_CHAR);
  let size = 0;
  if (Array.isArray(value)) {
    for (const item of value) size += requestSize(item, depth + 1);
    return size;
  }
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    size +=
      key === 'image' && item !== null && typeof item === 'object'
        ? IMAGE_CHARS
        : requestSize(item, depth + 1);
  }
  return size;
}

/** The prefill allowance: 1 s per 8,000 characters of `requestSize`, rounded up to the ms. */
function prefillMs(input: unknown): number {
  return Math.ceil((requestSize(input) * 1000) / CHARS_PER_SECOND);
}

/**
 * The default first-byte deadline of a ConverseStream call (until its first event): 15 s plus
 * the prefill allowance (the model reads the whole input before its first event, and that
 * prefill grows with the input: about 125 s for a 1M-character conversation).
 */
export function streamFirstByteMs(input: unknown): number {
  return TRANSPORT_DEFAULTS.streamFirstByteMs + prefillMs(input);
}

/**
 * The default first-byte deadline of a Converse call (until its response headers, which come
 * only once the whole answer is written): the prefill allowance plus 120 s, or plus the time
 * `inferenceConfig.maxTokens` takes at 20 tokens a second when that is longer (8,192 tokens:
 * 410 s). The total deadline (`totalMs`) still bounds the call.
 */
export function converseFirstByteMs(input: unknown): number {
  const maxTokens = (input as { inferenceConfig?: { maxTokens?: unknown } } | undefined)
    ?.inferenceConfig?.maxTokens;
  const writing =
    typeof maxTokens === 'number' && Number.isFinite(maxTokens) && maxTokens > 0
      ? Math.ceil((maxTokens * 1000) / MIN_OUTPUT_TOKENS_PER_SECOND)
      : 0;
  return prefillMs(input) + Math.max(TRANSPORT_DEFAULTS.firstByteMs, writing);
}
