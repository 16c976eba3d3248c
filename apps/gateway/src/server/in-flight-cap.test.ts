import http from 'node:http';
import OpenAI, { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../test-support/start-gateway.js';
import { resolveLimits } from './server-limits.js';

/*
 * The cap on calls answered at once (`maxInFlight`), over real sockets against the emulator:
 * with the cap reached by streams that are held open, a new call is refused at once in OpenAI's
 * error shape with `Retry-After`, while `/healthz` and the GET routes still answer on new
 * connections. No timing is asserted; every wait is bounded only as a guard against a hang.
 */

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const CAP = 3;
const GUARD_MS = 5_000;

/** A streamed call whose first bytes arrived; `release()` cancels it. */
interface HeldStream {
  status: number;
  release(): Promise<void>;
}

async function holdStream(url: string): Promise<HeldStream> {
  const controller = new AbortController();
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: MODEL,
      stream: true,
      messages: [{ role: 'user', content: 'a long answer please' }],
    }),
    signal: controller.signal,
  });
  const reader = response.body?.getReader();
  await reader?.read();
  return {
    status: response.status,
    async release() {
      controller.abort();
      await reader?.cancel().catch(() => {});
    },
  };
}

/** One request on a connection of its own (no keep-alive pool), read to its end. */
function freshRequest(
  url: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}${path}`,
      {
        method,
        agent: false,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.setTimeout(GUARD_MS, () => req.destroy(new Error(`no answer within ${GUARD_MS} ms`)));
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const ask = { model: MODEL, messages: [{ role: 'user', content: 'hi' }] };

describe('maxInFlight: a call past the cap is refused at once, never queued', () => {
  let t: TestGateway;
  let held: HeldStream[] = [];
  beforeAll(async () => {
    // 100 deltas 100 ms apart: each stream stays open ~10 s unless released.
    t = await startTestGateway({
      emulator: { paceMs: 100, deltas: 100 },
      server: { limits: { maxInFlight: CAP } },
    });
    held = await Promise.all(Array.from({ length: CAP }, () => holdStream(t.url)));
  });
  afterAll(async () => {
    await Promise.all(held.map((h) => h.release()));
    await t.close();
  });

  it('holds the streams up to the cap', () => {
    expect(held.map((h) => h.status)).toEqual([200, 200, 200]);
    expect(t.gateway.inFlight).toBe(CAP);
  });

  it('answers a new call 503 server_busy with Retry-After, in OpenAI error shape', async () => {
    for (const body of [ask, { ...ask, stream: true }]) {
      const { status, headers, text } = await freshRequest(
        t.url,
        'POST',
        '/v1/chat/completions',
        body,
      );
      expect(status).toBe(503);
      expect(headers['retry-after']).toBe('1');
      expect(headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(text)).toEqual({
        error: {
          message: `The gateway is answering ${CAP} requests already, its limit; retry after 1 s.`,
          type: 'server_error',
          param: null,
          code: 'server_busy',
        },
      });
    }
    // Refused before anything was sent upstream: the emulator saw only the held streams.
    expect(t.emulator.requests.filter((r) => r.path.includes('/converse'))).toHaveLength(CAP);
    await expect.poll(() => t.logs.at(-1)?.status, { timeout: GUARD_MS }).toBe(503);
  });

  it('is an error the openai client acts on: it retries after Retry-After, then reports server_busy', async () => {
    const refusedBefore = t.logs.filter((l) => l.status === 503).length;
    const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'unused', maxRetries: 1 });
    const error = await client.chat.completions
      .create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(503);
    expect((error as APIError).code).toBe('server_busy');
    expect((error as APIError).type).toBe('server_error');
    expect((error as APIError).headers?.get('retry-after')).toBe('1');
    // The first try and the client's one retry were both refused by the gateway, none sent upstream.
    await expect
      .poll(() => t.logs.filter((l) => l.status === 503).length - refusedBefore, {
        timeout: GUARD_MS,
      })
      .toBe(2);
    expect(t.emulator.requests.filter((r) => r.path.includes('/converse'))).toHaveLength(CAP);
  });

  it('still answers /healthz and GET /v1/models on new connections', async () => {
    const health = await freshRequest(t.url, 'GET', '/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toEqual({ status: 'ok', inFlight: CAP });
    const models = await freshRequest(t.url, 'GET', '/v1/models');
    expect(models.status).toBe(200);
  });

  it('admits a call again once a held one ends', async () => {
    const first = held.shift();
    await first?.release();
    await expect.poll(() => t.gateway.inFlight, { timeout: GUARD_MS }).toBe(CAP - 1);
    const { status, text } = await freshRequest(t.url, 'POST', '/v1/chat/completions', ask);
    expect(status).toBe(200);
    expect(JSON.parse(text).choices[0].message.content).toBe('Echo: hi');
  });
});

describe('maxInFlight defaults', () => {
  it('is 1024 by default, and 0 turns the cap off', async () => {
    expect(resolveLimits().maxInFlight).toBe(1024);
    const t = await startTestGateway({
      emulator: { paceMs: 100, deltas: 100 },
      server: { limits: { maxInFlight: 0 } },
    });
    const held = await Promise.all([holdStream(t.url), holdStream(t.url)]);
    try {
      const { status } = await freshRequest(t.url, 'POST', '/v1/chat/completions', ask);
      expect(status).toBe(200);
    } finally {
      await Promise.all(held.map((h) => h.release()));
      await t.close();
    }
  });
});

describe('maxLoopBusy: a request while the event loop was saturated is refused at once', () => {
  it('answers 503 server_busy after a busy stretch, and 200 once the loop idles again', async () => {
    const t = await startTestGateway({ server: { limits: { maxInFlight: 0, maxLoopBusy: 0.9 } } });
    try {
      // Saturate the loop (the gateway runs in this process), then ask at once; repeated a few
      // times only so that a stalled machine cannot hide the refusal.
      let refused: Awaited<ReturnType<typeof freshRequest>> | undefined;
      for (let i = 0; i < 5 && refused === undefined; i += 1) {
        const end = performance.now() + 700;
        while (performance.now() < end) {
          // busy: no turn of the loop for 700 ms
        }
        await new Promise((resolve) => setTimeout(resolve, 0));
        const answer = await freshRequest(t.url, 'POST', '/v1/chat/completions', ask);
        if (answer.status === 503) refused = answer;
      }
      expect(refused?.headers['retry-after']).toBe('1');
      const body = JSON.parse(refused?.text ?? '{}');
      expect(body.error).toMatchObject({ type: 'server_error', param: null, code: 'server_busy' });
      expect(body.error.message).toMatch(/busy \d+% of the last half second/);
      // /healthz is never refused, busy or not.
      expect((await freshRequest(t.url, 'GET', '/healthz')).status).toBe(200);
      // Idle again: the meter's next windows read low and requests are served.
      await expect
        .poll(async () => (await freshRequest(t.url, 'POST', '/v1/chat/completions', ask)).status, {
          timeout: GUARD_MS,
          interval: 200,
        })
        .toBe(200);
    } finally {
      await t.close();
    }
  });
});
