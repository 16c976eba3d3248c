import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapePositions, jsonStringBytes, LongStrings } from './long-strings.js';

/** The byte rule, one byte at a time: what the word-at-a-time scan must agree with. */
function positionsOneByOne(bytes: Uint8Array, start: number, end: number): number[] {
  const at: number[] = [];
  for (let i = start; i < end; i += 1) {
    const b = bytes[i] as number;
    if (b < 0x20 || b === 0x22 || b === 0x5c) at.push(i);
  }
  return at;
}

/** `value` with every string passed through `longs.take`, as `converseBody` builds its wire value. */
function taken(value: unknown, longs: LongStrings): unknown {
  if (typeof value === 'string') return longs.take(value);
  if (Array.isArray(value)) return value.map((v) => taken(v, longs));
  if (typeof value === 'object' && value !== null) {
    // fromEntries keeps a "__proto__" key an own property, as JSON.parse made it.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, taken(v, longs)]));
  }
  return value;
}

const jsonBytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');

describe('escapePositions', () => {
  it('agrees with a byte-at-a-time check at every alignment and length', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.nat(7),
        fc.nat(7),
        fc.constantFrom(0x20, 0x41, 0x80, 0xff),
        (noise, pad, trim, filler) => {
          // Mostly plain bytes with the generated ones mixed in, at an offset into a larger buffer.
          const backing = new Uint8Array(noise.length + 24).fill(filler);
          backing.set(noise, 8 + pad);
          const bytes = backing.subarray(pad);
          const end = bytes.length - trim;
          expect(escapePositions(bytes, 1, end)).toEqual(positionsOneByOne(bytes, 1, end));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('finds each escaped byte anywhere in a long run of plain ones', () => {
    const bytes = Buffer.alloc(1031, 'a');
    expect(escapePositions(bytes, 0, bytes.length)).toEqual([]);
    for (const bad of [0x00, 0x0a, 0x1f, 0x22, 0x5c]) {
      for (const at of [0, 1, 2, 3, 500, 1027, 1030]) {
        bytes[at] = bad;
        expect(escapePositions(bytes, 0, bytes.length)).toEqual([at]);
        bytes[at] = 0x61;
      }
    }
    // What JSON leaves alone: DEL, bytes of multi-byte characters.
    const fine = Buffer.from(`${'x'.repeat(40)}\u007f é 💡 \u2028`, 'utf8');
    expect(escapePositions(fine, 0, fine.length)).toEqual([]);
  });
});

describe('jsonStringBytes', () => {
  it('is JSON.stringify as UTF-8 for any well-formed string; leaves lone surrogates to it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const bytes = jsonStringBytes(text);
        if (bytes === undefined) {
          // A lone surrogate: its UTF-8 (a replacement character) does not read back as it.
          expect(Buffer.from(text, 'utf8').toString('utf8')).not.toBe(text);
        } else {
          expect(bytes.toString('utf8')).toBe(JSON.stringify(text));
        }
      }),
      { numRuns: 3000 },
    );
    const controls = Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)).join('');
    const all = `${controls}"\\ plain é 💡 \u2028 \u007f`;
    expect(jsonStringBytes(all)?.toString('utf8')).toBe(JSON.stringify(all));
    expect(jsonStringBytes('lone \ud800')).toBeUndefined();
  });

  it('writes long strings dense with escapes, past the reused scratch buffer', () => {
    const line = 'Line "one"\tcafé 💡 \\ back\u0001\u001f end\r\n';
    for (const repeat of [1, 2000, 40_000, 250_000]) {
      const text = line.repeat(repeat);
      expect(jsonStringBytes(text)?.equals(Buffer.from(JSON.stringify(text), 'utf8'))).toBe(true);
    }
  });
});

describe('LongStrings', () => {
  it('writes exactly what JSON.stringify writes, strings set aside or not', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 3 }),
        fc.array(fc.string({ unit: 'binary', minLength: 4, maxLength: 30 }), { maxLength: 4 }),
        fc.integer({ min: 1, max: 12 }),
        (doc, texts, min) => {
          const value = { doc, texts, tail: 'end' };
          const longs = new LongStrings(min);
          const body = longs.encode(taken(value, longs));
          expect(body?.toString('utf8')).toBe(JSON.stringify(value));
          expect(body?.equals(jsonBytes(value))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('sets aside long well-formed strings, escapes or not; leaves lone surrogates and short ones', () => {
    const longs = new LongStrings(4);
    for (const text of ['plain text, é and 💡', 'a "quote"', 'back\\slash', 'new\nline']) {
      expect(longs.take(text)).not.toBe(text);
    }
    expect(longs.take('lone \ud800 half')).toBe('lone \ud800 half');
    expect(longs.take('abc')).toBe('abc');
  });

  it('says so when a token shows up elsewhere, so the caller can write the value plainly', () => {
    const longs = new LongStrings(4);
    const token = longs.take('long enough');
    // A string that happens to hold the token's text (it carries the random nonce).
    expect(longs.encode({ a: token, b: `see ${token}` })).toBeUndefined();
    // Or the very text of a token of another body: never taken for this body's own.
    const again = new LongStrings(4);
    expect(again.encode({ a: again.take('long enough'), b: token })).toBeUndefined();
  });
});
