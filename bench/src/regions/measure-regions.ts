import { type Emulator, startEmulator } from '@bedrock-bridge/emulator';
import { createRouter, type TransportEvent } from '@bedrock-bridge/transport';

/** Settings of the regions section. */
export interface RegionsSettings {
  /** Streamed requests per run. */
  requests: number;
  /** Clients sending them, each one request after another. */
  concurrency: number;
  /** The router's first-byte deadline for streams. */
  firstByteMs: number;
}

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

/** One run's figures. */
export interface RegionsRun {
  name: string;
  ok: number;
  failed: number;
  /** Kinds of the failures, counted. */
  failures: Record<string, number>;
  /** Time to first token, ms: p50, p90, p99, max. */
  ttft: { p50: number; p90: number; p99: number; max: number };
  /** Upstream attempts by region. */
  attempts: Record<string, number>;
  failovers: number;
  /** Cool-downs: region, reason and ms since the run started. */
  cooldowns: Array<{ upstream: string; reason: string; atMs: number }>;
  /** Requests the throttling region answered with a throttle, of all it received. */
  throttled: { faulted: number; received: number };
  /** ms from the run's start to the first attempt on the blackholed region. */
  blackholeFirstAttemptMs?: number;
  seconds: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] as number;
}

async function runOnce(
  name: string,
  settings: RegionsSettings,
  faulted: boolean,
): Promise<RegionsRun> {
  const emulators: Emulator[] = await Promise.all(
    REGIONS.map(() => startEmulator({ paceMs: 2, deltas: 8 })),
  );
  const [, throttling, blackholed] = emulators as [Emulator, Emulator, Emulator];
  const events: Array<TransportEvent & { at: number }> = [];
  const started = performance.now();
  const router = createRouter({
    upstreams: REGIONS.map((region, i) => ({
      region,
      endpoint: (emulators[i] as Emulator).url,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'bench' },
    })),
    env: {},
    timeouts: { firstByteMs: settings.firstByteMs },
    maxSockets: 256,
    onEvent: (event) => events.push({ ...event, at: performance.now() - started }),
  });
  let topUp: NodeJS.Timeout | undefined;
  if (faulted) {
    blackholed.inject({ type: 'blackhole', times: 1_000_000, operation: 'converse-stream' });
    // Half of what reaches the throttling region is throttled: one fault queued at a time,
    // whenever fewer than half of its requests so far were throttled.
    let injected = 0;
    topUp = setInterval(() => {
      const received = throttling.requests.length;
      const hit = throttling.requests.filter((r) => r.fault === 'throttling').length;
      if (injected === hit && hit * 2 <= received) {
        throttling.inject({ type: 'throttling', operation: 'converse-stream' });
        injected += 1;
      }
    }, 1);
  }
  const ttfts: number[] = [];
  const failures: Record<string, number> = {};
  let next = 0;
  const client = async () => {
    while (next < settings.requests) {
      const n = next++;
      const t0 = performance.now();
      let first: number | undefined;
      try {
        const input = {
          modelId: MODEL,
          messages: [{ role: 'user' as const, content: [{ text: `request ${n}` }] }],
        };
        for await (const event of router.converseStream(input)) {
          if (first === undefined && event.contentBlockDelta?.delta?.text !== undefined) {
            first = performance.now() - t0;
          }
        }
        if (first !== undefined) ttfts.push(first);
      } catch (error) {
        const kind = String((error as { kind?: unknown }).kind ?? 'unknown');
        failures[kind] = (failures[kind] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: settings.concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(topUp);
  await router.close();
  await Promise.all(emulators.map((e) => e.close()));
  const sorted = ttfts.sort((a, b) => a - b);
  const attempts: Record<string, number> = {};
  for (const e of events) {
    if (e.type === 'attempt' && e.upstream) attempts[e.upstream] = (attempts[e.upstream] ?? 0) + 1;
  }
  const firstOnBlackhole = events.find((e) => e.type === 'attempt' && e.upstream === REGIONS[2]);
  return {
    name,
    ok: ttfts.length,
    failed: Object.values(failures).reduce((a, b) => a + b, 0),
    failures,
    ttft: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? Number.NaN,
    },
    attempts,
    failovers: events.filter((e) => e.type === 'failover').length,
    cooldowns: events
      .filter((e) => e.type === 'cooldown')
      .map((e) => ({
        upstream: e.upstream ?? '?',
        reason: e.type === 'cooldown' ? e.reason : '?',
        atMs: Math.round(e.at),
      })),
    throttled: {
      faulted: throttling.requests.filter((r) => r.fault === 'throttling').length,
      received: throttling.requests.length,
    },
    ...(faulted && firstOnBlackhole
      ? { blackholeFirstAttemptMs: Math.round(firstOnBlackhole.at) }
      : {}),
    seconds,
  };
}

/** The all-healthy run, then the faulted one (one region throttling half its calls, one blackholed). */
export async function measureRegions(settings: RegionsSettings): Promise<RegionsRun[]> {
  const healthy = await runOnce('all healthy', settings, false);
  const faulted = await runOnce('us-west-2 throttles 50%, eu-west-1 blackholed', settings, true);
  return [healthy, faulted];
}
