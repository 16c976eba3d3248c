import http from 'node:http';
import { MODEL_ID } from '../conversation.js';
import { CONTENT } from '../first-token-marks.js';
import { prebuiltHeaders } from '../systems/floor.js';
import { Histogram } from './histogram.js';
import type { LoadPlan, LoadResult } from './load-plan.js';
import { type RequestShape, shapesOf } from './workloads.js';

/**
 * The load generator, in a process of its own (the capacity bench pins it to the core the
 * gateway does not use). Argument: a `LoadPlan` as JSON. Prints one `LoadResult` as JSON on
 * stdout and exits. Requests are pre-built bytes sent by a bare `node:http` keep-alive client:
 * the generator must cost as little as possible, and `node:http` gives us each chunk as it
 * arrives (first token, inter-token gaps) without a client library's own buffering.
 */

const DELTA_MARKER = Buffer.from('contentBlockDelta');
const STOP_MARKER = Buffer.from('messageStop');
const DONE_MARKER = 'data: [DONE]';

interface Prepared {
  path: string;
  headers: http.OutgoingHttpHeaders;
  body: Buffer;
  stream: boolean;
}

function prepare(plan: LoadPlan, shape: RequestShape): Prepared {
  const url = new URL(plan.url);
  if (plan.target === 'gateway') {
    return {
      path: '/v1/chat/completions',
      headers: { 'content-type': 'application/json', 'content-length': shape.gatewayBody.length },
      body: shape.gatewayBody,
      stream: shape.stream,
    };
  }
  const op = shape.stream ? 'converse-stream' : 'converse';
  return {
    path: `/model/${encodeURIComponent(MODEL_ID)}/${op}`,
    headers: prebuiltHeaders(url, shape.floorBody, shape.stream),
    body: shape.floorBody,
    stream: shape.stream,
  };
}

/** Counts event-stream frames by their length prefixes, across chunk boundaries. */
class FrameCounter {
  private pending = 0;
  private header: number[] = [];
  frames = 0;

  push(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.pending > 0) {
        const take = Math.min(this.pending, chunk.length - offset);
        this.pending -= take;
        offset += take;
        continue;
      }
      this.header.push(chunk[offset] ?? 0);
      offset += 1;
      if (this.header.length === 4) {
        const [a = 0, b = 0, c = 0, d = 0] = this.header;
        this.pending = ((a << 24) | (b << 16) | (c << 8) | d) - 4;
        this.header = [];
        this.frames += 1;
      }
    }
  }
}

async function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2] ?? '') as LoadPlan;
  const url = new URL(plan.url);
  const prepared = shapesOf(plan.profile, plan.deltas).map((s) => prepare(plan, s));
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const latency = new Histogram();
  const ttft = new Histogram();
  const gaps = new Histogram();
  const result = { sent: 0, ok: 0, errors: 0, events: 0, maxSendLagMs: 0 };
  let firstError: string | undefined;
  let firstErrorAtMs: number | undefined;
  let inFlight = 0;
  let lastEnd = 0;
  let allSent = false;
  let onIdle: (() => void) | undefined;

  const fail = (message: string): void => {
    result.errors += 1;
    if (firstError === undefined) {
      firstError = message;
      firstErrorAtMs = performance.now() - runStarted;
    }
  };

  const send = (p: Prepared): void => {
    const started = performance.now();
    result.sent += 1;
    inFlight += 1;
    let done = false;
    const finish = (error?: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error === undefined) {
        result.ok += 1;
        latency.record(performance.now() - started);
      } else {
        fail(error);
      }
      lastEnd = performance.now();
      inFlight -= 1;
      if (inFlight === 0 && allSent) onIdle?.();
    };
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: p.path,
        headers: p.headers,
      },
      (res) => {
        if (res.statusCode !== 200) {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            text += c;
          });
          res.on('end', () => finish(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`));
          return;
        }
        let firstAt = 0;
        let lastContent = 0;
        let tail = '';
        let sawStop = false;
        const frames = new FrameCounter();
        res.on('data', (chunk: Buffer) => {
          if (!p.stream) return;
          const now = performance.now();
          let content: boolean;
          if (plan.target === 'gateway') {
            const text = chunk.toString('utf8');
            content = CONTENT.test(text);
            for (let i = text.indexOf('data: '); i >= 0; i = text.indexOf('data: ', i + 6)) {
              result.events += 1;
            }
            tail = (tail + text).slice(-64);
          } else {
            content = chunk.indexOf(DELTA_MARKER) >= 0;
            const before = frames.frames;
            frames.push(chunk);
            result.events += frames.frames - before;
            if (chunk.indexOf(STOP_MARKER) >= 0) sawStop = true;
          }
          if (!content) return;
          if (firstAt === 0) {
            firstAt = now;
            ttft.record(now - started);
          } else {
            gaps.record(now - lastContent);
          }
          lastContent = now;
        });
        res.on('end', () => {
          if (!p.stream) finish();
          else if (plan.target === 'gateway' && !tail.includes(DONE_MARKER))
            finish('stream ended without [DONE]');
          else if (plan.target === 'floor' && !sawStop) finish('stream ended without messageStop');
          else finish();
        });
        res.on('error', (err) => finish(`response: ${err.message}`));
      },
    );
    const timer = setTimeout(() => {
      finish(`no complete answer after ${plan.timeoutMs} ms`);
      req.destroy();
    }, plan.timeoutMs);
    req.on('error', (err) => finish(`request: ${err.message}`));
    req.end(p.body);
  };

  const runStarted = performance.now();
  const idle = new Promise<void>((resolve) => {
    onIdle = resolve;
  });
  const started = performance.now();
  const mode = plan.mode;
  const total = mode.kind === 'rate' ? Math.round(mode.rate * mode.seconds) : mode.streams;
  const spacingMs =
    mode.kind === 'rate' ? 1000 / mode.rate : (mode.rampSeconds * 1000) / Math.max(1, total);
  await new Promise<void>((resolve) => {
    // Open loop: every tick sends what the schedule says is due, so a slow answer never delays
    // the next request; the lag behind the schedule is recorded.
    const tick = (): void => {
      const now = performance.now();
      while (result.sent < total && started + result.sent * spacingMs <= now) {
        const lag = now - (started + result.sent * spacingMs);
        if (lag > result.maxSendLagMs) result.maxSendLagMs = lag;
        const shape = prepared[result.sent % prepared.length];
        if (shape) send(shape);
      }
      if (result.sent < total) setTimeout(tick, Math.min(1, spacingMs / 2));
      else resolve();
    };
    tick();
  });
  allSent = true;
  if (inFlight > 0) await idle;
  agent.destroy();
  const out: LoadResult = {
    ...result,
    ...(firstError === undefined ? {} : { firstError }),
    ...(firstErrorAtMs === undefined ? {} : { firstErrorAtMs }),
    wallSeconds: ((lastEnd || performance.now()) - started) / 1000,
    latency: latency.summary(),
    ttft: ttft.summary(),
    gaps: gaps.summary(),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`load-child: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
