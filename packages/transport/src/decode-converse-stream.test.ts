import {
  BedrockRuntimeClient,
  ConverseStreamCommand,
  type ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { type Emulator, type StreamEvent, startEmulator } from '@bedrock-bridge/emulator';
import { classifyError } from '@bedrock-bridge/errors';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transport } from './create-transport.js';
import { collect, TEST_CREDENTIALS, testTransport, userInput } from './test-support/harness.js';

/**
 * The transport decodes event streams itself (`decode-converse-stream.ts`); these tests hold it
 * to what the SDK's own decoding yields for the same bytes, over real sockets.
 */
let emulator: Emulator;
let transport: Transport;
let sdk: BedrockRuntimeClient;

beforeAll(async () => {
  emulator = await startEmulator({ deltas: 4 });
  transport = testTransport(emulator, 'http1', { retry: { maxAttempts: 1 } });
  sdk = new BedrockRuntimeClient({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: TEST_CREDENTIALS,
    requestHandler: new NodeHttpHandler(),
  });
});

afterAll(async () => {
  sdk.destroy();
  await transport.close();
  await emulator.close();
});

async function viaSdk(): Promise<ConverseStreamOutput[]> {
  const out = await sdk.send(new ConverseStreamCommand(userInput('hello')));
  const events: ConverseStreamOutput[] = [];
  for await (const event of out.stream ?? []) events.push(event);
  return events;
}

const SCRIPTS: Array<[string, StreamEvent[]]> = [
  [
    'text with padding fields and an unknown event type',
    [
      { messageStart: { role: 'assistant', p: 'abcdef' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hel' }, p: 'ab' } },
      { futureEventType: { anything: 1 } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'lo ✓ 😀' } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { messageStop: { stopReason: 'end_turn', p: 'x' } },
      {
        metadata: {
          usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
          metrics: { latencyMs: 12 },
          p: 'abc',
        },
      },
    ],
  ],
  [
    'reasoning (text, signature, redacted bytes) and a tool call',
    [
      { messageStart: { role: 'assistant' } },
      {
        contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: 'think' } } },
      },
      {
        contentBlockDelta: {
          contentBlockIndex: 0,
          delta: { reasoningContent: { signature: 'sig==' } },
        },
      },
      {
        contentBlockDelta: {
          contentBlockIndex: 1,
          delta: {
            reasoningContent: { redactedContent: Buffer.from([1, 2, 250]).toString('base64') },
          },
        },
      },
      { contentBlockStop: { contentBlockIndex: 1 } },
      {
        contentBlockStart: {
          contentBlockIndex: 2,
          start: { toolUse: { toolUseId: 't1', name: 'get_weather' } },
        },
      },
      { contentBlockDelta: { contentBlockIndex: 2, delta: { toolUse: { input: '{"city":' } } } },
      { contentBlockDelta: { contentBlockIndex: 2, delta: { toolUse: { input: '"Oslo"}' } } } },
      { contentBlockStop: { contentBlockIndex: 2 } },
      {
        messageStop: {
          stopReason: 'tool_use',
          additionalModelResponseFields: { stop_sequence: null },
        },
      },
      {
        metadata: {
          usage: { inputTokens: 3, outputTokens: 9, totalTokens: 12 },
          metrics: { latencyMs: 1 },
        },
      },
    ],
  ],
];

describe('decodeConverseStream against the SDK', () => {
  for (const [name, events] of SCRIPTS) {
    it(`yields what the SDK yields: ${name}`, async () => {
      emulator.script({ events });
      const expected = await viaSdk();
      emulator.script({ events });
      const { events: ours } = await collect(transport.converseStream(userInput('hello')));
      expect(ours).toEqual(expected);
      expect(ours.length).toBe(events.length - (name.includes('unknown') ? 1 : 0));
    });
  }

  it.each(['http1', 'http2'] as const)(
    'yields the emulator default answer event for event (%s)',
    async (protocol) => {
      const own = testTransport(emulator, protocol, { retry: { maxAttempts: 1 } });
      // The emulator's metadata carries its own measured latency: equal in type, not in value.
      const latencyOf = (events: ConverseStreamOutput[]) =>
        events.map((e) => {
          if (e.metadata?.metrics === undefined) return e;
          expect(typeof e.metadata.metrics.latencyMs).toBe('number');
          return { metadata: { ...e.metadata, metrics: { latencyMs: 0 } } };
        });
      const expected = await viaSdk();
      const { events, text } = await collect(own.converseStream(userInput('hello')));
      await own.close();
      expect(latencyOf(events)).toEqual(latencyOf(expected));
      expect(text).toBe('Echo: hello');
    },
  );

  for (const exception of [
    'throttlingException',
    'modelStreamErrorException',
    'validationException',
    'internalServerException',
    'serviceUnavailableException',
  ] as const) {
    it(`throws the SDK's error for an in-stream ${exception}`, async () => {
      const fault = {
        type: 'stream-exception',
        exception,
        afterEvents: 2,
        originalStatusCode: 503,
      } as const;
      emulator.inject(fault);
      const sdkError = await viaSdk().then(
        () => undefined,
        (err: unknown) => err,
      );
      emulator.inject(fault);
      const ours = await collect(transport.converseStream(userInput('hello'))).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(sdkError).toBeInstanceOf(Error);
      expect(ours).toBeInstanceOf(Error);
      const cause = (ours as { cause?: Error }).cause;
      expect(cause?.name).toBe((sdkError as Error).name);
      expect(cause?.message).toBe((sdkError as Error).message);
      expect(classifyError(ours).kind).toBe(classifyError(sdkError).kind);
    });
  }

  it('reports a corrupted frame as a failed stream, not as events', async () => {
    emulator.inject({ type: 'corrupt-frame', afterEvents: 2 });
    const err = await collect(transport.converseStream(userInput('hello'))).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(String((err as { cause?: Error }).cause?.message ?? (err as Error).message)).toMatch(
      /checksum|crc/i,
    );
  });
});
