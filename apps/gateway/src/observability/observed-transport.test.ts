import type { Transport } from '@bedrock-bridge/transport';
import { describe, expect, it } from 'vitest';
import { drain, type ScriptStep, scriptedStream } from '../test-support/scripted-stream.js';
import type { GatewayMetrics, TokenUsage } from './gateway-metrics.js';
import { CallUsageSinks, observedTransport } from './observed-transport.js';

/**
 * The observed transport's stream, held to what its async generator did: the same events in the
 * same order, usage reported once per `metadata` event, one stream opened at the first `next()`
 * and closed once at the end, on a failure or when the reader returns early (after the inner
 * stream was closed), the inner error thrown as it is.
 */
/** The SDK's stream event, as the transport types it. */
type ConverseStreamOutput =
  ReturnType<Transport['converseStream']> extends AsyncIterable<infer E> ? E : never;

const start = { messageStart: { role: 'assistant' } } as ConverseStreamOutput;
const delta = { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'hi' } } };
const stop = { messageStop: { stopReason: 'end_turn' } } as ConverseStreamOutput;
const usage = { inputTokens: 3, outputTokens: 2, totalTokens: 5 };
const metadata = { metadata: { usage, metrics: { latencyMs: 1 } } } as ConverseStreamOutput;
const all: ScriptStep<ConverseStreamOutput>[] = [
  { value: start },
  { value: delta as ConverseStreamOutput },
  { value: stop },
  { value: metadata },
];

function setup(
  script: ReadonlyArray<ScriptStep<ConverseStreamOutput>>,
  options: { returnError?: unknown } = {},
) {
  const log: string[] = [];
  const transport = {
    region: 'us-east-1',
    converseStream: () => {
      log.push('converseStream');
      return scriptedStream(script, log, options);
    },
  } as unknown as Transport;
  const metrics = {
    usage: (model: string, u: TokenUsage) => log.push(`usage ${model} ${u.outputTokens}`),
    streamOpened: () => log.push('opened'),
    streamClosed: () => log.push('closed'),
  } as unknown as GatewayMetrics;
  const sinks = new CallUsageSinks();
  const signal = new AbortController().signal;
  sinks.on(signal, (u) => log.push(`sink ${u.inputTokens}`));
  const observed = observedTransport(transport, metrics, sinks);
  const stream = observed.converseStream({ modelId: 'm1', messages: [] }, { signal });
  return { log, stream };
}

describe('observedTransport converseStream', () => {
  it('relays every event in order, reports usage from metadata, opens and closes once', async () => {
    const { log, stream } = setup(all);
    expect(log).toEqual(['converseStream']);
    const iterator = stream[Symbol.asyncIterator]();
    expect(log).toEqual(['converseStream']);
    const { values, error } = await drain(iterator);
    expect(error).toBeUndefined();
    expect(values).toEqual([start, delta, stop, metadata]);
    expect(values[3]).toBe(metadata);
    expect(log).toEqual([
      'converseStream',
      'opened',
      'iterator',
      'next',
      'next',
      'next',
      'next',
      'usage m1 2',
      'sink 3',
      'next',
      'closed',
    ]);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(log.at(-1)).toBe('closed');
  });

  it('opens and closes a stream of zero events', async () => {
    const { log, stream } = setup([]);
    const { values, error } = await drain(stream[Symbol.asyncIterator]());
    expect(error).toBeUndefined();
    expect(values).toEqual([]);
    expect(log).toEqual(['converseStream', 'opened', 'iterator', 'next', 'closed']);
  });

  it('throws the inner error as it is, closes once, and does not return the inner stream', async () => {
    const boom = Object.assign(new Error('cut'), { kind: 'truncated' });
    const { log, stream } = setup([{ value: start }, { error: boom }]);
    const { values, error } = await drain(stream[Symbol.asyncIterator]());
    expect(values).toEqual([start]);
    expect(error).toBe(boom);
    expect(log).toEqual(['converseStream', 'opened', 'iterator', 'next', 'next', 'closed']);
  });

  it('an early return() closes the inner stream, then the metric; later reads are done', async () => {
    const { log, stream } = setup(all);
    const iterator = stream[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: start });
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
    expect(log).toEqual(['converseStream', 'opened', 'iterator', 'next', 'return', 'closed']);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
    expect(log.filter((l) => l === 'closed')).toHaveLength(1);
  });

  it('break in for await closes the inner stream (the client cancelled)', async () => {
    const { log, stream } = setup(all);
    for await (const event of stream) {
      expect(event).toBe(start);
      break;
    }
    expect(log).toEqual(['converseStream', 'opened', 'iterator', 'next', 'return', 'closed']);
  });

  it('a failing inner return() still closes the metric and rejects with its error', async () => {
    const refused = new Error('return refused');
    const { log, stream } = setup(all, { returnError: refused });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    await expect(iterator.return?.()).rejects.toBe(refused);
    expect(log).toEqual(['converseStream', 'opened', 'iterator', 'next', 'return', 'closed']);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('return() before the first next() opens nothing and never starts the inner stream', async () => {
    const { log, stream } = setup(all);
    const iterator = stream[Symbol.asyncIterator]();
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(log).toEqual(['converseStream']);
  });

  it('return() during a read waits for it; overlapping reads answer in order', async () => {
    const { log, stream } = setup(all);
    const iterator = stream[Symbol.asyncIterator]();
    const first = iterator.next();
    const second = iterator.next();
    const closing = iterator.return?.();
    expect(await first).toEqual({ done: false, value: start });
    expect(await second).toEqual({ done: false, value: delta });
    expect(await closing).toEqual({ done: true, value: undefined });
    expect(log).toEqual([
      'converseStream',
      'opened',
      'iterator',
      'next',
      'next',
      'return',
      'closed',
    ]);
  });

  it('throw() at an event closes the inner stream and the metric, then throws it', async () => {
    const { log, stream } = setup(all);
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    const reason = new Error('reader failed');
    await expect(iterator.throw?.(reason)).rejects.toBe(reason);
    expect(log).toEqual(['converseStream', 'opened', 'iterator', 'next', 'return', 'closed']);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('each iteration of the iterable is its own stream', async () => {
    const { log, stream } = setup(all);
    const a = await drain(stream[Symbol.asyncIterator]());
    const b = await drain(stream[Symbol.asyncIterator]());
    expect(a.values).toEqual(b.values);
    expect(log.filter((l) => l === 'opened')).toHaveLength(2);
    expect(log.filter((l) => l === 'closed')).toHaveLength(2);
  });
});

describe('CallUsageSinks', () => {
  it('routes a report to the sink of its signal until that sink is removed', () => {
    const sinks = new CallUsageSinks();
    const a = new AbortController().signal;
    const b = new AbortController().signal;
    const got: string[] = [];
    const sinkA = (u: TokenUsage) => got.push(`a ${u.inputTokens}`);
    sinks.on(a, sinkA);
    sinks.on(b, (u) => got.push(`b ${u.inputTokens}`));
    expect(sinks.registered).toBe(2);
    sinks.report(a, { inputTokens: 1 });
    sinks.report(b, { inputTokens: 2 });
    sinks.off(a, sinkA);
    sinks.report(a, { inputTokens: 3 });
    expect(got).toEqual(['a 1', 'b 2']);
    expect(sinks.registered).toBe(1);
  });

  it('off() with another sink than the one registered removes nothing', () => {
    const sinks = new CallUsageSinks();
    const signal = new AbortController().signal;
    const got: number[] = [];
    const first = (u: TokenUsage) => got.push(u.inputTokens ?? 0);
    const second = (u: TokenUsage) => got.push((u.inputTokens ?? 0) * 10);
    sinks.on(signal, first);
    sinks.on(signal, second);
    expect(sinks.registered).toBe(1);
    sinks.off(signal, first);
    sinks.report(signal, { inputTokens: 4 });
    expect(got).toEqual([40]);
    sinks.off(signal, second);
    sinks.off(signal, second);
    expect(sinks.registered).toBe(0);
  });
});
