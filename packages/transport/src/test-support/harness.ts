import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { type Emulator, type EmulatorOptions, startEmulator } from '@bedrock-bridge/emulator';
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createTransport, type Transport } from '../create-transport.js';
import type { TransportEvent } from '../transport-event.js';
import type { TransportOptions, TransportProtocol } from '../transport-options.js';

/** The emulator's default on-demand chat model. */
export const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

/** A one-turn Converse input asking the echo model to repeat `text`. */
export function userInput(text: string, modelId = MODEL) {
  return { modelId, messages: [{ role: 'user' as const, content: [{ text }] }] };
}

/** Small deadlines so stalls resolve in about a second. */
export function testTransport(
  emulator: Emulator,
  protocol: TransportProtocol,
  extra: Partial<TransportOptions> = {},
): Transport {
  return createTransport({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: TEST_CREDENTIALS,
    protocol,
    env: {},
    timeouts: { connectMs: 2000, firstByteMs: 1000, idleMs: 1000, totalMs: 15_000 },
    retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 },
    ...extra,
  });
}

/** Reads a stream to its end: the concatenated text deltas and every event. */
export async function collect(
  events: AsyncIterable<ConverseStreamOutput>,
): Promise<{ text: string; events: ConverseStreamOutput[] }> {
  const all: ConverseStreamOutput[] = [];
  let text = '';
  for await (const event of events) {
    all.push(event);
    text += event.contentBlockDelta?.delta?.text ?? '';
  }
  return { text, events: all };
}

/** Records transport events. */
export function recorder(): { events: TransportEvent[]; onEvent: (e: TransportEvent) => void } {
  const events: TransportEvent[] = [];
  return { events, onEvent: (e) => events.push(e) };
}

/** Resolves when `check()` is true, polling on a short interval; rejects after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Races `promise` against a generous guard so a hang fails the test instead of stalling it. */
export async function guard<T>(promise: Promise<T>, ms: number): Promise<T | 'HANG'> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'HANG'>((resolve) => {
    timer = setTimeout(() => resolve('HANG'), ms);
  });
  try {
    return await Promise.race([promise, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One emulator for the test file (or the enclosing `describe`): started before its tests, its
 * faults cleared before each test, closed after them. The returned object stands for it.
 */
export function sharedEmulator(options: EmulatorOptions = {}): Emulator {
  let current: Emulator | undefined;
  beforeAll(async () => {
    current = await startEmulator(options);
  });
  afterAll(async () => {
    await current?.close();
  });
  beforeEach(() => {
    current?.clearFaults();
  });
  return new Proxy({} as Emulator, {
    get(_target, key) {
      if (current === undefined) throw new Error('the shared emulator is read outside a test');
      const value: unknown = Reflect.get(current, key);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}

/**
 * `make` (by default `testTransport`) whose transports are closed after the test that made
 * them, even when an assertion failed.
 */
export function closedAfterEach<A extends unknown[]>(
  make: (...args: A) => Transport,
): (...args: A) => Transport {
  const opened: Transport[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((t) => t.close()));
  });
  return (...args) => {
    const transport = make(...args);
    opened.push(transport);
    return transport;
  };
}

/** The `BedrockBridgeError` that `promise` rejects with; throws when it resolves or rejects otherwise. */
export async function failureOf(promise: Promise<unknown>): Promise<BedrockBridgeError> {
  try {
    await promise;
  } catch (err) {
    if (BedrockBridgeError.is(err)) return err;
    throw new Error(`not a BedrockBridgeError: ${String(err)}`);
  }
  throw new Error('expected the call to fail');
}
