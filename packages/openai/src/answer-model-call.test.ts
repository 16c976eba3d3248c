import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { describe, expect, it } from 'vitest';
import { answerModelCall, type ModelCall } from './answer-model-call.js';
import type { StreamOutcome } from './call-observer.js';
import type { BackendCallOptions } from './openai-backend.js';
import { takeSseTextSource } from './sse-text-source.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));
const decoder = new TextDecoder();

/** A streamed call over `count` events that records how far it was read and how it ended. */
function countedCall(count: number, failAt?: number) {
  const seen = { yielded: 0, closed: false, signal: undefined as AbortSignal | undefined };
  const call: ModelCall = {
    stream: true,
    complete: () => Promise.reject(new Error('not a JSON call')),
    async *events(context: BackendCallOptions) {
      seen.signal = context.signal;
      try {
        for (let i = 0; i < count; i++) {
          if (i === failAt) {
            throw new BedrockBridgeError({ kind: 'stream_truncated', message: 'cut upstream' });
          }
          seen.yielded += 1;
          yield { n: i };
        }
      } finally {
        seen.closed = true;
      }
    },
    isToken: () => true,
  };
  return { call, seen };
}

async function answer(call: ModelCall) {
  const outcomes: StreamOutcome[] = [];
  const response = await answerModelCall(call, { paramPolicy: 'reject', secrets: [] }, undefined, {
    observer: { stream: (o) => outcomes.push(o) },
  });
  const reader = response.body?.getReader();
  if (reader === undefined) throw new Error('no body');
  return { response, reader, outcomes };
}

describe('answerModelCall (stream)', () => {
  it('reads an event upstream only when the reader asks for one, one event per read', async () => {
    const { call, seen } = countedCall(10);
    const { reader } = await answer(call);
    // The first event is read before the answer (a failure then still gets an HTTP status).
    await tick();
    expect(seen.yielded).toBe(1);
    for (let read = 1; read <= 3; read++) {
      const chunk = await reader.read();
      expect(decoder.decode(chunk.value)).toBe(`data: {"n":${read - 1}}\n\n`);
      await tick();
      await tick();
      expect(seen.yielded).toBe(read === 1 ? 1 : read);
    }
    await reader.cancel();
  });

  it('ends with [DONE] after the last event and reports the stream done', async () => {
    const { call } = countedCall(2);
    const { reader, outcomes } = await answer(call);
    let text = '';
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      text += decoder.decode(next.value);
    }
    expect(text).toBe('data: {"n":0}\n\ndata: {"n":1}\n\ndata: [DONE]\n\n');
    expect(outcomes).toMatchObject([{ ok: true, chunks: 2 }]);
  });

  it('a failure part-way ends with one error event and no [DONE]', async () => {
    const { call } = countedCall(5, 2);
    const { reader, outcomes } = await answer(call);
    const events: string[] = [];
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      events.push(decoder.decode(next.value));
    }
    expect(events.slice(0, 2)).toEqual(['data: {"n":0}\n\n', 'data: {"n":1}\n\n']);
    expect(events).toHaveLength(3);
    expect(JSON.parse(events[2]?.slice('data: '.length) ?? '')).toMatchObject({
      error: { message: 'cut upstream' },
    });
    expect(events.join('')).not.toContain('[DONE]');
    expect(outcomes).toMatchObject([{ ok: false, chunks: 2, clientGone: false }]);
  });

  it('cancelling the body aborts the upstream call and closes the events at once', async () => {
    const { call, seen } = countedCall(10);
    const { reader, outcomes } = await answer(call);
    await reader.read();
    await reader.cancel(new Error('the reader is done'));
    expect(seen.signal?.aborted).toBe(true);
    expect(seen.closed).toBe(true);
    expect(seen.yielded).toBeLessThan(10);
    expect(outcomes).toMatchObject([{ ok: false, clientGone: true }]);
  });

  /** Everything a stream delivers, read through its body, as text. */
  async function bodyText(call: ModelCall): Promise<string[]> {
    const { reader } = await answer(call);
    const out: string[] = [];
    for (;;) {
      const next = await reader.read();
      if (next.done) return out;
      out.push(decoder.decode(next.value));
    }
  }

  /** `call` answered, with the stream outcomes its observer is told. */
  async function observed(call: ModelCall) {
    const outcomes: StreamOutcome[] = [];
    const response = await answerModelCall(
      call,
      { paramPolicy: 'reject', secrets: [] },
      undefined,
      {
        observer: { stream: (o) => outcomes.push(o) },
      },
    );
    return { response, outcomes };
  }

  /** Everything a stream delivers, read through its text source. */
  async function sourceText(call: ModelCall) {
    const { response, outcomes } = await observed(call);
    const source = takeSseTextSource(response);
    if (source === undefined) throw new Error('no text source');
    const out: string[] = [];
    for (let text = await source.read(); text !== undefined; text = await source.read()) {
      out.push(text);
    }
    return { out, outcomes, response };
  }

  it.each([
    ['a whole stream', 4, undefined],
    ['a stream failing part-way', 5, 3],
    ['a stream failing before its second event', 5, 1],
  ])(
    'the text source reads exactly the bytes of the body, event for event (%s)',
    async (_, count, failAt) => {
      const viaBody = await bodyText(countedCall(count, failAt).call);
      const { out, outcomes } = await sourceText(countedCall(count, failAt).call);
      expect(out).toEqual(viaBody);
      if (failAt === undefined) expect(out.at(-1)).toBe('data: [DONE]\n\n');
      else expect(out.at(-1)).toContain('"error"');
      expect(out).toHaveLength((failAt ?? count) + 1);
      expect(outcomes).toHaveLength(1);
      expect(outcomes[0]?.ok).toBe(failAt === undefined);
    },
  );

  it('taking the text source locks the body (one reader only), and a JSON answer has none', async () => {
    const { response } = await sourceText(countedCall(1).call);
    expect(response.body?.locked).toBe(true);
    expect(takeSseTextSource(response)).toBeUndefined();
    const json = await answerModelCall(
      { ...countedCall(1).call, stream: false, complete: async () => ({ ok: true }) },
      { paramPolicy: 'reject', secrets: [] },
      undefined,
      {},
    );
    expect(takeSseTextSource(json)).toBeUndefined();
  });

  it('cancelling the text source aborts the upstream call and closes the events at once', async () => {
    const { call, seen } = countedCall(10);
    const { response, outcomes } = await observed(call);
    const source = takeSseTextSource(response);
    expect(await source?.read()).toBe('data: {"n":0}\n\n');
    await source?.cancel(new Error('the client left'));
    expect(seen.signal?.aborted).toBe(true);
    expect(seen.closed).toBe(true);
    expect(await source?.read()).toBeUndefined();
    expect(outcomes).toMatchObject([{ ok: false, clientGone: true }]);
  });
});
