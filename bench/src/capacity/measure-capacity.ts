import { progress } from '../progress.js';
import {
  type LiveMemory,
  type ServiceProcess,
  spawnEmulator,
  spawnGateway,
  spawnService,
} from '../service-process.js';
import { type DecodeResult, measureDecoding } from './decode-bench.js';
import type { LoadPlan, LoadResult, TargetKind } from './load-plan.js';
import { processCpuMs, processRss } from './proc-stats.js';
import { runLoad } from './run-load.js';
import { type ProfileId, SLOW_TOKENS_PER_SECOND } from './workloads.js';

/** The core the gateway (or the floor proxy) runs on; the emulator and the load generator get the other. */
export const SERVER_CPU = '0';
export const LOAD_CPU = '1';
/** A rate step passes only when its p99 latency stays under this (no queue building up). */
export const PASS_P99_MS = 500;
/** ... and the generator kept to its schedule within this. */
export const MAX_SEND_LAG_MS = 100;

/** Settings of the capacity section. */
export interface CapacitySettings {
  /** Seconds per step of the saturation search. */
  stepSeconds: number;
  /** Seconds of the run at half of saturation. */
  halfSeconds: number;
  /** Bisection steps after the first failing rate. */
  bisections: number;
  /** Concurrent slow streams and how long each lasts (s). */
  slowStreams: number;
  slowSeconds: number;
  /** Which profiles to run. */
  profiles: ProfileId[];
  /** Calls of the in-process decoding comparison (SDK against the codec). */
  decodeCalls: number;
}

/** One step of the saturation search. */
export interface RateStep {
  rate: number;
  pass: boolean;
  /** Why it failed. */
  reason?: string;
  result: LoadResult;
}

/** One target (gateway or floor) under one rate profile. */
export interface RateTargetResult {
  target: TargetKind;
  steps: RateStep[];
  /** The highest rate that passed (0 when none did). */
  saturation: number;
  /** Whether the search stopped at its ceiling without a failure. */
  capped: boolean;
  /** The rate of the half-saturation run: half of the gateway's saturation, for both targets. */
  halfRate: number;
  /** The median of `halfRounds` by latency p99. */
  half?: LoadResult;
  /** Every round at half of saturation (`HALF_ROUNDS`, alternating with the other target). */
  halfRounds?: LoadResult[];
  /** Server CPU (user + system) per request over the half-rate rounds, ms. */
  cpuMsPerRequest?: number;
}

/** One target under the slow-stream profile. */
export interface SlowTargetResult {
  target: TargetKind;
  result: LoadResult;
  cpuMs: number;
  rssBefore: number;
  rssPeak: number;
  /** Server CPU per stream event received by the client (µs). */
  cpuUsPerEvent: number;
  /** Peak RSS minus RSS before, per open stream (bytes). */
  rssPerStream: number;
  /** Live memory (after a full GC) before the streams, and half-way through them. */
  liveBefore: LiveMemory;
  liveOpen?: LiveMemory;
  /**
   * What each open stream holds: the V8 heap and external memory in use after a full GC
   * half-way through the streams, minus the same before them, per stream (bytes).
   */
  livePerStream?: number;
}

/** Everything the capacity section measured. */
export interface CapacityResult {
  settings: CapacitySettings;
  decode?: DecodeResult;
  large?: RateTargetResult[];
  chat?: RateTargetResult[];
  slow?: SlowTargetResult[];
}

interface Targets {
  gateway: ServiceProcess;
  floor: ServiceProcess;
}

async function startTargets(emulatorUrl: string): Promise<Targets> {
  const gateway = await spawnGateway(emulatorUrl, false, SERVER_CPU);
  const floor = await spawnService(
    'capacity/floor-proxy-child.js',
    ['--upstream', emulatorUrl],
    SERVER_CPU,
  );
  return { gateway, floor };
}

function judge(result: LoadResult, seconds: number): string | undefined {
  if (result.errors > 0) return `${result.errors} errors (${result.firstError ?? ''})`;
  if (result.maxSendLagMs > MAX_SEND_LAG_MS)
    return `the load generator fell ${result.maxSendLagMs.toFixed(0)} ms behind its schedule`;
  if (result.latency.p99 > PASS_P99_MS)
    return `p99 ${result.latency.p99.toFixed(0)} ms > ${PASS_P99_MS} ms`;
  if (result.wallSeconds > seconds + 2)
    return `answers still arriving ${(result.wallSeconds - seconds).toFixed(1)} s after the last send`;
  return undefined;
}

async function rateProfile(
  profile: 'large' | 'chat',
  target: TargetKind,
  server: ServiceProcess,
  settings: CapacitySettings,
  start: number,
  ceiling: number,
): Promise<RateTargetResult> {
  const plan = (rate: number, seconds: number): LoadPlan => ({
    target,
    url: server.url,
    profile,
    deltas: 64,
    mode: { kind: 'rate', rate, seconds },
    timeoutMs: 10_000,
  });
  const step = async (rate: number): Promise<RateStep> => {
    const result = await runLoad(plan(rate, settings.stepSeconds), LOAD_CPU);
    const reason = judge(result, settings.stepSeconds);
    progress(
      `capacity ${profile}/${target}: ${rate}/s ${reason === undefined ? 'ok' : `failed: ${reason}`}`,
    );
    return {
      rate,
      pass: reason === undefined,
      ...(reason === undefined ? {} : { reason }),
      result,
    };
  };
  // Warm-up (JIT, pools): a short run at the starting rate, not recorded.
  await runLoad(plan(start, 1), LOAD_CPU);
  const steps: RateStep[] = [];
  let lo = 0;
  let hi: number | undefined;
  for (let rate = start; rate <= ceiling; rate *= 2) {
    const s = await step(rate);
    steps.push(s);
    if (!s.pass) {
      hi = rate;
      break;
    }
    lo = rate;
  }
  for (
    let i = 0;
    i < settings.bisections && hi !== undefined && hi - lo > Math.max(2, lo * 0.04);
    i += 1
  ) {
    const mid = Math.round((lo + hi) / 2);
    const s = await step(mid);
    steps.push(s);
    if (s.pass) lo = mid;
    else hi = mid;
  }
  return { target, steps, saturation: lo, capped: hi === undefined, halfRate: 0 };
}

/** Rounds of the half-saturation runs: gateway and floor alternate, the median round is reported. */
export const HALF_ROUNDS = 3;

/** The run whose latency p99 is the median of `runs` (odd count). */
export function medianRun(runs: LoadResult[]): LoadResult {
  const sorted = [...runs].sort((a, b) => a.latency.p99 - b.latency.p99);
  return sorted[Math.floor(sorted.length / 2)] as LoadResult;
}

/**
 * Runs both targets at `rate` for the half-saturation figures, alternating gateway and floor
 * for `HALF_ROUNDS` rounds of `halfSeconds / HALF_ROUNDS` each, so a hiccup of the shared load
 * core (the generator falling behind, then sending a burst) lands in one round of one target,
 * not in the figure: each target reports its median round by latency p99, and its CPU per
 * request over all rounds.
 */
async function halfRuns(
  profile: 'large' | 'chat',
  pairs: { result: RateTargetResult; server: ServiceProcess }[],
  settings: CapacitySettings,
  rate: number,
): Promise<void> {
  const seconds = Math.max(1, Math.round(settings.halfSeconds / HALF_ROUNDS));
  const runs = new Map<RateTargetResult, { loads: LoadResult[]; cpuMs: number; sent: number }>();
  for (let round = 0; round < HALF_ROUNDS; round += 1) {
    for (const { result, server } of pairs) {
      const cpuBefore = processCpuMs(server.pid);
      const load = await runLoad(
        {
          target: result.target,
          url: server.url,
          profile,
          deltas: 64,
          mode: { kind: 'rate', rate, seconds },
          timeoutMs: 10_000,
        },
        LOAD_CPU,
      );
      const seen = runs.get(result) ?? { loads: [], cpuMs: 0, sent: 0 };
      seen.loads.push(load);
      seen.cpuMs += processCpuMs(server.pid) - cpuBefore;
      seen.sent += load.sent;
      runs.set(result, seen);
    }
  }
  for (const [result, seen] of runs) {
    result.halfRate = rate;
    result.halfRounds = seen.loads;
    result.half = medianRun(seen.loads);
    result.cpuMsPerRequest = seen.cpuMs / Math.max(1, seen.sent);
  }
}

async function slowTarget(
  target: TargetKind,
  server: ServiceProcess,
  settings: CapacitySettings,
  deltas: number,
): Promise<SlowTargetResult> {
  const rampSeconds = Math.min(5, Math.max(1, settings.slowSeconds / 10));
  const plan: LoadPlan = {
    target,
    url: server.url,
    profile: 'slow',
    deltas,
    mode: { kind: 'streams', streams: settings.slowStreams, rampSeconds },
    // Generous: on a busy machine the emulator may not keep its pace for every stream.
    timeoutMs: (settings.slowSeconds * 15 + 60) * 1000,
  };
  const liveBefore = await server.liveMemory();
  const rssBefore = processRss(server.pid);
  const cpuBefore = processCpuMs(server.pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, processRss(server.pid));
  }, 200);
  // Half-way through the streams (every stream opened by then): what they hold, garbage aside.
  // The full collection this takes is one pause of the server in the run; the peak RSS is still
  // the highest sample of the whole run, before and after it.
  let liveOpen: Promise<LiveMemory | undefined> = Promise.resolve(undefined);
  const halfWay = setTimeout(
    () => {
      liveOpen = server.liveMemory().catch(() => undefined);
    },
    (rampSeconds + settings.slowSeconds / 2) * 1000,
  );
  try {
    const result = await runLoad(plan, LOAD_CPU);
    const cpuMs = processCpuMs(server.pid) - cpuBefore;
    const open = await liveOpen;
    progress(
      `capacity slow/${target}: ${result.ok}/${result.sent} streams, ${result.events} events, gap p99 ${result.gaps.p99.toFixed(1)} ms`,
    );
    return {
      target,
      result,
      cpuMs,
      rssBefore,
      rssPeak,
      cpuUsPerEvent: (cpuMs * 1000) / Math.max(1, result.events),
      rssPerStream: (rssPeak - rssBefore) / settings.slowStreams,
      liveBefore,
      ...(open === undefined
        ? {}
        : {
            liveOpen: open,
            livePerStream:
              (open.heapUsed + open.external - liveBefore.heapUsed - liveBefore.external) /
              settings.slowStreams,
          }),
    };
  } finally {
    clearTimeout(halfWay);
    clearInterval(sampler);
  }
}

async function withTargets<T>(emulatorUrl: string, run: (t: Targets) => Promise<T>): Promise<T> {
  const targets = await startTargets(emulatorUrl);
  try {
    return await run(targets);
  } finally {
    await targets.gateway.close();
    await targets.floor.close();
  }
}

/**
 * The capacity section: the gateway and the floor proxy pinned to core 0, the emulator and the
 * load generator to core 1; each rate profile searched for its saturation (doubling, then
 * bisection) and run again at half of it; the slow streams held for their duration.
 */
export async function measureCapacity(settings: CapacitySettings): Promise<CapacityResult> {
  const out: CapacityResult = { settings, decode: await measureDecoding(settings.decodeCalls) };
  const rateProfiles = settings.profiles.filter((p): p is 'large' | 'chat' => p !== 'slow');
  if (rateProfiles.length > 0) {
    const emulator = await spawnEmulator({ deltas: 64, paceMs: 0, forget: true, cpu: LOAD_CPU });
    try {
      await withTargets(emulator.url, async ({ gateway, floor }) => {
        for (const profile of rateProfiles) {
          const [start, ceiling] = profile === 'large' ? [25, 3200] : [50, 6400];
          const g = await rateProfile(profile, 'gateway', gateway, settings, start, ceiling);
          const f = await rateProfile(profile, 'floor', floor, settings, start, ceiling);
          // Both at half of the gateway's saturation, so that "added" compares equal loads.
          const rate = Math.max(1, Math.floor(g.saturation / 2));
          await halfRuns(
            profile,
            [
              { result: g, server: gateway },
              { result: f, server: floor },
            ],
            settings,
            rate,
          );
          out[profile] = [g, f];
        }
      });
    } finally {
      await emulator.close();
    }
  }
  if (settings.profiles.includes('slow')) {
    const deltas = SLOW_TOKENS_PER_SECOND * settings.slowSeconds;
    const emulator = await spawnEmulator({
      deltas,
      paceMs: 1000 / SLOW_TOKENS_PER_SECOND,
      forget: true,
      cpu: LOAD_CPU,
    });
    try {
      await withTargets(emulator.url, async ({ gateway, floor }) => {
        out.slow = [
          await slowTarget('gateway', gateway, settings, deltas),
          await slowTarget('floor', floor, settings, deltas),
        ];
      });
    } finally {
      await emulator.close();
    }
  }
  return out;
}
