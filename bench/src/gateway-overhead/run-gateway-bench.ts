import type { ChatCompletionRequest } from '@bedrock-bridge/format';
import { createStack } from '@bedrock-bridge/gateway';
import { chatCompletionStream, createBackend } from '@bedrock-bridge/openai';
import OpenAI from 'openai';
import { summarize } from '../stats.js';
import { type BenchProcess, startBenchProcess } from './bench-process.js';
import { benchAgent, sseRequest } from './sse-request.js';

export { formatGatewayBench } from './format-gateway-bench.js';

/** Options of `runGatewayBench`. Defaults take about a minute. */
export interface GatewayBenchOptions {
  /** Concurrency levels. Default `[1, 16, 64]`. */
  concurrency?: number[];
  /** Length of one measured round, in ms. Default `2000`. */
  durationMs?: number;
  /** Rounds per (system, concurrency), systems taking turns; figures are medians. Default `3`. */
  rounds?: number;
  /** Streams held open at once to measure memory per open stream. Default `64`. */
  openStreams?: number;
  /** Text deltas per answer. Default `8`. */
  deltas?: number;
  /** Also measure the gateway through the official `openai` client. Default `true`. */
  openaiClient?: boolean;
  /** Progress lines. Default: silent. */
  log?: (line: string) => void;
}

/**
 * `direct`: the recipe (format + transport) in the load generator's process.
 * `gateway`: the gateway in its own process, called with plain `node:http`.
 * `gateway-openai`: the same gateway called with the official `openai` client.
 */
export type BenchSystem = 'direct' | 'gateway' | 'gateway-openai';

/** CPU time per streamed answer in each process, in ms (insensitive to other load). */
export interface CpuPerCall {
  /** The load generator: the recipe for `direct`, the HTTP client otherwise. */
  client: number;
  /** The gateway process (HTTP server + recipe); 0 for `direct`. */
  gateway: number;
  emulator: number;
}

/** One measured (system, concurrency) cell. */
export interface ThroughputRow {
  system: BenchSystem;
  concurrency: number;
  /** Completed streamed answers per second (median over rounds). */
  requestsPerSecond: number;
  /** Time to the first content token, median over every request of every round. */
  ttftMedianMs: number;
  /**
   * The gateway's own time to first token, from a request's arrival to its first token handed
   * to the socket (its log's `ttftMs`), median; `undefined` for `direct`. What is left of
   * `ttftMedianMs` is the loopback hop and the client's own parsing.
   */
  serverTtftMedianMs?: number;
  /** Whole answer, median over every request. */
  latencyMedianMs: number;
  cpuMsPerCall: CpuPerCall;
  requests: number;
}

export interface MemoryRow {
  system: BenchSystem;
  openStreams: number;
  /** Heap growth per open stream in the process serving it (load generator for `direct`, gateway otherwise). */
  heapBytesPerStream: number;
}

export interface GatewayBenchResult {
  node: string;
  /** Load average (1 min) when the run started and ended; figures are rough when it exceeds the cores. */
  loadAverage: [number, number];
  cores: number;
  throughput: ThroughputRow[];
  memory: MemoryRow[];
}

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const REQUEST: ChatCompletionRequest = {
  model: MODEL,
  messages: [{ role: 'user', content: 'bench' }],
  stream: true,
};

/** The median of `values` (which it does not modify). */
function median(values: readonly number[]): number {
  return summarize(values).median;
}

type Call = (signal?: AbortSignal, onFirst?: () => void) => Promise<[number, number]>;

/**
 * Measures what the HTTP gateway costs on top of calling the recipe (format + transport)
 * directly. The emulator and the gateway each run in their own process and the load generator
 * in this one, so a process's CPU time per call is its own: req/s, time to first token, CPU
 * time per call per process at each concurrency, and heap per open stream.
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
  const { loadavg, availableParallelism } = await import('node:os');

  const emulator = await startBenchProcess('emulator', String(options.deltas ?? 8));
  let gateway: BenchProcess | undefined;
  const stack = await createStack({ endpoint: emulator.url, env: {} });
  const agent = benchAgent();
  try {
    gateway = await startBenchProcess('gateway', emulator.url);
    const url = new URL('/v1/chat/completions', gateway.url);
    const body = Buffer.from(JSON.stringify(REQUEST));
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'bench', maxRetries: 0 });
    // Resolved like the gateway does: against the discovered catalogue (cached).
    const discovered = await createBackend(stack).discovered();
    const context = { transport: stack.transport, region: stack.region, discovered };

    const calls: Partial<Record<BenchSystem, Call>> = {
      async direct(signal, onFirst) {
        const start = performance.now();
        let first = -1;
        for await (const chunk of chatCompletionStream(REQUEST, {
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
      gateway: (signal, onFirst) => sseRequest(url, body, agent, signal, onFirst),
    };
    if (options.openaiClient !== false) {
      calls['gateway-openai'] = async (signal, onFirst) => {
        const start = performance.now();
        let first = -1;
        const stream = await openai.chat.completions.create(
          { model: MODEL, messages: [{ role: 'user', content: 'bench' }], stream: true },
          signal ? { signal } : {},
        );
        for await (const chunk of stream) {
          if (first < 0 && chunk.choices[0]?.delta.content) {
            first = performance.now() - start;
            onFirst?.();
          }
        }
        return [first, performance.now() - start];
      };
    }
    const systems = Object.keys(calls) as BenchSystem[];
    const gw = gateway;
    const cpuNow = async (): Promise<CpuPerCall> => {
      const { user, system } = process.cpuUsage();
      return {
        client: (user + system) / 1000,
        gateway: await gw.cpuMs(),
        emulator: await emulator.cpuMs(),
      };
    };

    const result: GatewayBenchResult = {
      node: process.version,
      loadAverage: [loadavg()[0] ?? 0, 0],
      cores: availableParallelism(),
      throughput: [],
      memory: [],
    };
    for (const system of systems) {
      for (let i = 0; i < 50; i++) await (calls[system] as Call)(); // warm-up
    }
    await gw.ttftSamples(); // drop the warm-up's
    for (const concurrency of levels) {
      const cells = new Map(
        systems.map((s) => [
          s,
          {
            perSecond: [] as number[],
            ttft: [] as number[],
            latency: [] as number[],
            serverTtft: [] as number[],
            cpu: { client: 0, gateway: 0, emulator: 0 },
          },
        ]),
      );
      // Systems take turns round by round, so a burst of outside load hits them alike.
      for (let round = 0; round < rounds; round++) {
        for (const system of systems) {
          const cell = cells.get(system) as NonNullable<ReturnType<typeof cells.get>>;
          const call = calls[system] as Call;
          let done = 0;
          const before = await cpuNow();
          const start = performance.now();
          const end = start + durationMs;
          await Promise.all(
            Array.from({ length: concurrency }, async () => {
              while (performance.now() < end) {
                const [first, total] = await call();
                cell.ttft.push(first);
                cell.latency.push(total);
                done += 1;
              }
            }),
          );
          cell.perSecond.push(done / ((performance.now() - start) / 1000));
          const after = await cpuNow();
          const serverTtft = await gw.ttftSamples();
          if (system !== 'direct') cell.serverTtft.push(...serverTtft);
          for (const k of ['client', 'gateway', 'emulator'] as const) {
            cell.cpu[k] += after[k] - before[k];
          }
        }
      }
      for (const system of systems) {
        const cell = cells.get(system) as NonNullable<ReturnType<typeof cells.get>>;
        const n = cell.latency.length;
        const perCall = (ms: number) => Number((ms / n).toFixed(3));
        const row: ThroughputRow = {
          system,
          concurrency,
          requestsPerSecond: Math.round(median(cell.perSecond)),
          ttftMedianMs: Number(median(cell.ttft).toFixed(2)),
          ...(system === 'direct'
            ? {}
            : { serverTtftMedianMs: Number(median(cell.serverTtft).toFixed(2)) }),
          latencyMedianMs: Number(median(cell.latency).toFixed(2)),
          cpuMsPerCall: {
            client: perCall(cell.cpu.client),
            gateway: perCall(cell.cpu.gateway),
            emulator: perCall(cell.cpu.emulator),
          },
          requests: n,
        };
        result.throughput.push(row);
        log(
          `${system} c=${concurrency}: ${row.requestsPerSecond} req/s, ttft ${row.ttftMedianMs} ms (in the gateway ${row.serverTtftMedianMs ?? '-'}), cpu/call client ${row.cpuMsPerCall.client} gateway ${row.cpuMsPerCall.gateway} emulator ${row.cpuMsPerCall.emulator} ms`,
        );
      }
    }
    for (const system of ['direct', 'gateway'] as const) {
      result.memory.push(await measureOpenStreams(system, calls[system] as Call));
    }
    result.loadAverage[1] = loadavg()[0] ?? 0;
    return result;
  } finally {
    agent.destroy();
    await gateway?.close();
    await stack.close();
    await emulator.close();
  }

  /**
   * Heap with every stream open minus heap once they are closed and collected, in the process
   * that serves the streams (each child runs with --expose-gc; run the bench with it too).
   */
  async function measureOpenStreams(system: 'direct' | 'gateway', call: Call): Promise<MemoryRow> {
    const heap =
      system === 'direct'
        ? async () => {
            (globalThis as { gc?: () => void }).gc?.();
            return process.memoryUsage().heapUsed;
          }
        : () => (gateway as BenchProcess).heapBytes();
    await emulator.command({
      type: 'inject',
      fault: { type: 'stall', afterEvents: 4, times: openStreams, operation: 'converse-stream' },
    });
    const controllers = Array.from({ length: openStreams }, () => new AbortController());
    let opened = 0;
    let allOpen: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      allOpen = resolve;
    });
    const pending = controllers.map((controller) =>
      call(controller.signal, () => {
        opened += 1;
        if (opened === openStreams) allOpen();
      }).catch(() => undefined),
    );
    await ready;
    const open = await heap();
    for (const controller of controllers) controller.abort();
    await Promise.all(pending);
    await emulator.command({ type: 'clear-faults' });
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the servers see the closes
    const closed = await heap();
    const row = {
      system,
      openStreams,
      heapBytesPerStream: Math.max(0, Math.round((open - closed) / openStreams)),
    };
    log(`${system}: ${row.heapBytesPerStream} heap bytes per open stream`);
    return row;
  }
}
