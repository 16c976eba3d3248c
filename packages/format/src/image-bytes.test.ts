import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { describe, expect, it } from 'vitest';
import { imageFormatOf, parseDataUrl, sniffImageFormat } from './image-bytes.js';
import { IMAGES } from './test-support/images.js';

function thrown(fn: () => unknown): BedrockBridgeError {
  try {
    fn();
  } catch (e) {
    if (BedrockBridgeError.is(e)) return e;
    throw e;
  }
  throw new Error('expected a BedrockBridgeError');
}

describe('image bytes', () => {
  it('sniffs png, jpeg, gif and webp from their magic numbers', () => {
    for (const [format, bytes] of Object.entries(IMAGES))
      expect(sniffImageFormat(bytes)).toBe(format);
    expect(
      sniffImageFormat(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')),
    ).toBeUndefined();
    expect(sniffImageFormat(new Uint8Array([0x42, 0x4d, 0, 0]))).toBeUndefined(); // BMP
  });

  it('trusts the bytes over the label', () => {
    expect(imageFormatOf(IMAGES.png, 'image/jpeg', 'p')).toBe('png');
    expect(imageFormatOf(IMAGES.jpeg, 'image/jpg', 'p')).toBe('jpeg');
  });

  it('rejects bytes that are no accepted format, naming the label and the field', () => {
    const error = thrown(() =>
      imageFormatOf(new TextEncoder().encode('<svg/>'), 'image/svg+xml', 'messages[0].content[1]'),
    );
    expect(error.kind).toBe('validation');
    expect(error.code).toBe('unsupported_image_format');
    expect(error.param).toBe('messages[0].content[1]');
    expect(error.message).toContain('image/svg+xml');
  });

  it('decodes data URLs to bytes, not to base64 text', () => {
    const url = `data:image/png;base64,${Buffer.from(IMAGES.png).toString('base64')}`;
    const parsed = parseDataUrl(url, 'p');
    expect(parsed?.mediaType).toBe('image/png');
    expect([...(parsed?.bytes ?? [])]).toEqual([...IMAGES.png]);
    expect(parseDataUrl('https://example.com/a.png', 'p')).toBeUndefined();
    expect(
      new TextDecoder().decode(parseDataUrl('data:text/plain,hello%20world', 'p')?.bytes),
    ).toBe('hello world');
  });
});
