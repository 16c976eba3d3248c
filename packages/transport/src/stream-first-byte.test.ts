import { describe, expect, it } from 'vitest';
import { TRANSPORT_DEFAULTS } from './normalize-options.js';
import { requestSize, streamFirstByteMs } from './stream-first-byte.js';

const BASE = TRANSPORT_DEFAULTS.streamFirstByteMs;

describe('requestSize', () => {
  it('counts characters of every string and bytes of every binary, not keys', () => {
    const input = {
      modelId: 'abc',
      system: [{ text: 'hello' }],
      messages: [
        {
          role: 'user',
          content: [
            { text: 'xy' },
            { image: { format: 'png', source: { bytes: new Uint8Array(10) } } },
          ],
        },
      ],
      inferenceConfig: { maxTokens: 100, temperature: 0.5 },
    };
    // 'abc' + 'hello' + 'user' + 'xy' + 'png' + 10 bytes
    expect(requestSize(input)).toBe(3 + 5 + 4 + 2 + 3 + 10);
  });

  it('stops on nesting deeper than any Converse input instead of recursing without end', () => {
    let deep: Record<string, unknown> = { text: 'x' };
    for (let i = 0; i < 10_000; i++) deep = { next: deep };
    expect(requestSize(deep)).toBe(0);
    expect(requestSize(null)).toBe(0);
    expect(requestSize(undefined)).toBe(0);
  });
});

describe('streamFirstByteMs', () => {
  it('is the base for an empty request and grows by 1 s per 8,000 characters', () => {
    expect(streamFirstByteMs({})).toBe(BASE);
    expect(streamFirstByteMs({ messages: [{ content: [{ text: 'a'.repeat(8_000) }] }] })).toBe(
      BASE + 1_000,
    );
    expect(streamFirstByteMs({ messages: [{ content: [{ text: 'a'.repeat(800_000) }] }] })).toBe(
      BASE + 100_000,
    );
  });

  it('rounds a partial second up, so any input gets at least the base', () => {
    expect(streamFirstByteMs({ text: 'a' })).toBe(BASE + 1);
  });
});
