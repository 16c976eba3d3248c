import { readFileSync } from 'node:fs';
import { type Emulator, startEmulator } from '@bedrock-bridge/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, testTransport, userInput } from './test-support/harness.js';
import type { TransportProtocol } from './transport-options.js';

// The transport against the emulator's TLS mode (HTTP/2 or HTTP/1.1 negotiated by ALPN, as
// Bedrock serves them), certificate verification on: vitest's global setup makes the workers
// trust the certificate through NODE_EXTRA_CA_CERTS (see test-support/tls-setup.ts).

const certPath = process.env.BEDROCK_BRIDGE_TEST_TLS_CERT;
const keyPath = process.env.BEDROCK_BRIDGE_TEST_TLS_KEY;

describe.each<TransportProtocol>(['http2', 'http1'])(
  'the transport over TLS (%s by ALPN)',
  (protocol) => {
    let emulator: Emulator;
    beforeAll(async () => {
      if (!certPath || !keyPath) throw new Error('the TLS global setup did not run');
      emulator = await startEmulator({
        tls: { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') },
        deltas: 3,
      });
    });
    afterAll(async () => {
      await emulator.close();
    });

    it('answers converse and converse-stream, on the protocol ALPN picked', async () => {
      const transport = testTransport(emulator, protocol);
      try {
        expect(emulator.url).toMatch(/^https:/);
        const out = await transport.converse(userInput('hello'));
        expect(out.output?.message?.content?.[0]?.text).toBe('Echo: hello');
        const { text } = await collect(transport.converseStream(userInput('again')));
        expect(text).toBe('Echo: again');
        expect(emulator.requests.at(-1)?.protocol).toBe(protocol);
      } finally {
        transport.close();
      }
    });

    it('retries a throttle before the first event and succeeds', async () => {
      const transport = testTransport(emulator, protocol);
      try {
        emulator.inject({ type: 'throttling', operation: 'converse-stream' });
        const { text } = await collect(transport.converseStream(userInput('after a throttle')));
        expect(text).toBe('Echo: after a throttle');
        expect(emulator.requests.slice(-2).map((r) => r.status)).toEqual([429, 200]);
      } finally {
        transport.close();
      }
    });

    it('reports a stream cut after two events as truncated, never as a short success', async () => {
      const transport = testTransport(emulator, protocol, { retry: { maxAttempts: 1 } });
      try {
        emulator.inject({ type: 'cut', afterEvents: 2, operation: 'converse-stream' });
        const error = await collect(transport.converseStream(userInput('cut me'))).catch(
          (err: unknown) => err as { kind?: string },
        );
        expect(error).toMatchObject({
          kind: expect.stringMatching(/stream_truncated|stale_connection/),
        });
      } finally {
        transport.close();
      }
    });
  },
);
