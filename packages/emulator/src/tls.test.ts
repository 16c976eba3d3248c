import { Agent } from 'node:https';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './start-emulator.js';
import { credentials, HAIKU, userSays } from './test-support/sdk.js';
import type { Emulator } from './types.js';

/** Real SDK clients that trust the emulator's self-signed certificate (verification stays on). */
function tlsClient(emulator: Emulator, kind: 'http2' | 'http1') {
  const ca = emulator.certificate;
  return new BedrockRuntimeClient({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    requestHandler:
      kind === 'http2'
        ? new NodeHttp2Handler({ nodeHttp2ConnectOptions: { ca } })
        : new NodeHttpHandler({ httpsAgent: new Agent({ ca, keepAlive: true }) }),
  });
}

describe('TLS mode: HTTP/2 or HTTP/1.1 by ALPN, as Bedrock serves them', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ tls: true, deltas: 3 });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('serves an https URL and its certificate', () => {
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.certificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it.each(['http2', 'http1'] as const)(
    'the SDK over %s: converse and converse-stream',
    async (kind) => {
      const client = tlsClient(emulator, kind);
      try {
        const out = await client.send(
          new ConverseCommand({ modelId: HAIKU, messages: userSays('hello') }),
        );
        expect(out.output?.message?.content?.[0]?.text).toBe('Echo: hello');
        const streamed = await client.send(
          new ConverseStreamCommand({ modelId: HAIKU, messages: userSays('hello') }),
        );
        let text = '';
        for await (const event of streamed.stream ?? [])
          text += event.contentBlockDelta?.delta?.text ?? '';
        expect(text).toBe('Echo: hello');
        expect(emulator.requests.at(-1)?.protocol).toBe(kind);
      } finally {
        client.destroy();
      }
    },
  );

  it('refuses a client that does not trust the certificate (verification is real)', async () => {
    const client = new BedrockRuntimeClient({
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler(),
    });
    const error = await client
      .send(new ConverseCommand({ modelId: HAIKU, messages: userSays('hello') }))
      .catch((err: unknown) => err as { code?: string; message?: string });
    client.destroy();
    expect(String((error as { code?: string }).code ?? (error as Error).message)).toMatch(
      /SELF_SIGNED|self.signed|UNABLE_TO_VERIFY|CERT/i,
    );
  });

  it('faults act over TLS too: a reset after two events fails the stream', async () => {
    const client = tlsClient(emulator, 'http1');
    try {
      emulator.inject({ type: 'reset', afterEvents: 2, operation: 'converse-stream' });
      const streamed = await client.send(
        new ConverseStreamCommand({ modelId: HAIKU, messages: userSays('hello') }),
      );
      const error = await (async () => {
        for await (const _ of streamed.stream ?? []) {
          // until the reset
        }
      })().catch((err: unknown) => err);
      expect(error).toBeInstanceOf(Error);
    } finally {
      client.destroy();
    }
  });

  it('keeps the plain-text mode by default', async () => {
    const plain = await startEmulator();
    try {
      expect(plain.url).toMatch(/^http:\/\//);
      expect(plain.certificate).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});
