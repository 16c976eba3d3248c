import { EventStreamCodec, type MessageHeaders } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeEvent } from './event-frames.js';
import type { StreamEvent } from './types.js';

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const str = (value: string) => ({ type: 'string' as const, value });

/** The frame the codec itself writes for `event`: what `encodeEvent` must equal byte for byte. */
function codecFrame(event: StreamEvent): Buffer {
  const [type, payload] = Object.entries(event)[0] as [string, unknown];
  const headers: MessageHeaders = type.endsWith('Exception')
    ? { ':message-type': str('exception'), ':exception-type': str(type) }
    : { ':message-type': str('event'), ':event-type': str(type) };
  headers[':content-type'] = str('application/json');
  return Buffer.from(codec.encode({ headers, body: fromUtf8(JSON.stringify(payload ?? {})) }));
}

const EVENTS: StreamEvent[] = [
  { messageStart: { role: 'assistant', p: 'abc' } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hello, "world" é 💡\n' }, p: 'a' } },
  {
    contentBlockStart: { contentBlockIndex: 1, start: { toolUse: { toolUseId: 't', name: 'f' } } },
  },
  { contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input: '{"a":1}' } } } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: 'hm' } } } },
  { contentBlockStop: { contentBlockIndex: 0 } },
  { messageStop: { stopReason: 'end_turn' } },
  {
    metadata: {
      usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
      metrics: { latencyMs: 9 },
    },
  },
  { throttlingException: { message: 'Too many requests, please wait before trying again.' } },
  { modelStreamErrorException: { message: 'x', originalStatusCode: 500 } },
  { metadata: undefined },
];

describe('encodeEvent', () => {
  it('writes the very frame the codec writes, for every event and exception type', () => {
    for (const event of EVENTS) expect(Buffer.from(encodeEvent(event))).toEqual(codecFrame(event));
  });

  it('writes the very frame the codec writes for generated payloads', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom('contentBlockDelta', 'metadata', 'internalServerException'),
          fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
        ),
        // Multi-byte, astral and lone-surrogate texts; frames small (pooled) and past 64 KB.
        fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2, stringUnit: 'binary' })),
        fc.constantFrom(0, 100, 5_000, 70_000),
        (type, payload, pad) => {
          const event = { [type]: { ...payload, pad: 'é'.repeat(pad) } };
          expect(Buffer.from(encodeEvent(event)).equals(codecFrame(event))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is decoded by the codec to the same headers and payload', () => {
    const event = { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'hi' } } };
    const message = codec.decode(encodeEvent(event));
    expect(message.headers[':event-type']?.value).toBe('contentBlockDelta');
    expect(JSON.parse(toUtf8(message.body))).toEqual(event.contentBlockDelta);
  });

  it('refuses an event without a type', () => {
    expect(() => encodeEvent({})).toThrow(/exactly one key/);
  });
});
