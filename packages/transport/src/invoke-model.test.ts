import type { BedrockBridgeError } from '@bedrock-bridge/errors';
import { describe, expect, it } from 'vitest';
import type { Transport } from './create-transport.js';
import { invokeFirstByteMs } from './invoke-model.js';
import { TRANSPORT_DEFAULTS } from './normalize-options.js';
import {
  closedAfterEach,
  failureOf,
  guard,
  recorder,
  sharedEmulator,
  testTransport,
} from './test-support/harness.js';

const TITAN = 'amazon.titan-embed-text-v2:0';

const emulator = sharedEmulator();
const closed = closedAfterEach(testTransport);

function titanInput(text: string, extra: Record<string, unknown> = {}) {
  return {
    modelId: TITAN,
    contentType: 'application/json',
    accept: 'application/json',
    body: new TextEncoder().encode(JSON.stringify({ inputText: text, ...extra })),
  };
}

function decode(body: Uint8Array | undefined): {
  embedding: number[];
  inputTextTokenCount: number;
} {
  return JSON.parse(new TextDecoder().decode(body));
}

describe.each(['http1', 'http2'] as const)('invokeModel over %s', (protocol) => {
  const transport = (): Transport => closed(emulator, protocol);

  it('returns the model body and the billed input tokens from the header', async () => {
    const out = await transport().invokeModel(titanInput('twelve chars', { dimensions: 256 }));
    const body = decode(out.body);
    expect(body.embedding).toHaveLength(256);
    expect(out.inputTokenCount).toBe(3);
    expect(out.inputTokenCount).toBe(body.inputTextTokenCount);
  });

  it.each([
    { type: 'throttling' as const, reason: 'rate_limit' },
    { type: 'service-unavailable' as const, reason: 'overloaded' },
    { type: 'reset' as const, reason: 'stale_connection' },
  ])('retries a $type and answers', async ({ type, reason }) => {
    emulator.inject({ type, operation: 'invoke-model' });
    const rec = recorder();
    const out = await transport().invokeModel(titanInput(`after ${type} ${protocol}`), {
      onEvent: rec.onEvent,
    });
    expect(decode(out.body).embedding).toHaveLength(1024);
    const retry = rec.events.find((e) => e.type === 'retry');
    expect(retry).toMatchObject({ operation: 'invoke-model', target: TITAN });
    if (type !== 'reset') expect(retry).toMatchObject({ reason });
    expect(rec.events.filter((e) => e.type === 'attempt')).toHaveLength(2);
    const sent = emulator.requests.filter(
      (r) =>
        r.operation === 'invoke-model' &&
        JSON.stringify(r.body).includes(`after ${type} ${protocol}`),
    );
    expect(sent).toHaveLength(2);
  });

  it('classifies a validation error and does not retry it', async () => {
    const rec = recorder();
    const error = await failureOf(
      transport().invokeModel(titanInput('x', { dimensions: 300 }), { onEvent: rec.onEvent }),
    );
    expect(error.kind).toBe('validation');
    expect(error.message).toMatch(/dimensions: 300 is not a valid enum value/);
    expect(rec.events.filter((e) => e.type === 'attempt')).toHaveLength(1);
  });

  it('ends a silent server at the first-byte deadline, retries, then fails classified', async () => {
    emulator.inject({ type: 'blackhole', operation: 'invoke-model', times: 3 });
    const error = await guard(failureOf(transport().invokeModel(titanInput('silence'))), 10_000);
    expect(error).not.toBe('HANG');
    expect((error as BedrockBridgeError).kind).toBe('timeout');
  });

  it('stops at once when the caller aborts', async () => {
    emulator.inject({ type: 'blackhole', operation: 'invoke-model' });
    const controller = new AbortController();
    const pending = failureOf(
      transport().invokeModel(titanInput('aborted'), { signal: controller.signal }),
    );
    setTimeout(() => controller.abort(), 50);
    const error = await guard(pending, 5_000);
    expect((error as BedrockBridgeError).kind).toBe('aborted');
  });
});

describe('invokeFirstByteMs', () => {
  it('grows with the body: one second per 8,000 bytes over the default', () => {
    expect(invokeFirstByteMs({ modelId: TITAN, body: new Uint8Array(0) })).toBe(
      TRANSPORT_DEFAULTS.firstByteMs,
    );
    expect(invokeFirstByteMs({ modelId: TITAN, body: new Uint8Array(16_000) })).toBe(
      TRANSPORT_DEFAULTS.firstByteMs + 2_000,
    );
  });
});
