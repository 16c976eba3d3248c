import { ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { type Emulator, startEmulator } from '@bedrock-bridge/emulator';
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transport } from './create-transport.js';
import { collect, recorder, testTransport, until, userInput } from './test-support/harness.js';

let emulator: Emulator | undefined;
let transport: Transport | undefined;

afterEach(async () => {
  await transport?.close();
  await emulator?.close();
  transport = undefined;
  emulator = undefined;
});

describe('eviction closes sockets', () => {
  it('http1: a stale pooled socket evicts the client, closes its idle sockets, and heals in one retry', async () => {
    const emu = await startEmulator();
    emulator = emu;
    const t = testTransport(emu, 'http1');
    transport = t;
    await Promise.all([1, 2, 3].map((n) => t.converse(userInput(`warm ${n}`))));
    await until(() => emu.connections.open === 3);
    const totalBefore = emu.connections.total;

    emu.inject({ type: 'stale-keep-alive', operation: 'converse' });
    const rec = recorder();
    const out = await t.converse(userInput('after the fault'), { onEvent: rec.onEvent });

    expect(out.output?.message?.content?.[0]?.text).toBe('Echo: after the fault');
    expect(rec.events.map((e) => e.type)).toEqual([
      'attempt',
      'evict',
      'retry',
      'attempt',
      'success',
    ]);
    const retry = rec.events.find((e) => e.type === 'retry');
    expect(retry).toMatchObject({
      reason: 'stale_connection',
      delayMs: 0,
      delaySource: 'immediate',
    });
    // The old client's two idle sockets are closed; only the fresh client's socket stays open.
    await until(() => emu.connections.open === 1);
    expect(emu.connections.total).toBe(totalBefore + 1);
  });

  it('http2: a destroyed session evicts the client and the next attempt opens one new connection', async () => {
    const emu = await startEmulator();
    emulator = emu;
    const t = testTransport(emu, 'http2');
    transport = t;
    await Promise.all([1, 2, 3].map((n) => t.converse(userInput(`warm ${n}`))));
    await until(() => emu.connections.open === 1); // one multiplexed session
    const totalBefore = emu.connections.total;

    emu.inject({ type: 'stale-keep-alive', operation: 'converse' });
    const rec = recorder();
    const out = await t.converse(userInput('after the fault'), { onEvent: rec.onEvent });

    expect(out.output?.message?.content?.[0]?.text).toBe('Echo: after the fault');
    expect(rec.events.map((e) => e.type)).toEqual([
      'attempt',
      'evict',
      'retry',
      'attempt',
      'success',
    ]);
    await until(() => emu.connections.open === 1);
    expect(emu.connections.total).toBe(totalBefore + 1);
  });
});

describe('early exit releases the socket', () => {
  for (const protocol of ['http1', 'http2'] as const) {
    it(`${protocol}: break after a few events aborts the request and closes its connection`, async () => {
      const emu = await startEmulator({ paceMs: 40, deltas: 60 });
      emulator = emu;
      const t = testTransport(emu, protocol);
      transport = t;
      const rec = recorder();
      let seen = 0;
      for await (const _event of t.converseStream(userInput('a long answer please'), {
        onEvent: rec.onEvent,
      })) {
        seen += 1;
        if (seen === 3) break;
      }
      expect(seen).toBe(3);
      await until(() => emu.connections.open === 0);
      expect(rec.events.some((e) => e.type === 'success' || e.type === 'retry')).toBe(false);
      // The transport still works afterwards.
      const again = await collect(t.converseStream(userInput('again')));
      expect(again.text).toBe('Echo: again');
    });

    it(`${protocol}: aborting the signal mid-stream throws 'aborted' and closes the connection`, async () => {
      const emu = await startEmulator({ paceMs: 40, deltas: 60 });
      emulator = emu;
      const t = testTransport(emu, protocol);
      transport = t;
      const controller = new AbortController();
      let seen = 0;
      const run = async (): Promise<unknown> => {
        try {
          for await (const _event of t.converseStream(userInput('stream me'), {
            signal: controller.signal,
          })) {
            seen += 1;
            if (seen === 2) controller.abort(new Error('user pressed stop'));
          }
          return 'completed';
        } catch (err) {
          return err;
        }
      };
      const err = await run();
      expect(BedrockBridgeError.is(err) && err.kind).toBe('aborted');
      expect(seen).toBe(2);
      await until(() => emu.connections.open === 0);
    });
  }
});

describe('control plane', () => {
  it('sends @aws-sdk/client-bedrock commands over HTTP/1.1 with the same retries', async () => {
    const emu = await startEmulator();
    emulator = emu;
    const t = testTransport(emu, 'http2');
    transport = t;
    emu.inject({ type: 'throttling', retryAfterSeconds: 0, operation: 'control' });
    const rec = recorder();
    const out = await t.control.send(new ListFoundationModelsCommand({}), { onEvent: rec.onEvent });
    expect(out.modelSummaries?.length).toBeGreaterThan(0);
    expect(rec.events.map((e) => e.type)).toEqual(['attempt', 'retry', 'attempt', 'success']);
    expect(rec.events[0]).toMatchObject({ operation: 'control', target: 'ListFoundationModels' });
    const control = emu.requests.filter((r) => r.operation === 'control');
    expect(control.map((r) => r.protocol)).toEqual(['http1', 'http1']);
  });

  it('switches the SDK retries off so attempts are not multiplied', async () => {
    const emu = await startEmulator();
    emulator = emu;
    const t = testTransport(emu, 'http1', { retry: { maxAttempts: 1 } });
    transport = t;
    emu.inject({ type: 'service-unavailable', operation: 'converse' });
    await expect(t.converse(userInput('x'))).rejects.toMatchObject({ kind: 'overloaded' });
    const runtime = emu.requests.filter((r) => r.operation === 'converse');
    expect(runtime).toHaveLength(1);
    expect(runtime[0]?.headers['amz-sdk-request']).toMatch(/max=1/);
  });
});
