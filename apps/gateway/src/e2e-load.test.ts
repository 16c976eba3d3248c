import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { FaultSpec } from '@bedrock-bridge/emulator';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './test-support/start-gateway.js';

/*
 * A bounded load test on loopback: CONCURRENCY clients stream answers for DURATION_MS with about
 * 1% of upstream requests faulted. Every answer must be complete or a clear error; nothing may
 * be lost or silently shortened; what the process retains after a full GC must not grow with
 * the requests served. Throughput figures are printed, not asserted.
 */

const CONCURRENCY = 64;
const DURATION_MS = Number(process.env.GATEWAY_LOAD_MS ?? 20_000);
/**
 * Heap the process may keep per request served, after a full GC: far below what one request
 * allocates (a request, its SSE chunks, the emulator's frames), so a leak of any per-request
 * object shows. The harness's own records are cleared before measuring.
 */
const RETAINED_BYTES_PER_REQUEST = 1_024;
/** Fixed slack for what settles once (JIT code, pools, caches). */
const RETAINED_SLACK_BYTES = 8 * 1_048_576;
/** What each injected fault may end as, when it is not healed by a retry. */
const CLEAR_CODES = new Set([
  'stream_truncated',
  'upstream_connection_lost',
  'upstream_timeout',
  'rate_limit_exceeded',
  'overloaded',
]);

/** A full garbage collection, without starting Node with --expose-gc. */
function fullGc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
const FAULT_RATE = 0.01;
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

const FAULTS: FaultSpec[] = [
  { type: 'cut', afterEvents: 3 },
  { type: 'reset', afterEvents: 3 },
  { type: 'no-message-stop' },
  { type: 'stream-exception', exception: 'modelStreamErrorException', afterEvents: 3 },
  { type: 'stream-exception', exception: 'throttlingException', afterEvents: 0 },
  { type: 'throttling' },
  { type: 'service-unavailable' },
  { type: 'stale-keep-alive' },
  { type: 'stall', afterEvents: 3 },
];

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({
    transport: { timeouts: { idleMs: 1500, firstByteMs: 5000 } },
  });
});
afterAll(async () => {
  await t.close();
});

interface Tally {
  complete: number;
  clearErrors: number;
  silentlyWrong: number;
  errorCodes: Record<string, number>;
  faultsInjected: number;
}

async function oneRequest(n: number, tally: Tally): Promise<void> {
  if (Math.random() < FAULT_RATE) {
    const fault = FAULTS[Math.floor(Math.random() * FAULTS.length)] as FaultSpec;
    t.emulator.inject({ ...fault, operation: 'converse-stream' });
    tally.faultsInjected += 1;
  }
  const prompt = `load request ${n}`;
  let text = '';
  let finish: string | null | undefined;
  try {
    const stream = await t.client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: prompt }],
      stream: true,
    });
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
  } catch (error) {
    if (
      error instanceof OpenAI.APIError &&
      CLEAR_CODES.has(String(error.code)) &&
      error.message.length > 10
    ) {
      tally.clearErrors += 1;
      const code = String(error.code ?? error.status ?? 'none');
      tally.errorCodes[code] = (tally.errorCodes[code] ?? 0) + 1;
      return;
    }
    throw error;
  }
  if (text === `Echo: ${prompt}` && finish === 'stop') tally.complete += 1;
  else tally.silentlyWrong += 1;
}

describe(`load: ${CONCURRENCY} concurrent streams`, () => {
  it('completes or clearly fails every request, loses none, keeps memory bounded', {
    timeout: DURATION_MS + 60_000,
  }, async () => {
    // warm up pools and JIT before the baseline
    await Promise.all(
      Array.from({ length: CONCURRENCY }, (_, i) => oneRequest(-i - 1, emptyTally())),
    );
    const forget = () => {
      t.emulator.requests.length = 0;
      t.events.length = 0;
      t.logs.length = 0;
    };
    forget();
    fullGc();
    const before = process.memoryUsage();
    const tally = emptyTally();
    let started = 0;
    const deadline = performance.now() + DURATION_MS;
    const begin = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < deadline) {
          started += 1;
          await oneRequest(started, tally);
        }
      }),
    );
    const seconds = (performance.now() - begin) / 1000;
    t.emulator.clearFaults();
    forget();
    fullGc();
    const after = process.memoryUsage();
    const mb = (bytes: number) => Math.round(bytes / 1048576);
    console.log(
      `[load] ${started} streams in ${seconds.toFixed(1)} s at concurrency ${CONCURRENCY} ` +
        `(${(started / seconds).toFixed(0)}/s): ${tally.complete} complete, ${tally.clearErrors} clear errors ` +
        `${JSON.stringify(tally.errorCodes)}, ${tally.silentlyWrong} silently wrong; ` +
        `${tally.faultsInjected} faults injected; heap after full GC ${mb(before.heapUsed)} -> ${mb(after.heapUsed)} MB ` +
        `(${Math.round((after.heapUsed - before.heapUsed) / started)} bytes per request), ` +
        `rss ${mb(before.rss)} -> ${mb(after.rss)} MB; gateway in flight at end: ${t.gateway.inFlight}`,
    );
    expect(tally.complete + tally.clearErrors).toBe(started);
    expect(tally.silentlyWrong).toBe(0);
    expect(tally.complete).toBeGreaterThan(started * 0.9);
    expect(t.gateway.inFlight).toBe(0);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(
      RETAINED_SLACK_BYTES + RETAINED_BYTES_PER_REQUEST * started,
    );
  });
});

function emptyTally(): Tally {
  return { complete: 0, clearErrors: 0, silentlyWrong: 0, errorCodes: {}, faultsInjected: 0 };
}
