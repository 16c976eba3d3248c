import type { ChatCompletionRequest } from '@bedrock-bridge/format';
import { chatCompletionStream } from '../chat-completion.js';
import { createBackend } from '../create-backend.js';
import { createStack } from '../create-stack.js';
import { createServer } from '../server/create-server.js';

/** Options of `runGatewayBench`. Defaults take about 40 s. */
export interface GatewayBenchOptions {
  /** Concurrency levels. Default `[1, 16, 64]`. */
  concurrency?: number[];
  /** Length of one measured round, in ms. Default `2000`. */
  durationMs?: number;
  /** Rounds per (system, concurrency); figures are medians over rounds. Default `3`. */
  rounds?: number;
  /** Streams held open at once to measure memory per open stream. Default `64`. */
  openStreams?: number;
  /** Progress lines. Default: silent. */
  log?: (line: string) => void;
}

export type BenchSystem = 'direct' | 'gateway';

/** One measured (system, concurrency) cell. */
export interface ThroughputRow {
  /** `direct`: the recipe in-process (format + transport). `gateway`: the same over HTTP + SSE. */
  system: BenchSystem;
  concurrency: number;
  /** Completed streamed answers per second (median over rounds). */
  requestsPerSecond: number;
  /** Time to the first content token, median over every request of every round. */
  ttftMedianMs: number;
  /** Whole answer, median over every request. */
  latencyMedianMs: number;
  requests: number;
}

export interface MemoryRow {
  system: BenchSystem;
  openStreams: number;
  /** Heap growth per open stream (process-wide: client, gateway and transport sides). */
  heapBytesPerStream: number;
}

export interface GatewayBenchResult {
  node: string;
  throughput: ThroughputRow[];
  memory: MemoryRow[];
}

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const request = (text: string): ChatCompletionRequest => ({
  model: MODEL,
  messages: [{ role: 'user', content: text }],
  stream: true,
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Measures what the HTTP gateway costs on top of calling the recipe (format + transport)
 * directly, against an in-process emulator on loopback: requests/s and time to first token at
 * each concurrency, and heap per open stream. Both systems run the same code below the HTTP layer.
 */
export async function runGatewayBench(
  options: GatewayBenchOptions = {},
): Promise<GatewayBenchResult> {
  const levels = options.concurrency ?? [1, 16, 64];
  const durationMs = options.durationMs ?? 2000;
  const rounds = options.rounds ?? 3;
  const openStreams = options.openStreams ?? 64;
  const log = options.log ?? (() => {});
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

  const stack = await createStack({ emulator: { deltas: 8 }, env: {} });
  const backend = createBackend(stack);
  const gateway = createServer({ backend, log: false });
  const url = `${await gateway.listen(0)}/v1/chat/completions`;
  const discovered = await backend.discovered();
  const context = { transport: stack.transport, region: stack.region, discovered };

  /** One streamed answer; resolves with [ttft, total] in ms. */
  const calls: Record<
    BenchSystem,
    (signal?: AbortSignal, onFirst?: () => void) => Promise<[number, number]>
  > = {
    async direct(signal, onFirst) {
      const start = performance.now();
      let first = -1;
      for await (const chunk of chatCompletionStream(request('bench'), {
        ...context,
        ...(signal ? { signal } : {}),
      })) {
        if (first < 0 && chunk.choices[0]?.delta.content) {
          first = performance.now() - start;
          onFirst?.();
        }
      }
      return [first, performance.now() - start];
    },
    async gateway(signal, onFirst) {
      const start = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request('bench')),
        ...(signal ? { signal } : {}),
      });
      let first = -1;
      let tail = '';
      const decoder = new TextDecoder();
      for await (const part of response.body as unknown as AsyncIterable<Uint8Array>) {
        tail += decoder.decode(part, { stream: true });
        // The first chunk carries the role and an empty content; wait for a real token.
        if (first < 0 && /"content":"[^"]/.test(tail)) {
          first = performance.now() - start;
          onFirst?.();
        }
        tail = tail.slice(-32);
      }
      if (!tail.includes('[DONE]')) throw new Error('gateway stream did not complete');
      return [first, performance.now() - start];
    },
  };

  const result: GatewayBenchResult = { node: process.version, throughput: [], memory: [] };
  try {
    for (const system of ['direct', 'gateway'] as const) {
      for (let i = 0; i < 20; i++) await calls[system](); // warm-up
      for (const concurrency of levels) {
        const perSecond: number[] = [];
        const ttft: number[] = [];
        const latency: number[] = [];
        for (let round = 0; round < rounds; round++) {
          let done = 0;
          const start = performance.now();
          const end = start + durationMs;
          await Promise.all(
            Array.from({ length: concurrency }, async () => {
              while (performance.now() < end) {
                const [first, total] = await calls[system]();
                ttft.push(first);
                latency.push(total);
                done += 1;
              }
            }),
          );
          perSecond.push(done / ((performance.now() - start) / 1000));
        }
        const row: ThroughputRow = {
          system,
          concurrency,
          requestsPerSecond: Math.round(median(perSecond)),
          ttftMedianMs: Number(median(ttft).toFixed(2)),
          latencyMedianMs: Number(median(latency).toFixed(2)),
          requests: latency.length,
        };
        result.throughput.push(row);
        log(
          `${system} c=${concurrency}: ${row.requestsPerSecond} req/s, ttft ${row.ttftMedianMs} ms`,
        );
      }
      result.memory.push(await measureOpenStreams(system));
    }
  } finally {
    await gateway.close(0);
    await stack.close();
  }
  return result;

  /**
   * Heap with every stream open minus heap once they are closed and collected: what an open
   * stream holds, client and server sides together (run with --expose-gc for steady figures).
   */
  async function measureOpenStreams(system: BenchSystem): Promise<MemoryRow> {
    const gc = (globalThis as { gc?: () => void }).gc;
    stack.emulator?.inject({
      type: 'stall',
      afterEvents: 4,
      times: openStreams,
      operation: 'converse-stream',
    });
    const controllers = Array.from({ length: openStreams }, () => new AbortController());
    let opened = 0;
    let allOpen: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      allOpen = resolve;
    });
    const pending = controllers.map((controller) =>
      calls[system](controller.signal, () => {
        opened += 1;
        if (opened === openStreams) allOpen();
      }).catch(() => undefined),
    );
    await ready;
    gc?.();
    const open = process.memoryUsage().heapUsed;
    for (const controller of controllers) controller.abort();
    await Promise.all(pending);
    stack.emulator?.clearFaults();
    await new Promise((resolve) => setTimeout(resolve, 50)); // let sockets finish closing
    gc?.();
    const closed = process.memoryUsage().heapUsed;
    const row = {
      system,
      openStreams,
      heapBytesPerStream: Math.max(0, Math.round((open - closed) / openStreams)),
    };
    log(`${system}: ${row.heapBytesPerStream} heap bytes per open stream`);
    return row;
  }
}

/** The figures as a Markdown table (gateway overhead in the last columns). */
export function formatGatewayBench(result: GatewayBenchResult): string {
  const lines = [
    '| concurrency | direct req/s | gateway req/s | direct TTFT (median) | gateway TTFT (median) |',
    '|---:|---:|---:|---:|---:|',
  ];
  for (const direct of result.throughput.filter((r) => r.system === 'direct')) {
    const gw = result.throughput.find(
      (r) => r.system === 'gateway' && r.concurrency === direct.concurrency,
    );
    lines.push(
      `| ${direct.concurrency} | ${direct.requestsPerSecond} | ${gw?.requestsPerSecond ?? '-'} | ${direct.ttftMedianMs} ms | ${gw?.ttftMedianMs ?? '-'} ms |`,
    );
  }
  lines.push('', '| system | open streams | heap per open stream |', '|---|---:|---:|');
  for (const m of result.memory) {
    lines.push(
      `| ${m.system} | ${m.openStreams} | ${(m.heapBytesPerStream / 1024).toFixed(1)} KiB |`,
    );
  }
  return lines.join('\n');
}
