import { type Emulator, startEmulator } from '@bedrock-bridge/emulator';
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { HttpBindingProtocol } from '@smithy/core/protocols';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Transport } from './create-transport.js';
import { collect, testTransport, userInput } from './test-support/harness.js';

/**
 * A 200 event stream the transport decodes itself skips the SDK's deserializer; everything else
 * (errors included) still goes through it; a Converse answer is read with the SDK's JSON reader alone. Real SDK, real sockets, the emulator.
 */
let emulator: Emulator;
let transport: Transport;

beforeAll(async () => {
  emulator = await startEmulator({ deltas: 4 });
  transport = testTransport(emulator, 'http1', { retry: { maxAttempts: 1 } });
});

afterAll(async () => {
  await transport.close();
  await emulator.close();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the SDK deserializer and streams the transport decodes', () => {
  it('a 200 stream: all its events, and the SDK deserializer not called', async () => {
    const deserialize = vi.spyOn(HttpBindingProtocol.prototype, 'deserializeResponse');
    const { text, events } = await collect(transport.converseStream(userInput('one two three')));
    expect(text).toBe('Echo: one two three');
    expect(events.at(-1)?.metadata).toBeDefined();
    expect(deserialize).not.toHaveBeenCalled();
  });

  it('an error answer still goes through the SDK deserializer and is classified', async () => {
    const deserialize = vi.spyOn(HttpBindingProtocol.prototype, 'deserializeResponse');
    emulator.inject({ type: 'throttling', operation: 'converse-stream' });
    const failure = await collect(transport.converseStream(userInput('hello'))).catch(
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(BedrockBridgeError);
    expect((failure as BedrockBridgeError).kind).toBe('rate_limit');
    expect(deserialize).toHaveBeenCalled();
  });

  it('a Converse answer is read by the SDK JSON reader alone; a Converse error by the deserializer', async () => {
    const deserialize = vi.spyOn(HttpBindingProtocol.prototype, 'deserializeResponse');
    const out = await transport.converse(userInput('hi'));
    expect(out.output?.message?.content?.[0]?.text).toBe('Echo: hi');
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toEqual(expect.any(String));
    expect(deserialize).not.toHaveBeenCalled();
    emulator.inject({ type: 'throttling', operation: 'converse' });
    const failure = await transport.converse(userInput('hello')).catch((err: unknown) => err);
    expect((failure as BedrockBridgeError).kind).toBe('rate_limit');
    expect(deserialize).toHaveBeenCalledTimes(1);
  });
});
