import type {
  BackendCallOptions,
  OpenAIBackend,
  ResponsesBackend,
  ValidatedChatRequest,
} from '@bedrock-bridge/openai';
import { trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { beforeEach, describe, expect, it } from 'vitest';
import { drain, type ScriptStep, scriptedStream } from '../test-support/scripted-stream.js';
import { CallUsageSinks } from './observed-transport.js';
import { tracedBackend } from './traced-backend.js';

/**
 * The traced backend's streams, held to what their async generators did: the same chunks in the
 * same order, one `chat {model}` span started at the first `next()` and ended once (at the end,
 * on a failure, or after the inner stream was closed by an early return), the response id and
 * finish reasons recorded, a failure's kind as the span's status, the inner error thrown as it is.
 */
const exporter = new InMemorySpanExporter();
trace.setGlobalTracerProvider(
  new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
);

beforeEach(() => exporter.reset());

const chunk = (finish: string | null) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  choices: [{ index: 0, delta: {}, finish_reason: finish }],
});
const request = { model: 'm1', messages: [], max_tokens: 16 } as ValidatedChatRequest;

function setup(script: ReadonlyArray<ScriptStep<object>>, options: { returnError?: unknown } = {}) {
  const log: string[] = [];
  const usage = new CallUsageSinks();
  const signal = new AbortController().signal;
  const stream = (_request: unknown, call: BackendCallOptions) => {
    log.push('stream');
    call.onEvent({
      type: 'attempt',
      attempt: 1,
      operation: 'converse-stream',
      target: 'm1',
      region: 'us-east-1',
      protocol: 'http1',
      firstByteMs: 1,
    } as unknown as Parameters<BackendCallOptions['onEvent']>[0]);
    usage.report(signal, { inputTokens: 7, outputTokens: 4 });
    return scriptedStream(script, log, options);
  };
  const responses = { stream } as unknown as ResponsesBackend;
  const backend = tracedBackend(
    { stream, responses, listModels: async () => [] } as unknown as OpenAIBackend,
    usage,
  );
  const call: BackendCallOptions = { signal, onEvent: (e) => log.push(`event ${e.type}`) };
  return {
    log,
    usage,
    complete: (answer: () => Promise<object>) =>
      tracedBackend(
        {
          complete: async (_r: unknown, c: BackendCallOptions) => {
            expect(usage.registered).toBe(1);
            usage.report(c.signal, { inputTokens: 5, outputTokens: 1 });
            return answer();
          },
        } as unknown as OpenAIBackend,
        usage,
      ).complete(request, call),
    chat: () => backend.stream(request, call),
    responses: () => backend.responses?.stream({ model: 'm1', input: 'hi' }, call),
  };
}

const chatSpans = () => exporter.getFinishedSpans().filter((s) => s.name === 'chat m1');

describe('tracedBackend stream', () => {
  it('relays every chunk in order; one span with the id, finish reasons and usage', async () => {
    const chunks = [chunk(null), chunk(null), chunk('stop')];
    const { log, chat } = setup(chunks.map((value) => ({ value })));
    const iterator = chat()[Symbol.asyncIterator]();
    expect(log).toEqual([]);
    const { values, error } = await drain(iterator);
    expect(error).toBeUndefined();
    expect(values).toEqual(chunks);
    expect(values[2]).toBe(chunks[2]);
    expect(log).toEqual(['stream', 'event attempt', 'iterator', 'next', 'next', 'next', 'next']);
    const [span, ...rest] = chatSpans();
    expect(rest).toEqual([]);
    expect(span?.attributes).toMatchObject({
      'gen_ai.response.id': 'chatcmpl-1',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 7,
      'gen_ai.usage.output_tokens': 4,
      'bedrock_bridge.stream': true,
      'gen_ai.request.max_tokens': 16,
    });
    expect(span?.status.code).not.toBe(2);
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual([
      'converse-stream m1',
      'chat m1',
    ]);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(chatSpans()).toHaveLength(1);
  });

  it('a stream of zero chunks ends its span with no id and no reasons', async () => {
    const { chat } = setup([]);
    const { values, error } = await drain(chat()[Symbol.asyncIterator]());
    expect(error).toBeUndefined();
    expect(values).toEqual([]);
    const [span] = chatSpans();
    expect(span?.attributes['gen_ai.response.id']).toBeUndefined();
    expect(span?.attributes['gen_ai.response.finish_reasons']).toBeUndefined();
  });

  it('throws the inner error as it is, with its kind on the span', async () => {
    const boom = Object.assign(new Error('cut'), { kind: 'truncated' });
    const { log, chat } = setup([{ value: chunk(null) }, { error: boom }]);
    const { values, error } = await drain(chat()[Symbol.asyncIterator]());
    expect(values).toEqual([chunk(null)]);
    expect(error).toBe(boom);
    expect(log).not.toContain('return');
    const [span, ...rest] = chatSpans();
    expect(rest).toEqual([]);
    expect(span?.attributes['error.type']).toBe('truncated');
    expect(span?.status).toEqual({ code: 2, message: 'truncated' });
    expect(span?.attributes['gen_ai.response.finish_reasons']).toBeUndefined();
  });

  it('an early return() closes the inner stream, then ends the span without an error', async () => {
    const { log, chat } = setup([{ value: chunk(null) }, { value: chunk('stop') }]);
    const iterator = chat()[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: chunk(null) });
    expect(chatSpans()).toHaveLength(0);
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
    expect(log.slice(-2)).toEqual(['next', 'return']);
    const [span, ...rest] = chatSpans();
    expect(rest).toEqual([]);
    expect(span?.status.code).not.toBe(2);
    expect(span?.attributes['gen_ai.response.id']).toBe('chatcmpl-1');
    expect(span?.attributes['gen_ai.response.finish_reasons']).toBeUndefined();
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(chatSpans()).toHaveLength(1);
  });

  it('a failing inner return() rejects with its error, recorded on the span', async () => {
    const refused = Object.assign(new Error('return refused'), { kind: 'internal' });
    const { chat } = setup([{ value: chunk(null) }], { returnError: refused });
    const iterator = chat()[Symbol.asyncIterator]();
    await iterator.next();
    await expect(iterator.return?.()).rejects.toBe(refused);
    const [span] = chatSpans();
    expect(span?.status).toEqual({ code: 2, message: 'internal' });
  });

  it('return() before the first next() starts no span and no upstream call', async () => {
    const { log, chat } = setup([{ value: chunk(null) }]);
    const iterator = chat()[Symbol.asyncIterator]();
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(log).toEqual([]);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('throw() at a chunk closes the inner stream, records the failure, throws it', async () => {
    const { log, chat } = setup([{ value: chunk(null) }, { value: chunk('stop') }]);
    const iterator = chat()[Symbol.asyncIterator]();
    await iterator.next();
    const reason = Object.assign(new Error('reader failed'), { kind: 'cancelled' });
    await expect(iterator.throw?.(reason)).rejects.toBe(reason);
    expect(log.at(-1)).toBe('return');
    expect(chatSpans()[0]?.status).toEqual({ code: 2, message: 'cancelled' });
  });

  it('return() during a read waits for it', async () => {
    const { log, chat } = setup([{ value: chunk(null) }, { value: chunk('stop') }]);
    const iterator = chat()[Symbol.asyncIterator]();
    const first = iterator.next();
    const closing = iterator.return?.();
    expect(await first).toEqual({ done: false, value: chunk(null) });
    expect(await closing).toEqual({ done: true, value: undefined });
    expect(log.slice(-2)).toEqual(['next', 'return']);
    expect(chatSpans()).toHaveLength(1);
  });
});

describe('tracedBackend responses stream', () => {
  const created = { type: 'response.created', response: { id: 'resp_1' } };
  const done = { type: 'response.completed', response: { id: 'resp_1' } };

  it('relays every event in order and records the response id', async () => {
    const { chat: _chat, responses } = setup([{ value: created }, { value: done }]);
    const { values, error } = await drain(
      (responses() as AsyncIterable<object>)[Symbol.asyncIterator](),
    );
    expect(error).toBeUndefined();
    expect(values).toEqual([created, done]);
    expect(chatSpans()[0]?.attributes['gen_ai.response.id']).toBe('resp_1');
  });

  it('throws the inner error as it is, with its kind on the span', async () => {
    const boom = Object.assign(new Error('cut'), { kind: 'throttled' });
    const { responses } = setup([{ value: created }, { error: boom }]);
    const { values, error } = await drain(
      (responses() as AsyncIterable<object>)[Symbol.asyncIterator](),
    );
    expect(values).toEqual([created]);
    expect(error).toBe(boom);
    expect(chatSpans()[0]?.status).toEqual({ code: 2, message: 'throttled' });
  });

  it('an early return() closes the inner stream and ends the span', async () => {
    const { log, responses } = setup([{ value: created }, { value: done }]);
    const iterator = (responses() as AsyncIterable<object>)[Symbol.asyncIterator]();
    await iterator.next();
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
    expect(log.at(-1)).toBe('return');
    expect(chatSpans()).toHaveLength(1);
    expect(chatSpans()[0]?.status.code).not.toBe(2);
  });
});

/**
 * A call's usage sink is registered while the call runs and removed when it ends, whatever the
 * end: a sink left in the `WeakMap` kept its whole request alive through every young-generation
 * collection (V8 keeps `WeakMap` values there) until the next full one.
 */
describe('tracedBackend usage sinks', () => {
  it('a stream registers its sink at the first next() and removes it at its end', async () => {
    const { usage, chat } = setup([{ value: chunk(null) }, { value: chunk('stop') }]);
    const iterator = chat()[Symbol.asyncIterator]();
    expect(usage.registered).toBe(0);
    await iterator.next();
    expect(usage.registered).toBe(1);
    await drain(iterator);
    expect(usage.registered).toBe(0);
    expect(chatSpans()[0]?.attributes['gen_ai.usage.input_tokens']).toBe(7);
  });

  it('a stream that fails, returns early or is thrown into removes its sink', async () => {
    const boom = Object.assign(new Error('cut'), { kind: 'truncated' });
    const failing = setup([{ value: chunk(null) }, { error: boom }]);
    await drain(failing.chat()[Symbol.asyncIterator]());
    expect(failing.usage.registered).toBe(0);

    const early = setup([{ value: chunk(null) }, { value: chunk('stop') }]);
    const returned = early.chat()[Symbol.asyncIterator]();
    await returned.next();
    await returned.return?.();
    expect(early.usage.registered).toBe(0);

    const thrownInto = setup([{ value: chunk(null) }, { value: chunk('stop') }]);
    const thrown = thrownInto.chat()[Symbol.asyncIterator]();
    await thrown.next();
    await expect(thrown.throw?.(new Error('reader failed'))).rejects.toThrow('reader failed');
    expect(thrownInto.usage.registered).toBe(0);
  });

  it('a responses stream removes its sink at its end', async () => {
    const { usage, responses } = setup([{ value: { type: 'response.created' } }]);
    await drain((responses() as AsyncIterable<object>)[Symbol.asyncIterator]());
    expect(usage.registered).toBe(0);
  });

  it('an unstreamed call removes its sink when it answers or fails', async () => {
    const { usage, complete } = setup([]);
    expect(await complete(async () => ({ id: 'chatcmpl-2', choices: [] }))).toEqual({
      id: 'chatcmpl-2',
      choices: [],
    });
    expect(usage.registered).toBe(0);
    expect(chatSpans()[0]?.attributes['gen_ai.usage.input_tokens']).toBe(5);
    await expect(
      complete(async () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(usage.registered).toBe(0);
  });
});
