import { EventStreamCodec } from '@smithy/eventstream-codec';
import type { MessageHeaders } from '@smithy/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame, readFrame } from './decode-converse-stream.js';
import { CONVERSE_STREAM_EVENT_TYPES, plainEventType } from './plain-event-frame.js';

/**
 * `readFrame` reads plain events in place (`plain-event-frame.ts`) and leaves every other frame
 * to the codec: for any frame, well-formed or damaged, it must give what the codec path
 * (`decodeFrame`) gives, the same event or the same error.
 */
const codec = new EventStreamCodec(
  (bytes) => new TextDecoder().decode(bytes),
  (text) => new TextEncoder().encode(text),
);

function encode(headers: MessageHeaders, body: string | Uint8Array): Buffer {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return Buffer.from(codec.encode({ headers, body: bytes }));
}

const str = (value: string) => ({ type: 'string' as const, value });

function outcome(read: () => unknown): unknown {
  try {
    return { event: read() };
  } catch (err) {
    const e = err as Error;
    return { error: e.constructor, name: e.name, message: e.message, fields: { ...e } };
  }
}

/** What both paths give for `frame` placed at `at` in a larger buffer. */
function both(frame: Buffer, at = 0) {
  const bytes = Buffer.concat([Buffer.alloc(at, 0xab), frame, Buffer.alloc(3, 0xcd)]);
  return {
    fast: outcome(() => readFrame(bytes, at, frame.length)),
    codec: outcome(() => decodeFrame(frame)),
  };
}

const plainHeaders = (type: string): MessageHeaders => ({
  ':event-type': str(type),
  ':content-type': str('application/json'),
  ':message-type': str('event'),
});

const delta = '{"contentBlockIndex":0,"delta":{"text":"Hel\\"lo ✓ 😀"},"p":"abcdef"}';

describe('readFrame: plain events in place, anything else through the codec', () => {
  it('reads every ConverseStream event type in place, with the codec path’s event', () => {
    for (const type of CONVERSE_STREAM_EVENT_TYPES) {
      // every length modulo the CRC's 8-byte step
      for (let pad = 0; pad < 9; pad++) {
        const padded = encode(plainHeaders(type), `{"p":"${'x'.repeat(pad)}"}`);
        expect(plainEventType(padded, 0, padded.length)).toBe(type);
      }
      const frame = encode(plainHeaders(type), delta);
      expect(plainEventType(frame, 0, frame.length)).toBe(type);
      const { fast, codec: reference } = both(frame, 5);
      expect(fast).toEqual(reference);
      expect(fast).toEqual({
        event: { [type]: { contentBlockIndex: 0, delta: { text: 'Hel"lo ✓ 😀' } } },
      });
    }
  });

  it('checks the CRC of a frame beyond 1 KiB too (zlib’s CRC there)', () => {
    const long = `{"contentBlockIndex":0,"delta":{"text":"${'x'.repeat(3000)}"}}`;
    const good = encode(plainHeaders('contentBlockDelta'), long);
    expect(plainEventType(good, 0, good.length)).toBe('contentBlockDelta');
    for (const i of [20, 1500, good.length - 6]) {
      const bad = Buffer.from(good);
      bad[i] = (bad[i] as number) ^ 1;
      expect(plainEventType(bad, 0, bad.length)).toBeUndefined();
      const { fast, codec: reference } = both(bad, 3);
      expect(fast).toEqual(reference);
    }
  });

  it('leaves exceptions, errors, unknown types and extra headers to the codec', () => {
    const frames = [
      encode(
        {
          ':exception-type': str('throttlingException'),
          ':content-type': str('application/json'),
          ':message-type': str('exception'),
        },
        '{"message":"slow down"}',
      ),
      encode(
        {
          ':error-code': str('Boom'),
          ':error-message': str('it broke'),
          ':message-type': str('error'),
        },
        '',
      ),
      encode(plainHeaders('futureEventType'), '{}'),
      encode(
        { ...plainHeaders('metadata'), ':date': { type: 'timestamp', value: new Date(0) } },
        '{}',
      ),
      encode({ ...plainHeaders('metadata'), ':flag': { type: 'boolean', value: true } }, '{}'),
      encode({ ':event-type': str('metadata'), ':content-type': str('application/json') }, '{}'),
    ];
    for (const frame of frames) {
      expect(plainEventType(frame, 0, frame.length)).toBeUndefined();
      const { fast, codec: reference } = both(frame);
      expect(fast).toEqual(reference);
    }
  });

  it('fails a damaged frame with the codec’s error (CRCs, lengths)', () => {
    const good = encode(plainHeaders('contentBlockDelta'), delta);
    for (let i = 0; i < good.length; i++) {
      const bad = Buffer.from(good);
      bad[i] = (bad[i] as number) ^ 0x10;
      expect(plainEventType(bad, 0, bad.length)).toBeUndefined();
      const { fast, codec: reference } = both(bad, i % 7);
      expect(fast).toEqual(reference);
      expect(fast).toHaveProperty('error');
    }
  });

  it('decodes any payload bytes as the codec path’s TextDecoder does (BOM kept, bad bytes replaced)', () => {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(4), (bytes, at) => {
        const frame = encode(
          plainHeaders('metadata'),
          Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]),
        );
        const text = decoder.decode(frame.subarray(frame.length - 4 - bytes.length - 3, -4));
        expect(both(frame, at).fast).toEqual(outcome(() => decodeFrame(frame)));
        expect(
          Buffer.from(frame).toString('utf8', frame.length - 7 - bytes.length, frame.length - 4),
        ).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });

  it('equals the codec path for generated frames, whole or damaged', () => {
    const headerValue = fc.oneof(
      fc.constantFrom(...CONVERSE_STREAM_EVENT_TYPES, 'event', 'exception', 'error', 'Event'),
      fc.string({ maxLength: 20 }),
    );
    const header = fc.oneof(
      fc.tuple(
        fc.constantFrom(':event-type', ':message-type', ':content-type', ':exception-type', 'x'),
        headerValue.map(str),
      ),
      fc.tuple(
        fc.constantFrom(':message-type', ':other'),
        fc.oneof(
          fc.integer({ min: -128, max: 127 }).map((value) => ({ type: 'byte' as const, value })),
          fc.boolean().map((value) => ({ type: 'boolean' as const, value })),
          fc.uint8Array({ maxLength: 8 }).map((value) => ({ type: 'binary' as const, value })),
        ),
      ),
    );
    const plain = fc.constantFrom(...CONVERSE_STREAM_EVENT_TYPES).map(plainHeaders);
    const headers = fc.oneof(
      plain,
      plain.chain((base) =>
        fc.shuffledSubarray(Object.entries(base), { minLength: 0 }).map(Object.fromEntries),
      ),
      fc.array(header, { maxLength: 5 }).map(Object.fromEntries),
    );
    const body = fc.oneof(
      fc.constant(delta),
      // bytes that may not be UTF-8 at all: both paths must decode them alike
      fc.uint8Array({ maxLength: 40 }),
      fc
        .uint8Array({ maxLength: 12 })
        .map((b) => Buffer.concat([Buffer.from('"'), b, Buffer.from('"')])),
      fc.json(),
      fc.string(),
      fc.constantFrom('', 'null', '[1]', '"text"', '{"p":1}', '\uFEFF{}'),
    );
    const damage = fc.option(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), {
      freq: 2,
    });
    fc.assert(
      fc.property(headers, body, damage, fc.nat(9), (h, b, hurt, at) => {
        const frame = encode(h as MessageHeaders, b);
        if (hurt !== null) {
          const i = hurt[0] % frame.length;
          frame[i] = (frame[i] as number) ^ hurt[1];
        }
        const { fast, codec: reference } = both(frame, at);
        expect(fast).toEqual(reference);
      }),
      { numRuns: 1500 },
    );
  });
});
