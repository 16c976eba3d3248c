import { describe, expect, it } from 'vitest';
import { converseFirstByteMs, requestSize, streamFirstByteMs } from './first-byte-deadline.js';
import { TRANSPORT_DEFAULTS } from './normalize-options.js';

const STREAM_BASE = TRANSPORT_DEFAULTS.streamFirstByteMs;
const CONVERSE_BASE = TRANSPORT_DEFAULTS.firstByteMs;
const text = (n: number) => ({ messages: [{ role: 'user', content: [{ text: 'a'.repeat(n) }] }] });

describe('requestSize', () => {
  it('counts characters of every string, a fixed 8,000 per image, and document bytes / 8', () => {
    const input = {
      modelId: 'abc',
      system: [{ text: 'hello' }],
      messages: [
        {
          role: 'user',
          content: [
            { text: 'xy' },
            { image: { format: 'png', source: { bytes: new Uint8Array(3_750_000) } } },
            { document: { format: 'pdf', name: 'a', source: { bytes: new Uint8Array(80) } } },
          ],
        },
      ],
      inferenceConfig: { maxTokens: 100, temperature: 0.5 },
    };
    // 'abc' + 'hello' + 'user' + 'xy' + an image + 'pdf' + 'a' + 80 bytes / 8
    expect(requestSize(input)).toBe(3 + 5 + 4 + 2 + 8_000 + 3 + 1 + 10);
  });

  it('gives an image the same weight whatever its size, so a photo cannot stretch the deadline', () => {
    const image = (bytes: number) => ({
      messages: [
        { content: [{ image: { format: 'png', source: { bytes: new Uint8Array(bytes) } } }] },
      ],
    });
    expect(requestSize(image(10))).toBe(requestSize(image(4_000_000)));
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
    expect(streamFirstByteMs({})).toBe(STREAM_BASE);
    expect(streamFirstByteMs(text(8_000))).toBe(STREAM_BASE + 1_000 + 1);
    expect(streamFirstByteMs(text(800_000))).toBe(STREAM_BASE + 100_000 + 1);
  });

  it('rounds a partial second up, so any input gets at least the base', () => {
    expect(streamFirstByteMs({ text: 'a' })).toBe(STREAM_BASE + 1);
  });

  it('stays under the default total deadline for a message with several large images', () => {
    const images = Array.from({ length: 20 }, () => ({
      image: { format: 'jpeg', source: { bytes: new Uint8Array(3_750_000) } },
    }));
    const ms = streamFirstByteMs({ messages: [{ role: 'user', content: images }] });
    expect(ms).toBe(STREAM_BASE + 20_000 + 1);
    expect(ms).toBeLessThan(TRANSPORT_DEFAULTS.totalMs);
  });
});

describe('converseFirstByteMs', () => {
  it('is 120 s plus the prefill allowance when maxTokens is unset or small', () => {
    expect(converseFirstByteMs({})).toBe(CONVERSE_BASE);
    expect(converseFirstByteMs({ ...text(16_000), inferenceConfig: { maxTokens: 512 } })).toBe(
      CONVERSE_BASE + 2_000 + 1,
    );
  });

  it('allows maxTokens at 20 tokens a second when that is longer than 120 s', () => {
    expect(converseFirstByteMs({ inferenceConfig: { maxTokens: 2_400 } })).toBe(CONVERSE_BASE);
    expect(converseFirstByteMs({ inferenceConfig: { maxTokens: 8_192 } })).toBe(409_600);
    expect(converseFirstByteMs({ ...text(80_000), inferenceConfig: { maxTokens: 8_192 } })).toBe(
      409_600 + 10_000 + 1,
    );
  });

  it('ignores a maxTokens that is not a positive number (format and Bedrock reject those)', () => {
    for (const maxTokens of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(converseFirstByteMs({ inferenceConfig: { maxTokens } })).toBe(CONVERSE_BASE);
    }
  });
});
