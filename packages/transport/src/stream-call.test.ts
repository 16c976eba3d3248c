import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { type Emulator, startEmulator } from '@bedrock-bridge/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Transport } from './create-transport.js';
import { collect, recorder, testTransport, userInput } from './test-support/harness.js';

/**
 * `streamCall` is an iterator written by hand, not an async generator; these tests hold it to
 * what the generator it replaced did as an iterator (the fault matrix holds its deadlines,
 * retries and failures): nothing before the first `next()`, overlapping calls in order,
 * `return()` waiting for a read under way (an early `break` aborting the request is in
 * `pool-and-sockets.test.ts`).
 */
let emulator: Emulator;
let transport: Transport;

beforeAll(async () => {
  emulator = await startEmulator({ deltas: 6 });
  transport = testTransport(emulator, 'http1', { retry: { maxAttempts: 1 } });
});

afterAll(async () => {
  await transport.close();
  await emulator.close();
});

beforeEach(() => {
  emulator.requests.length = 0;
});

const streams = () => emulator.requests.filter((r) => r.operation === 'converse-stream');

describe('streamCall as an iterator', () => {
  it('sends nothing before the first next(), and nothing at all when returned first', async () => {
    const iterator = transport.converseStream(userInput('hello'))[Symbol.asyncIterator]();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(streams()).toHaveLength(0);
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(streams()).toHaveLength(0);
  });

  it.each(['return', 'throw'] as const)(
    '%s() before the first next() ends the call: its total deadline never fires',
    async (how) => {
      const short = testTransport(emulator, 'http1', { timeouts: { totalMs: 40 } });
      try {
        const { events, onEvent } = recorder();
        const iterator = short
          .converseStream(userInput('hello'), { onEvent })
          [Symbol.asyncIterator]();
        if (how === 'return') await iterator.return?.();
        else
          await expect(iterator.throw?.(new Error('consumer gave up'))).rejects.toThrow('gave up');
        await new Promise((resolve) => setTimeout(resolve, 120));
        expect(events.filter((e) => e.type === 'timeout')).toEqual([]);
        expect(await iterator.next()).toEqual({ done: true, value: undefined });
        expect(streams()).toHaveLength(0);
      } finally {
        await short.close();
      }
    },
  );

  it('answers overlapping next() calls one after the other, in order', async () => {
    const { events: expected } = await collect(transport.converseStream(userInput('hello')));
    const iterator = transport.converseStream(userInput('hello'))[Symbol.asyncIterator]();
    const reads = Array.from({ length: expected.length + 2 }, () => iterator.next());
    const results = await Promise.all(reads);
    const latency = (e: ConverseStreamOutput) =>
      e.metadata ? { metadata: { ...e.metadata, metrics: undefined } } : e;
    expect(
      results.slice(0, expected.length).map((r) => latency(r.value as ConverseStreamOutput)),
    ).toEqual(expected.map(latency));
    expect(results.slice(expected.length)).toEqual([
      { done: true, value: undefined },
      { done: true, value: undefined },
    ]);
  });

  it('return() during a read waits for it, then releases the call; later reads are done', async () => {
    const { events, onEvent } = recorder();
    const iterator = transport
      .converseStream(userInput('hello'), { onEvent })
      [Symbol.asyncIterator]();
    const first = iterator.next();
    const closing = iterator.return?.();
    expect((await first).done).toBe(false);
    expect(await closing).toEqual({ done: true, value: undefined });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    // Released early: no error reported, no success either.
    expect(events.some((e) => e.type === 'error')).toBe(false);
    expect(streams()).toHaveLength(1);
  });

  it('return() after two queued reads waits for both, as a generator runs its queue in order', async () => {
    const iterator = transport.converseStream(userInput('hello'))[Symbol.asyncIterator]();
    const first = iterator.next();
    const second = iterator.next();
    const closing = iterator.return?.();
    // Both reads queued before return() get their events; none is cut by the release.
    expect((await first).done).toBe(false);
    expect((await second).done).toBe(false);
    expect(await closing).toEqual({ done: true, value: undefined });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });
});
