import http from 'node:http';
import os from 'node:os';
import { MODEL_ID } from '../conversation.js';
import { progress } from '../progress.js';
import { type ServiceProcess, spawnEmulator, spawnGateway } from '../service-process.js';
import type { LoadPlan, LoadResult } from './load-plan.js';
import { LOAD_CPU, SERVER_CPU } from './measure-capacity.js';
import { runLoad } from './run-load.js';
import { SLOW_TOKENS_PER_SECOND } from './workloads.js';

/** Settings of the "new connections under load" measurement. */
export interface NewConnectionSettings {
  /** Slow streams opened at once (over `rampSeconds`) and how long each lasts. */
  streams: number;
  rampSeconds: number;
  seconds: number;
  /** The gateway's `--max-in-flight` in the "cap" run (below what the core relays). */
  cap: number;
  /** The gateway's `--max-loop-busy` in the "loop busy" run. */
  loopBusy: number;
  /** A probe round (one of each probe) starts this often while the streams run. */
  probeEveryMs: number;
  /** A probe still unanswered after this long is recorded as this long. */
  probeGuardMs: number;
}

export const NEW_CONNECTION_DEFAULTS: NewConnectionSettings = {
  streams: 1000,
  rampSeconds: 2,
  seconds: 10,
  cap: 250,
  loopBusy: 0.9,
  probeEveryMs: 1000,
  probeGuardMs: 60_000,
};

/** What the probes saw against one gateway configuration. */
export interface NewConnectionRun {
  /** The gateway's settings: no cap (the old behaviour), `--max-in-flight`, `--max-loop-busy`. */
  label: string;
  /** The gateway's flags in this run. */
  flags: string[];
  /** ms to the response head of `GET /healthz` on a new connection. */
  freshHealth: number[];
  /** ms to the response head of a streamed chat request on a new connection, and its status. */
  freshChat: Array<{ ms: number; status: number }>;
  /** ms to the response head of `GET /healthz` on a keep-alive connection opened before. */
  keptHealth: number[];
  /** The slow streams' own outcome (refused ones count as errors). */
  load: LoadResult;
}

export interface NewConnectionResult {
  settings: NewConnectionSettings;
  date: string;
  loadAverage: string;
  runs: NewConnectionRun[];
}

/** Time to the response head (status line and headers) of one request, ms; guard on a hang. */
function firstByte(
  url: URL,
  agent: http.Agent | false,
  method: 'GET' | 'POST',
  path: string,
  guardMs: number,
  body?: string,
): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const done = (status: number) => resolve({ ms: performance.now() - started, status });
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        agent,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
      },
      (res) => {
        done(res.statusCode ?? 0);
        res.resume();
      },
    );
    req.setTimeout(guardMs, () => req.destroy(new Error('guard')));
    req.on('error', () => done(0));
    req.end(body);
  });
}

async function probeOne(
  gateway: ServiceProcess,
  label: string,
  flags: string[],
  s: NewConnectionSettings,
): Promise<NewConnectionRun> {
  const url = new URL(gateway.url);
  const deltas = SLOW_TOKENS_PER_SECOND * s.seconds;
  const plan: LoadPlan = {
    target: 'gateway',
    url: gateway.url,
    profile: 'slow',
    deltas,
    mode: { kind: 'streams', streams: s.streams, rampSeconds: s.rampSeconds },
    timeoutMs: (s.seconds * 15 + 60) * 1000,
  };
  const chat = JSON.stringify({
    model: MODEL_ID,
    stream: true,
    max_tokens: 16,
    messages: [{ role: 'user', content: 'hello' }],
  });
  const kept = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const run: Omit<NewConnectionRun, 'load'> = {
    label,
    flags,
    freshHealth: [],
    freshChat: [],
    keptHealth: [],
  };
  await firstByte(url, kept, 'GET', '/healthz', s.probeGuardMs);
  let loading = true;
  const loadDone = runLoad(plan, LOAD_CPU).finally(() => {
    loading = false;
  });
  const probes: Promise<void>[] = [];
  while (loading) {
    await new Promise((r) => setTimeout(r, s.probeEveryMs));
    if (!loading) break;
    probes.push(
      firstByte(url, false, 'GET', '/healthz', s.probeGuardMs).then((r) => {
        run.freshHealth.push(r.ms);
      }),
      firstByte(url, false, 'POST', '/v1/chat/completions', s.probeGuardMs, chat).then((r) => {
        run.freshChat.push(r);
      }),
      firstByte(url, kept, 'GET', '/healthz', s.probeGuardMs).then((r) => {
        run.keptHealth.push(r.ms);
      }),
    );
  }
  const load = await loadDone;
  await Promise.all(probes);
  kept.destroy();
  progress(
    `new connections ${label}: ${run.freshHealth.length} probe rounds, load ${load.ok} ok / ${load.errors} refused or failed`,
  );
  return { ...run, load };
}

/**
 * While `streams` slow streams (50 tokens/s) are opened at once against the gateway, measures
 * the first byte of a new connection (`/healthz` and a streamed chat request) and of a request
 * on a keep-alive connection opened before: without a cap, with `--max-in-flight <cap>` and
 * with `--max-loop-busy <loopBusy>`, one after the other in the same run. The gateway is pinned to core 0, the
 * emulator and the load generator to core 1; the probes run in this process.
 */
export async function measureNewConnections(
  s: NewConnectionSettings,
): Promise<NewConnectionResult> {
  const loadAverage = os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' / ');
  const emulator = await spawnEmulator({
    deltas: SLOW_TOKENS_PER_SECOND * s.seconds,
    paceMs: 1000 / SLOW_TOKENS_PER_SECOND,
    forget: true,
    cpu: LOAD_CPU,
  });
  const runs: NewConnectionRun[] = [];
  try {
    const configs: Array<[string, string[]]> = [
      ['before: no cap', ['--max-in-flight', '0']],
      ['count cap', ['--max-in-flight', String(s.cap)]],
      ['loop-busy cap', ['--max-in-flight', '0', '--max-loop-busy', String(s.loopBusy)]],
    ];
    for (const [label, flags] of configs) {
      const gateway = await spawnGateway(emulator.url, false, SERVER_CPU, flags);
      try {
        runs.push(await probeOne(gateway, label, flags, s));
      } finally {
        await gateway.close();
      }
    }
  } finally {
    await emulator.close();
  }
  return { settings: s, date: new Date().toISOString(), loadAverage, runs };
}
