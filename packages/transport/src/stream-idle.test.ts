import { setTimeout as sleep } from 'node:timers/promises';
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Transport } from './create-transport.js';
import { recorder, sharedEmulator, testTransport, userInput } from './test-support/harness.js';

/**
 * The idle deadline counts the server's silence only while the caller waits for the next event:
 * a caller that holds an event longer than `idleMs` is not timed out, and the deadline is back
 * in force as soon as it asks for the next one.
 */

const IDLE_MS = 150;
/** How long the test's consumer holds an event: well past the idle deadline. */
const HOLD_MS = IDLE_MS * 4;

const emulator = sharedEmulator();

for (const protocol of ['http1', 'http2'] as const) {
  describe(`idle deadline over ${protocol}`, () => {
    let transport: Transport;
    beforeEach(() => {
      transport = testTransport(emulator, protocol, {
        timeouts: { firstByteMs: 5000, idleMs: IDLE_MS, totalMs: 20_000 },
      });
      return () => transport.close();
    });

    it('does not fire while the caller holds an event', async () => {
      const rec = recorder();
      const types: string[] = [];
      for await (const event of transport.converseStream(userInput('slow reader'), {
        onEvent: rec.onEvent,
      })) {
        types.push(Object.keys(event)[0] ?? '?');
        // A slow consumer, on purpose: it holds the first events past the idle deadline.
        if (types.length <= 2) await sleep(HOLD_MS);
      }
      expect(types.at(0)).toBe('messageStart');
      expect(types.slice(-2)).toEqual(['messageStop', 'metadata']);
      expect(rec.events.filter((e) => e.type === 'timeout')).toEqual([]);
      expect(rec.events.filter((e) => e.type === 'attempt')).toHaveLength(1);
    });

    it('is back in force once the caller asks again and the server is silent', async () => {
      emulator.inject({ type: 'stall', afterEvents: 2, operation: 'converse-stream' });
      const rec = recorder();
      const types: string[] = [];
      let failure: unknown;
      try {
        for await (const event of transport.converseStream(userInput('hold then stall'), {
          onEvent: rec.onEvent,
        })) {
          types.push(Object.keys(event)[0] ?? '?');
          if (types.length === 1) await sleep(HOLD_MS);
        }
      } catch (err) {
        failure = err;
      }
      expect(types).toEqual(['messageStart', 'contentBlockDelta']);
      expect(BedrockBridgeError.is(failure)).toBe(true);
      expect(failure).toMatchObject({ kind: 'timeout', code: 'IDLE_TIMEOUT' });
      expect(rec.events.filter((e) => e.type === 'timeout')).toMatchObject([
        { phase: 'idle', limitMs: IDLE_MS },
      ]);
    });
  });
}
