import { PassThrough } from 'node:stream';
import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { describe, expect, it } from 'vitest';
import { decodeConverseStream } from './decode-converse-stream.js';
import { readConverseStream } from './read-converse-stream.js';

/*
 * readConverseStream reads a Node Readable directly; decodeConverseStream (held to the SDK's own
 * decoding over real sockets in decode-converse-stream.test.ts) is the reference: same events,
 * same order, same failures, whatever the chunking.
 */

const codec = new EventStreamCodec(
  (bytes) => Buffer.from(bytes).toString('utf8'),
  (text) => new Uint8Array(Buffer.from(text, 'utf8')),
);

const frame = (type: string, payload: object, messageType = 'event'): Uint8Array =>
  codec.encode({
    headers: {
      ':message-type': { type: 'string', value: messageType },
      [messageType === 'exception' ? ':exception-type' : ':event-type']: {
        type: 'string',
        value: type,
      },
      ':content-type': { type: 'string', value: 'application/json' },
    },
    body: Buffer.from(JSON.stringify(payload), 'utf8'),
  });

const ANSWER = Buffer.concat([
  frame('messageStart', { role: 'assistant', p: 'abc' }),
  frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Héllo ✓ 😀' } }),
  frame('futureEventType', { anything: 1 }),
  frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: ' world' } }),
  frame('contentBlockStop', { contentBlockIndex: 0 }),
  frame('messageStop', { stopReason: 'end_turn' }),
  frame('metadata', { usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } }),
]);

/** `bytes` split into chunks of `size`, written to a fresh stream (then ended unless `end` is false). */
function bodyOf(bytes: Uint8Array, size: number, end = true): PassThrough {
  const body = new PassThrough();
  for (let i = 0; i < bytes.length; i += size) body.write(bytes.subarray(i, i + size));
  if (end) body.end();
  return body;
}

type Outcome = { events: ConverseStreamOutput[]; error?: string };

async function viaReader(body: PassThrough): Promise<Outcome> {
  const it = readConverseStream(body);
  const events: ConverseStreamOutput[] = [];
  try {
    for (let next = await it.next(); next.done !== true; next = await it.next()) {
      events.push(next.value);
    }
    return { events };
  } catch (err) {
    return { events, error: String((err as Error).message) };
  }
}

async function viaDecoder(body: PassThrough): Promise<Outcome> {
  const events: ConverseStreamOutput[] = [];
  try {
    for await (const event of decodeConverseStream(body)) events.push(event);
    return { events };
  } catch (err) {
    return { events, error: String((err as Error).message) };
  }
}

describe('readConverseStream', () => {
  it.each([1, 7, 64, 100_000])(
    'yields what decodeConverseStream yields, in chunks of %i bytes',
    async (size) => {
      const ours = await viaReader(bodyOf(ANSWER, size));
      expect(ours).toEqual(await viaDecoder(bodyOf(ANSWER, size)));
      expect(ours.events).toHaveLength(6);
      expect(ours.events[1]).toEqual({
        contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Héllo ✓ 😀' } },
      });
    },
  );

  it('throws "Truncated event message received." for a body that ends inside a frame, after the whole frames', async () => {
    const cut = ANSWER.subarray(0, ANSWER.length - 5);
    const ours = await viaReader(bodyOf(cut, 13));
    expect(ours).toEqual(await viaDecoder(bodyOf(cut, 13)));
    expect(ours.error).toBe('Truncated event message received.');
    expect(ours.events).toHaveLength(5);
  });

  it("fails a frame whose length was damaged as soon as its prelude arrives, with the codec's checksum error (not at a deadline)", async () => {
    const second = frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'x' } });
    const damaged = Buffer.from(second);
    damaged[1] = (damaged[1] ?? 0) ^ 0x40; // the length now claims ~4 MB more than will ever come
    let codecError = '';
    try {
      codec.decode(damaged);
    } catch (err) {
      codecError = (err as Error).message;
    }
    const bytes = Buffer.concat([frame('messageStart', { role: 'assistant' }), damaged]);
    // The body stays open: without the prelude check the read would wait for the claimed bytes.
    const ours = await viaReader(bodyOf(bytes, 5, false));
    expect(ours.events).toEqual([{ messageStart: { role: 'assistant' } }]);
    expect(ours.error).toMatch(
      /^The prelude checksum specified in the message \(\d+\) does not match/,
    );
    // The same words as the codec for the same damage, when the whole frame is there.
    expect(codecError).toMatch(/prelude checksum|message length/);
    const whole = Buffer.from(damaged);
    whole.writeUInt32BE(damaged.length, 0);
    whole[9] = (whole[9] ?? 0) ^ 0x01; // right length, prelude CRC wrong: the codec's message
    const viaCodec = (() => {
      try {
        codec.decode(whole);
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    const reader = await viaReader(bodyOf(whole, 3, false));
    expect(reader.error).toBe(viaCodec);
  });

  it('yields the events before an in-stream exception, then throws it', async () => {
    const withException = Buffer.concat([
      frame('messageStart', { role: 'assistant' }),
      frame('throttlingException', { message: 'slow down' }, 'exception'),
      frame('messageStop', { stopReason: 'end_turn' }),
    ]);
    const ours = await viaReader(bodyOf(withException, 100_000));
    expect(ours).toEqual(await viaDecoder(bodyOf(withException, 100_000)));
    expect(ours.events).toEqual([{ messageStart: { role: 'assistant' } }]);
    expect(ours.error).toBe('slow down');
  });

  it('throws the error of the body (a reset socket) after the events read before it', async () => {
    const body = bodyOf(ANSWER.subarray(0, 150), 150, false);
    const it = readConverseStream(body);
    const first = await it.next();
    expect(first).toEqual({ done: false, value: { messageStart: { role: 'assistant' } } });
    const pending = it.next();
    body.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    await expect(pending).rejects.toThrow('aborted');
    expect(await it.next()).toEqual({ done: true, value: undefined });
  });

  it('reads nothing ahead: the body stays buffered until the next event is asked for', async () => {
    const body = bodyOf(ANSWER, 100_000, false);
    const it = readConverseStream(body);
    await it.next();
    // One read took the whole buffered chunk; the next event comes from what was decoded.
    const buffered = body.readableLength;
    await new Promise((resolve) => setImmediate(resolve));
    expect(body.readableLength).toBe(buffered);
    await it.return?.();
  });

  it('holds back: the body is paused once 32 decoded events wait, and flows again when a read finds none', async () => {
    const frames = Array.from({ length: 40 }, (_, i) =>
      frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: `t${i}` } }),
    );
    const text = (r: IteratorResult<ConverseStreamOutput>) =>
      r.done === true ? undefined : r.value.contentBlockDelta?.delta?.text;
    const body = new PassThrough();
    const it = readConverseStream(body);
    // A few events waiting: the body still flows.
    body.write(Buffer.concat(frames.slice(0, 3)));
    expect(text(await it.next())).toBe('t0');
    expect(body.isPaused()).toBe(false);
    // 33 events waiting after this chunk: nothing more is taken from the body.
    body.write(Buffer.concat(frames.slice(3, 35)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(body.isPaused()).toBe(true);
    body.write(Buffer.concat(frames.slice(35, 40)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(body.readableLength).toBe(Buffer.concat(frames.slice(35, 40)).length);
    for (let i = 1; i < 35; i++) expect(text(await it.next())).toBe(`t${i}`);
    // Nothing decoded is left: the next read lets the body flow (the buffered chunk, then more).
    expect(text(await it.next())).toBe('t35');
    for (let i = 36; i < 40; i++) expect(text(await it.next())).toBe(`t${i}`);
    const waiting = it.next();
    body.end(frame('messageStop', { stopReason: 'end_turn' }));
    expect((await waiting).value).toEqual({ messageStop: { stopReason: 'end_turn' } });
    expect(await it.next()).toEqual({ done: true, value: undefined });
  });

  it('return() stops reading, destroys a body not ended, and ends a waiting read', async () => {
    const body = new PassThrough();
    const it = readConverseStream(body);
    const waiting = it.next();
    await it.return?.();
    expect(body.destroyed).toBe(true);
    expect(await waiting).toEqual({ done: true, value: undefined });
  });

  it('interrupt(error) fails the pending read at once, even with events still to decode', async () => {
    const body = bodyOf(ANSWER.subarray(0, 150), 150, false);
    const it = readConverseStream(body);
    await it.next();
    const pending = it.next();
    const stop = new Error('deadline');
    it.interrupt(stop);
    await expect(pending).rejects.toBe(stop);
    expect(await it.next()).toEqual({ done: true, value: undefined });
    const queued = readConverseStream(bodyOf(ANSWER, 100_000));
    await queued.next();
    queued.interrupt(stop);
    await expect(queued.next()).rejects.toBe(stop);
  });
});
