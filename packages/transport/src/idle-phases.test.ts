import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Transport } from './create-transport.js';
import { converseFirstByteMs, streamFirstByteMs } from './first-byte-deadline.js';
import {
  collect,
  MODEL,
  recorder,
  sharedEmulator,
  testTransport,
  userInput,
} from './test-support/harness.js';

/**
 * Which deadline guards which silence: right after a text delta (and inside a Converse body)
 * the short `textIdleMs`; inside a tool call's input, before any content and between blocks
 * the long `idleMs` (Bedrock pauses there); before a stream's first event `firstByteMs`.
 */

const TEXT_IDLE_MS = 200;
/** Longer than TEXT_IDLE_MS, far shorter than idleMs: what Bedrock does inside a tool input. */
const PAUSE_MS = 700;

/** A scripted answer: a short text, then a tool call whose input arrives in two deltas. */
const TOOL_ANSWER = [
  { messageStart: { role: 'assistant' } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Writing the file.' } } },
  { contentBlockStop: { contentBlockIndex: 0 } },
  {
    contentBlockStart: {
      contentBlockIndex: 1,
      start: { toolUse: { toolUseId: 'tooluse_1', name: 'write_file' } },
    },
  },
  { contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input: '{"path":' } } } },
  { contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input: '"a.txt"}' } } } },
  { contentBlockStop: { contentBlockIndex: 1 } },
  { messageStop: { stopReason: 'tool_use' } },
  {
    metadata: {
      usage: { inputTokens: 10, outputTokens: 10, totalTokens: 20 },
      metrics: { latencyMs: 1 },
    },
  },
];

function toolInput(events: Awaited<ReturnType<typeof collect>>['events']): string {
  return events.map((e) => e.contentBlockDelta?.delta?.toolUse?.input ?? '').join('');
}

const emulator = sharedEmulator();

for (const protocol of ['http1', 'http2'] as const) {
  describe(`idle phases over ${protocol}`, () => {
    let transport: Transport;
    beforeEach(() => {
      transport = testTransport(emulator, protocol, {
        timeouts: { firstByteMs: 5000, idleMs: 5000, textIdleMs: TEXT_IDLE_MS, totalMs: 20_000 },
        retry: { maxAttempts: 1 },
      });
      return () => transport.close();
    });

    it('waits out a pause inside a tool call input longer than textIdleMs', async () => {
      emulator.script({ events: TOOL_ANSWER });
      emulator.inject({ type: 'pause', afterEvents: 4, delayMs: PAUSE_MS });
      const rec = recorder();
      const { events } = await collect(
        transport.converseStream(userInput('write a file'), { onEvent: rec.onEvent }),
      );
      expect(toolInput(events)).toBe('{"path":"a.txt"}');
      expect(events.at(-2)?.messageStop?.stopReason).toBe('tool_use');
      expect(rec.events.filter((e) => e.type === 'timeout')).toEqual([]);
      expect(emulator.requests.at(-1)?.fault).toBe('pause');
    });

    it('waits out a pause before any content (after messageStart)', async () => {
      emulator.inject({ type: 'pause', afterEvents: 1, delayMs: PAUSE_MS });
      const rec = recorder();
      const { text } = await collect(
        transport.converseStream(userInput('pause after start'), { onEvent: rec.onEvent }),
      );
      expect(text).toBe('Echo: pause after start');
      expect(rec.events.filter((e) => e.type === 'timeout')).toEqual([]);
    });

    it('ends the same pause after a text delta at textIdleMs, naming the option', async () => {
      emulator.inject({ type: 'pause', afterEvents: 2, delayMs: PAUSE_MS });
      const rec = recorder();
      const seen: string[] = [];
      let failure: unknown;
      try {
        for await (const event of transport.converseStream(userInput('pause mid text'), {
          onEvent: rec.onEvent,
        })) {
          seen.push(Object.keys(event)[0] ?? '?');
        }
      } catch (err) {
        failure = err;
      }
      expect(seen).toEqual(['messageStart', 'contentBlockDelta']);
      expect(BedrockBridgeError.is(failure)).toBe(true);
      expect(failure).toMatchObject({ kind: 'timeout', code: 'IDLE_TIMEOUT' });
      expect((failure as Error).message).toContain(`textIdleMs=${TEXT_IDLE_MS}`);
      expect(rec.events.filter((e) => e.type === 'timeout')).toMatchObject([
        { phase: 'idle', limitMs: TEXT_IDLE_MS },
      ]);
    });

    it('guards a converse body with textIdleMs once its headers arrived', async () => {
      emulator.inject({ type: 'pause', delayMs: PAUSE_MS, operation: 'converse' });
      const rec = recorder();
      const failure = await transport
        .converse(userInput('pause mid body'), { onEvent: rec.onEvent })
        .catch((err: unknown) => err);
      expect(failure).toMatchObject({ kind: 'timeout', code: 'IDLE_TIMEOUT' });
      expect(rec.events.filter((e) => e.type === 'timeout')).toMatchObject([
        { phase: 'idle', limitMs: TEXT_IDLE_MS },
      ]);
    });

    it("guards a stream's silence between its headers and first event with firstByteMs", async () => {
      const strict = testTransport(emulator, protocol, {
        timeouts: { firstByteMs: 300, idleMs: 5000, totalMs: 20_000 },
        retry: { maxAttempts: 1 },
      });
      try {
        emulator.inject({ type: 'stall', afterEvents: 0 });
        const rec = recorder();
        let failure: unknown;
        try {
          await collect(strict.converseStream(userInput('headers only'), { onEvent: rec.onEvent }));
        } catch (err) {
          failure = err;
        }
        expect(failure).toMatchObject({ kind: 'timeout', code: 'FIRST_BYTE_TIMEOUT' });
        expect(rec.events.filter((e) => e.type === 'timeout')).toMatchObject([
          { phase: 'first-byte', limitMs: 300 },
        ]);
      } finally {
        await strict.close();
      }
    });
  });
}

describe('default first-byte deadlines', () => {
  it('streams get 15 s plus a prefill allowance; converse 120 s (or maxTokens at 20/s) plus it', async () => {
    const transport = testTransport(emulator, 'http1', { timeouts: { totalMs: 20_000 } });
    try {
      const big = userInput(`Echo this: ${'word '.repeat(20_000)}`, MODEL);
      const rec = recorder();
      await collect(transport.converseStream(big, { onEvent: rec.onEvent }));
      const short = userInput('short');
      await transport.converse(short, { onEvent: rec.onEvent });
      const long = { ...userInput('write at length'), inferenceConfig: { maxTokens: 4_000 } };
      await transport.converse(long, { onEvent: rec.onEvent });
      const attempts = rec.events.filter((e) => e.type === 'attempt');
      expect(attempts.map((e) => [e.operation, e.firstByteMs])).toEqual([
        ['converse-stream', streamFirstByteMs(big)],
        ['converse', converseFirstByteMs(short)],
        ['converse', converseFirstByteMs(long)],
      ]);
      expect(converseFirstByteMs(short)).toBeGreaterThan(120_000);
      expect(converseFirstByteMs(short)).toBeLessThan(121_000);
      expect(converseFirstByteMs(long)).toBeGreaterThan(200_000);
      expect(streamFirstByteMs(big)).toBeGreaterThan(streamFirstByteMs(userInput('short')));
    } finally {
      await transport.close();
    }
  });
});
