/**
 * Per-call overhead of @bedrock-bridge/transport against the raw AWS SDK client with its defaults,
 * on the local emulator: converse and converseStream, http1 and http2, medians and ratios from one
 * run; then recovery after a stale pooled connection (fault to full answer).
 *
 *   pnpm --filter @bedrock-bridge/transport bench        (builds the package and this script)
 *   BENCH_N=300 pnpm --filter @bedrock-bridge/transport bench
 */
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { startEmulator } from '@bedrock-bridge/emulator';
import { createTransport, type Transport, type TransportEvent } from '@bedrock-bridge/transport';
import { NodeHttpHandler } from '@smithy/node-http-handler';

const N = Number(process.env.BENCH_N ?? 200);
const WARMUP = 20;
const RECOVERY_RUNS = Number(process.env.BENCH_RECOVERY_N ?? 30);
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const input = {
  modelId: MODEL,
  messages: [
    { role: 'user' as const, content: [{ text: 'benchmark prompt of a typical short size' }] },
  ],
};

type Call = () => Promise<void>;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function rawConverse(client: BedrockRuntimeClient): Call {
  return async () => {
    const out = await client.send(new ConverseCommand(input));
    if (out.output?.message?.content?.[0]?.text === undefined) throw new Error('no answer');
  };
}
function rawStream(client: BedrockRuntimeClient): Call {
  return async () => {
    const out = await client.send(new ConverseStreamCommand(input));
    let events = 0;
    for await (const _e of out.stream ?? []) events += 1;
    if (events === 0) throw new Error('no events');
  };
}
function ourConverse(t: Transport): Call {
  return async () => {
    const out = await t.converse(input);
    if (out.output?.message?.content?.[0]?.text === undefined) throw new Error('no answer');
  };
}
function ourStream(t: Transport): Call {
  return async () => {
    let events = 0;
    for await (const _e of t.converseStream(input)) events += 1;
    if (events === 0) throw new Error('no events');
  };
}

async function measure(variants: Record<string, Call>): Promise<Record<string, number>> {
  const names = Object.keys(variants);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < WARMUP + N; i++) {
    // Round-robin so that machine noise hits every variant alike.
    for (const name of names) {
      const start = performance.now();
      await variants[name]?.();
      if (i >= WARMUP) samples[name]?.push(performance.now() - start);
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(samples[n] ?? [])]));
}

async function main(): Promise<void> {
  const emulator = await startEmulator();
  const endpoint = emulator.url;
  const rawDefault = new BedrockRuntimeClient({ region: 'us-east-1', endpoint, credentials });
  const rawHttp1 = new BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint,
    credentials,
    requestHandler: new NodeHttpHandler(),
  });
  const ours = {
    http1: createTransport({
      endpoint,
      region: 'us-east-1',
      credentials,
      protocol: 'http1',
      env: {},
    }),
    http2: createTransport({
      endpoint,
      region: 'us-east-1',
      credentials,
      protocol: 'http2',
      env: {},
    }),
  };

  const converse = await measure({
    'raw SDK (defaults: http2, connection per request)': rawConverse(rawDefault),
    'raw SDK (NodeHttpHandler http1 keep-alive)': rawConverse(rawHttp1),
    'transport http1': ourConverse(ours.http1),
    'transport http2': ourConverse(ours.http2),
  });
  const stream = await measure({
    'raw SDK (defaults: http2, connection per request)': rawStream(rawDefault),
    'raw SDK (NodeHttpHandler http1 keep-alive)': rawStream(rawHttp1),
    'transport http1': ourStream(ours.http1),
    'transport http2': ourStream(ours.http2),
  });
  const base = 'raw SDK (defaults: http2, connection per request)';
  const rows = Object.keys(converse).map((name) => ({
    variant: name,
    'converse median ms': Number((converse[name] ?? 0).toFixed(2)),
    'converse ratio': Number(((converse[name] ?? 0) / (converse[base] ?? 1)).toFixed(2)),
    'stream median ms': Number((stream[name] ?? 0).toFixed(2)),
    'stream ratio': Number(((stream[name] ?? 0) / (stream[base] ?? 1)).toFixed(2)),
  }));
  console.log(
    `\nPer-call latency on the emulator (N=${N} per variant after ${WARMUP} warm-up calls, medians; ratio vs the raw SDK defaults)`,
  );
  console.table(rows);

  const recovery: Array<Record<string, string | number>> = [];
  for (const protocol of ['http1', 'http2'] as const) {
    const times: number[] = [];
    let retries = 0;
    let sleptMs = 0;
    for (let i = 0; i < RECOVERY_RUNS; i++) {
      await ours[protocol].converse(input); // a warm pooled connection to go stale
      emulator.inject({ type: 'stale-keep-alive', operation: 'converse' });
      const events: TransportEvent[] = [];
      const start = performance.now();
      await ours[protocol].converse(input, { onEvent: (e) => events.push(e) });
      times.push(performance.now() - start);
      for (const e of events) {
        if (e.type === 'retry') {
          retries += 1;
          sleptMs += e.delayMs;
        }
      }
    }
    recovery.push({
      variant: `transport ${protocol}`,
      'fault to full answer, median ms': Number(median(times).toFixed(2)),
      'retries per recovery': retries / RECOVERY_RUNS,
      'backoff slept, total ms': sleptMs,
    });
  }
  {
    const times: number[] = [];
    for (let i = 0; i < RECOVERY_RUNS; i++) {
      await rawHttp1.send(new ConverseCommand(input));
      emulator.inject({ type: 'stale-keep-alive', operation: 'converse' });
      const start = performance.now();
      await rawHttp1.send(new ConverseCommand(input));
      times.push(performance.now() - start);
    }
    recovery.push({
      variant: 'raw SDK http1 keep-alive (its own 3-attempt retry with backoff)',
      'fault to full answer, median ms': Number(median(times).toFixed(2)),
      'retries per recovery': 1,
      'backoff slept, total ms': 'SDK internal',
    });
  }
  console.log(`\nRecovery after a stale pooled connection (${RECOVERY_RUNS} runs, median)`);
  console.table(recovery);

  rawDefault.destroy();
  rawHttp1.destroy();
  await ours.http1.close();
  await ours.http2.close();
  await emulator.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
