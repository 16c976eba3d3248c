import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64.js';
import { thrown } from './test-support/thrown.js';

describe('base64', () => {
  it('accepts standard, URL-safe, padded, unpadded and wrapped base64', () => {
    expect([...decodeBase64('-_8=', 'p')]).toEqual([0xfb, 0xff]);
    expect([...decodeBase64('+/8', 'p')]).toEqual([0xfb, 0xff]);
    expect([...decodeBase64('AAEC\nAwQF', 'p')]).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...decodeBase64('AAEC AwQF\r\n', 'p')]).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...decodeBase64('', 'p')]).toEqual([]);
  });

  it.each([
    'not base64!',
    'AB!D',
    'QUJ*REVG',
    'AB=DEFGH',
    '====',
    'A===',
    'QUJDREVG====',
    'AAAA!',
    'A',
    'QUJD\nRE*G',
  ])('rejects %j with a validation error naming the field', (text) => {
    const error = thrown(() => decodeBase64(text, 'messages[1].content[0]'));
    expect(error.kind).toBe('validation');
    expect(error.code).toBe('invalid_base64');
    expect(error.param).toBe('messages[1].content[0]');
  });

  it('round-trips any bytes, and rejects any text with one character outside the alphabet', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.nat(),
        fc.constantFrom('!', '*', '.', '#', '$', '%', '~', 'é'),
        (bytes, at, bad) => {
          const text = encodeBase64(bytes);
          expect([...decodeBase64(text, 'p')]).toEqual([...bytes]);
          const i = at % (text.length + 1);
          const broken = text.slice(0, i) + bad + text.slice(i);
          expect(thrown(() => decodeBase64(broken, 'p')).code).toBe('invalid_base64');
        },
      ),
      { numRuns: 500 },
    );
  });
});
