import { type Emulator, startEmulator } from '@bedrock-bridge/emulator';
import { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';
import type { HttpRequest, HttpResponse } from '@smithy/types';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Transport } from './create-transport.js';
import { collect, testTransport, userInput } from './test-support/harness.js';

/**
 * What a call lets go of once its response headers are in (the SDK's handler keeps its request
 * and response objects until the socket closes, so an open stream would hold them): the request
 * body and, for a stream the transport decodes, the SDK's empty stand-in body. Real SDK, real
 * sockets, the emulator; the answers, retries and errors stay what they were.
 */
let emulator: Emulator;
let transport: Transport;
let transport2: Transport;

beforeAll(async () => {
  emulator = await startEmulator({ deltas: 6 });
  transport = testTransport(emulator, 'http1');
  transport2 = testTransport(emulator, 'http2');
});

afterAll(async () => {
  await transport.close();
  await transport2.close();
  await emulator.close();
});

afterEach(() => {
  vi.restoreAllMocks();
  emulator.clearFaults();
});

/** Records what the SDK's HTTP handler (HTTP/1.1 by default) was given, and what it answered. */
function spyHandler(Handler: typeof NodeHttpHandler | typeof NodeHttp2Handler = NodeHttpHandler) {
  const sent: { request: HttpRequest; bodyAtSend: unknown; response?: HttpResponse }[] = [];
  // Both handlers' `handle` take and answer the same shapes.
  const prototype = Handler.prototype as NodeHttpHandler;
  const handle = prototype.handle;
  vi.spyOn(prototype, 'handle').mockImplementation(async function (
    this: NodeHttpHandler,
    request: Parameters<NodeHttpHandler['handle']>[0],
    options?: Parameters<NodeHttpHandler['handle']>[1],
  ) {
    const entry: (typeof sent)[number] = { request, bodyAtSend: request.body };
    sent.push(entry);
    const out = await handle.call(this, request, options);
    entry.response = out.response;
    return out;
  });
  return sent;
}

describe('a call lets go of its request body once the response headers are in', () => {
  it('a stream: the body was sent whole, then released while the events still arrive', async () => {
    const sent = spyHandler();
    const prompt = 'one two three four five six seven';
    const events = transport.converseStream(userInput(prompt))[Symbol.asyncIterator]();
    const first = await events.next();
    expect(first.done).toBe(false);
    expect(sent).toHaveLength(1);
    const [call] = sent;
    expect(call?.bodyAtSend).toBeDefined();
    expect(JSON.parse(String(call?.bodyAtSend))).toEqual({ messages: userInput(prompt).messages });
    // Released mid-stream: the request body, and the SDK's empty stand-in for the event stream.
    expect(call?.request.body).toBeUndefined();
    expect(call?.response?.body).toBeUndefined();
    let text = '';
    for (let next = await events.next(); next.done !== true; next = await events.next()) {
      text += next.value.contentBlockDelta?.delta?.text ?? '';
    }
    expect(text).toBe(`Echo: ${prompt}`);
    expect(emulator.requests.at(-1)?.body).toEqual({ messages: userInput(prompt).messages });
  });

  it('a Converse call: the same answer, its request body released', async () => {
    const sent = spyHandler();
    const out = await transport.converse(userInput('hello there'));
    expect(out.output?.message?.content?.[0]?.text).toBe('Echo: hello there');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.bodyAtSend).toBeDefined();
    expect(sent[0]?.request.body).toBeUndefined();
  });

  it('over HTTP/2 too: a stream and a Converse call let go of their request bodies', async () => {
    const sent = spyHandler(NodeHttp2Handler);
    const { text } = await collect(transport2.converseStream(userInput('over h2')));
    expect(text).toBe('Echo: over h2');
    const out = await transport2.converse(userInput('h2 unary'));
    expect(out.output?.message?.content?.[0]?.text).toBe('Echo: h2 unary');
    expect(sent).toHaveLength(2);
    expect(sent.map((s) => JSON.parse(String(s.bodyAtSend)))).toEqual([
      { messages: userInput('over h2').messages },
      { messages: userInput('h2 unary').messages },
    ]);
    expect(sent.map((s) => s.request.body)).toEqual([undefined, undefined]);
  });

  it('a retried stream sends its whole body again on the next attempt', async () => {
    const sent = spyHandler();
    emulator.inject({ type: 'throttling', operation: 'converse-stream' });
    const before = emulator.requests.length;
    const { text } = await collect(transport.converseStream(userInput('again please')));
    expect(text).toBe('Echo: again please');
    const attempts = emulator.requests.slice(before);
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    for (const attempt of attempts) {
      expect(attempt.body).toEqual({ messages: userInput('again please').messages });
    }
    expect(sent.map((s) => s.bodyAtSend !== undefined)).toEqual([true, true]);
    expect(sent.map((s) => s.request.body)).toEqual([undefined, undefined]);
  });

  it('an error answer is still read and classified by the SDK after the release', async () => {
    emulator.inject({ type: 'throttling', operation: 'converse' });
    const single = testTransport(emulator, 'http1', { retry: { maxAttempts: 1 } });
    try {
      const failure = await single.converse(userInput('hello')).catch((err: unknown) => err);
      expect(failure).toMatchObject({ kind: 'rate_limit', status: 429 });
    } finally {
      await single.close();
    }
  });
});
