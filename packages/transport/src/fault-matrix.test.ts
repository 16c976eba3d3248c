import { type Emulator, type Fault, startEmulator } from '@bedrock-bridge/emulator';
import { BedrockBridgeError, type ErrorKind } from '@bedrock-bridge/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transport } from './create-transport.js';
import { collect, guard, recorder, testTransport, userInput } from './test-support/harness.js';
import { testReportPath, writeTestReport } from './test-support/test-report.js';
import type { TransportProtocol } from './transport-options.js';

type Op = 'converse' | 'converseStream';
/** `answer`: the full, correct answer (possibly after retries); otherwise the error kind. */
type Outcome = 'answer' | ErrorKind;

interface Case {
  name: string;
  fault: Fault;
  converse: Outcome;
  converseStream: Outcome;
}

/** Every emulator fault, and what the transport must make of it. */
const CASES: Case[] = [
  {
    name: 'throttling',
    fault: { type: 'throttling', retryAfterSeconds: 0 },
    converse: 'answer',
    converseStream: 'answer',
  },
  {
    name: 'service-unavailable',
    fault: { type: 'service-unavailable' },
    converse: 'answer',
    converseStream: 'answer',
  },
  {
    name: 'internal-server',
    fault: { type: 'internal-server' },
    converse: 'answer',
    converseStream: 'answer',
  },
  {
    name: 'model-not-ready',
    fault: { type: 'model-not-ready' },
    converse: 'answer',
    converseStream: 'answer',
  },
  {
    name: 'model-timeout',
    fault: { type: 'model-timeout' },
    converse: 'answer',
    converseStream: 'answer',
  },
  {
    name: 'throttling x3 (budget spent)',
    fault: { type: 'throttling', retryAfterSeconds: 0, times: 3 },
    converse: 'rate_limit',
    converseStream: 'rate_limit',
  },
  {
    name: 'context-overflow',
    fault: { type: 'context-overflow' },
    converse: 'context_overflow',
    converseStream: 'context_overflow',
  },
  {
    name: 'access-denied',
    fault: { type: 'access-denied' },
    converse: 'access_denied',
    converseStream: 'access_denied',
  },
  {
    name: 'invalid-credentials',
    fault: { type: 'invalid-credentials' },
    converse: 'auth',
    converseStream: 'auth',
  },
  {
    name: 'quota-exceeded (per day)',
    fault: { type: 'quota-exceeded' },
    converse: 'quota_exceeded',
    converseStream: 'quota_exceeded',
  },
  {
    name: 'stream throttlingException @2',
    fault: { type: 'stream-exception', exception: 'throttlingException' },
    converse: 'answer',
    converseStream: 'rate_limit',
  },
  {
    name: 'stream modelStreamErrorException @0',
    fault: { type: 'stream-exception', exception: 'modelStreamErrorException', afterEvents: 0 },
    converse: 'answer',
    converseStream: 'answer',
  },
  {
    name: 'stream internalServerException @2',
    fault: { type: 'stream-exception', exception: 'internalServerException' },
    converse: 'answer',
    converseStream: 'overloaded',
  },
  {
    name: 'stream serviceUnavailableException @0',
    fault: { type: 'stream-exception', exception: 'serviceUnavailableException', afterEvents: 0 },
    converse: 'answer',
    converseStream: 'answer',
  },
  {
    name: 'stream throttlingException @0',
    fault: { type: 'stream-exception', exception: 'throttlingException', afterEvents: 0 },
    converse: 'answer',
    converseStream: 'answer',
  },
  {
    name: 'stream modelStreamErrorException @2',
    fault: { type: 'stream-exception', exception: 'modelStreamErrorException' },
    converse: 'answer',
    converseStream: 'stream_truncated',
  },
  {
    name: 'stream internalServerException @0',
    fault: { type: 'stream-exception', exception: 'internalServerException', afterEvents: 0 },
    converse: 'answer',
    converseStream: 'answer',
  },
  {
    name: 'stream serviceUnavailableException @2',
    fault: { type: 'stream-exception', exception: 'serviceUnavailableException' },
    converse: 'answer',
    converseStream: 'overloaded',
  },
  {
    name: 'stream validationException @2 (overflow wording)',
    fault: { type: 'stream-exception', exception: 'validationException' },
    converse: 'context_overflow',
    converseStream: 'context_overflow',
  },
  {
    name: 'stream validationException @2 (plain)',
    fault: {
      type: 'stream-exception',
      exception: 'validationException',
      message: 'Malformed input request: #/inferenceConfig/temperature: expected type: Number',
    },
    converse: 'validation',
    converseStream: 'validation',
  },
  {
    name: 'cut @0',
    fault: { type: 'cut', afterEvents: 0 },
    converse: 'answer',
    converseStream: 'answer',
  },
  {
    name: 'cut @2',
    fault: { type: 'cut' },
    converse: 'answer',
    converseStream: 'stream_truncated',
  },
  {
    name: 'reset @0',
    fault: { type: 'reset', afterEvents: 0 },
    converse: 'answer',
    converseStream: 'answer',
  },
  {
    name: 'reset @2',
    fault: { type: 'reset' },
    converse: 'answer',
    converseStream: 'stream_truncated',
  },
  {
    name: 'stall @0',
    fault: { type: 'stall', afterEvents: 0 },
    converse: 'answer',
    converseStream: 'answer',
  },
  { name: 'stall @2', fault: { type: 'stall' }, converse: 'answer', converseStream: 'timeout' },
  { name: 'blackhole', fault: { type: 'blackhole' }, converse: 'answer', converseStream: 'answer' },
  {
    name: 'stale-keep-alive',
    fault: { type: 'stale-keep-alive' },
    converse: 'answer',
    converseStream: 'answer',
  },
  {
    name: 'no-message-stop',
    fault: { type: 'no-message-stop' },
    converse: 'answer',
    converseStream: 'stream_truncated',
  },
  {
    name: 'corrupt-frame @0',
    fault: { type: 'corrupt-frame', afterEvents: 0 },
    converse: 'answer',
    converseStream: 'answer',
  },
  {
    name: 'corrupt-frame @2',
    fault: { type: 'corrupt-frame' },
    converse: 'answer',
    converseStream: 'stream_truncated',
  },
  {
    name: 'slow-first-byte 200 ms',
    fault: { type: 'slow-first-byte', delayMs: 200 },
    converse: 'answer',
    converseStream: 'answer',
  },
  {
    name: 'slow-first-byte 3 s',
    fault: { type: 'slow-first-byte', delayMs: 3000 },
    converse: 'answer',
    converseStream: 'answer',
  },
  {
    name: 'pause @2 400 ms (within idleMs)',
    fault: { type: 'pause', delayMs: 400 },
    converse: 'answer',
    converseStream: 'answer',
  },
];

const PROMPT = 'the quick brown fox jumps over the lazy dog';
const EXPECTED_TEXT = `Echo: ${PROMPT}`;
/** Far above any deadline of the test transport: reaching it means the call hung. */
const HANG_GUARD_MS = 20_000;

interface Row {
  fault: string;
  protocol: TransportProtocol;
  op: Op;
  expected: Outcome;
  got: string;
  attempts: number;
  retries: string;
}

async function runCase(
  transport: Transport,
  op: Op,
): Promise<{ got: string; attempts: number; retries: string }> {
  const rec = recorder();
  const run = async (): Promise<string> => {
    try {
      if (op === 'converse') {
        const out = await transport.converse(userInput(PROMPT), { onEvent: rec.onEvent });
        const text = out.output?.message?.content?.[0]?.text;
        return text === EXPECTED_TEXT ? 'answer' : `WRONG ANSWER: ${JSON.stringify(text)}`;
      }
      const { text, events } = await collect(
        transport.converseStream(userInput(PROMPT), { onEvent: rec.onEvent }),
      );
      const last = events.slice(-2).map((e) => Object.keys(e)[0]);
      if (text !== EXPECTED_TEXT) return `SILENT TRUNCATION: ${JSON.stringify(text)}`;
      if (!last.includes('messageStop') || !last.includes('metadata')) return 'NO messageStop';
      return 'answer';
    } catch (err) {
      if (!BedrockBridgeError.is(err)) return `UNCLASSIFIED ${String(err)}`;
      if (!(err.message.length > 0) || err.cause === undefined) {
        return `NO MESSAGE/CAUSE ${err.kind}`;
      }
      return err.kind;
    }
  };
  const got = await guard(run(), HANG_GUARD_MS);
  const attempts = rec.events.filter((e) => e.type === 'attempt').length;
  const retries = rec.events
    .filter((e) => e.type === 'retry' || e.type === 'timeout' || e.type === 'evict')
    .map((e) =>
      e.type === 'timeout'
        ? `timeout:${e.phase}`
        : e.type === 'evict'
          ? 'evict'
          : `retry:${e.reason}`,
    )
    .join(' ');
  return { got, attempts, retries };
}

describe('fault matrix: every emulator fault x {converse, converseStream} x {http1, http2}', () => {
  let emulator: Emulator;
  const rows: Row[] = [];

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    const failed = rows.filter((r) => r.got !== r.expected).length;
    const path = writeTestReport('fault-matrix.txt', formatRows(rows));
    console.log(`fault matrix: ${rows.length} cases, ${failed} unexpected; table in ${path}`);
    await emulator.close();
  });

  for (const protocol of ['http1', 'http2'] as const) {
    describe(protocol, () => {
      let transport: Transport;
      beforeAll(async () => {
        transport = testTransport(emulator, protocol);
        // Warm the pool so faults hit a reused connection, as in production.
        await transport.converse(userInput('warm up'));
      });
      afterAll(async () => {
        await transport.close();
      });

      for (const c of CASES) {
        for (const op of ['converse', 'converseStream'] as const) {
          it(`${c.name} / ${op}`, { timeout: 30_000 }, async () => {
            emulator.clearFaults();
            emulator.inject({
              ...c.fault,
              operation: op === 'converse' ? 'converse' : 'converse-stream',
            });
            const result = await runCase(transport, op);
            emulator.clearFaults();
            rows.push({ fault: c.name, protocol, op, expected: c[op], ...result });
            const where = `(the whole table: ${testReportPath('fault-matrix.txt')})`;
            expect(result.got, where).not.toBe('HANG');
            expect(result.got, where).toBe(c[op]);
          });
        }
      }
    });
  }
});

/** The rows as a fixed-width text table, one case a line. */
function formatRows(rows: readonly Row[]): string {
  const header = ['fault', 'protocol', 'op', 'expected', 'got', 'attempts', 'retries'] as const;
  const cells = rows.map((r) => header.map((h) => String(r[h])));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...cells.map(line)].join('\n') + '\n';
}
