import { once } from 'node:events';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { queryObjects } from 'node:v8';
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import type { BackendCallOptions, OpenAIBackend as GatewayBackend } from '@bedrock-bridge/openai';
import type { FastifyRequest } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Gateway } from './create-server.js';
import type { RequestLogEntry } from './request-log.js';

/*
 * The HTTP layer alone, with a backend the test controls: framing, auth, body limits, shutdown.
 * The full stack (emulator + transport + format) is exercised in ../gateway.e2e.test.ts.
 */

const chunk = (text: string) => ({
  object: 'chat.completion.chunk',
  choices: [{ index: 0, delta: { content: text } }],
});

interface Controlled {
  backend: GatewayBackend;
  /** Resolves with the signal of the next backend call. */
  calls: BackendCallOptions[];
  release: () => void;
}

function controlledBackend(
  script: { fail?: unknown; failAfter?: number; hold?: boolean } = {},
): Controlled {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const calls: BackendCallOptions[] = [];
  // Waits for release(); an abort fails the wait the way the transport does: kind `aborted`,
  // the signal's reason as the cause.
  const held = (signal: AbortSignal) =>
    Promise.race([
      gate,
      new Promise((_, reject) =>
        signal.addEventListener(
          'abort',
          () =>
            reject(
              new BedrockBridgeError({
                kind: 'aborted',
                message: 'The call was aborted by its signal',
                cause: signal.reason,
              }),
            ),
          { once: true },
        ),
      ),
    ]);
  return {
    calls,
    release: () => release(),
    backend: {
      async complete(_request, context) {
        calls.push(context);
        if (script.hold) await held(context.signal);
        if (script.fail) throw script.fail;
        return { object: 'chat.completion', choices: [] };
      },
      async *stream(_request, context) {
        calls.push(context);
        context.onEvent({ type: 'attempt' } as never);
        yield chunk('one');
        if (script.hold) await held(context.signal);
        if (script.failAfter) throw script.fail;
        yield chunk('two');
      },
      async embed() {
        throw new Error('not used by these tests');
      },
      async listModels() {
        return [{ id: 'm1', object: 'model', created: 0, owned_by: 'me', context_length: 1000 }];
      },
    },
  };
}

let gateway: Gateway | undefined;
const logs: RequestLogEntry[] = [];
afterEach(async () => {
  await gateway?.close(0);
  gateway = undefined;
  logs.length = 0;
});

async function start(
  backend: GatewayBackend,
  extra: { apiKey?: string; bodyLimit?: number; logPrompts?: boolean } = {},
) {
  gateway = createServer({ backend, log: (e) => logs.push(e), ...extra });
  return gateway.listen(0);
}

const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; message: string } }).error;

const body = (extra: object = {}) =>
  JSON.stringify({ model: 'm1', messages: [{ role: 'user', content: 'secret prompt' }], ...extra });

/** A chat request on a socket the test can destroy (to play a client that leaves). */
function openChat(url: string, payload: string) {
  const req = httpRequest({
    port: new URL(url).port,
    method: 'POST',
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json' },
  });
  req.end(payload);
  return req;
}

function post(url: string, payload: string, headers: Record<string, string> = {}) {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: payload,
  });
}

describe('createServer', () => {
  it('streams SSE exactly as OpenAI frames it, ending with [DONE]', async () => {
    const url = await start(controlledBackend().backend);
    const response = await post(url, body({ stream: true }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(await response.text()).toBe(
      `data: ${JSON.stringify(chunk('one'))}\n\ndata: ${JSON.stringify(chunk('two'))}\n\ndata: [DONE]\n\n`,
    );
  });

  it('lets go of the request body once the handler has it: same stream, same log line', async () => {
    const controlled = controlledBackend({ hold: true });
    gateway = createServer({
      backend: controlled.backend,
      log: (e) => logs.push(e),
      logPrompts: true,
    });
    const requests: FastifyRequest[] = [];
    gateway.app.addHook('preHandler', async (request) => {
      requests.push(request);
      expect(request.body).toBe(body({ stream: true }));
    });
    const url = await gateway.listen(0);
    const response = await post(url, body({ stream: true }));
    await expect.poll(() => controlled.calls.length).toBe(1);
    // Mid-stream: Fastify's request no longer holds the body text.
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body).toBeUndefined();
    controlled.release();
    expect(await response.text()).toBe(
      `data: ${JSON.stringify(chunk('one'))}\n\ndata: ${JSON.stringify(chunk('two'))}\n\ndata: [DONE]\n\n`,
    );
    await expect.poll(() => logs.length).toBe(1);
    expect(logs[0]).toMatchObject({ status: 200, model: 'm1', stream: true, chunks: 2 });
    expect(JSON.stringify(logs[0])).toContain('secret prompt');
  });

  it('holds no web Response or body stream of the handler while streams are open', async () => {
    const controlled = controlledBackend({ hold: true });
    const url = await start(controlled.backend);
    const live = () => ({
      responses: queryObjects(Response, { format: 'count' }),
      streams: queryObjects(ReadableStream, { format: 'count' }),
    });
    const before = live();
    // Raw HTTP clients: no web Response on the test's side either.
    const open = [1, 2, 3].map(() => {
      const req = openChat(url, body({ stream: true }));
      return new Promise<IncomingMessage>((resolve) => req.once('response', resolve));
    });
    const answers = await Promise.all(open);
    await expect.poll(() => controlled.calls.length).toBe(3);
    expect(live()).toEqual(before);
    controlled.release();
    const texts = await Promise.all(
      answers.map(async (answer) => {
        let text = '';
        for await (const piece of answer.setEncoding('utf8')) text += piece;
        return text;
      }),
    );
    for (const text of texts) {
      expect(text).toBe(
        `data: ${JSON.stringify(chunk('one'))}\n\ndata: ${JSON.stringify(chunk('two'))}\n\ndata: [DONE]\n\n`,
      );
    }
  });

  it('ends a stream that fails part-way with an error event and no [DONE]', async () => {
    const fail = new BedrockBridgeError({ kind: 'stream_truncated', message: 'cut short' });
    const url = await start(controlledBackend({ fail, failAfter: 1 }).backend);
    const text = await (await post(url, body({ stream: true }))).text();
    expect(text).not.toContain('[DONE]');
    const last = text.trim().split('\n\n').at(-1);
    expect(JSON.parse(last?.replace(/^data: /, '') ?? '')).toEqual({
      error: { message: 'cut short', type: 'server_error', param: null, code: 'stream_truncated' },
    });
    await expect.poll(() => logs.length).toBe(1);
    expect(logs[0]).toMatchObject({
      level: 'error', // a 502-kind failure, though reported inside a 200 event stream
      status: 200,
      errorKind: 'stream_truncated',
      chunks: 1,
      attempts: 1,
    });
  });

  it('logs a client that left before a whole answer as 499 aborted, once the call settled', async () => {
    const controlled = controlledBackend({ hold: true });
    const url = await start(controlled.backend);
    const req = openChat(url, body());
    req.on('error', () => {});
    await expect.poll(() => controlled.calls.length).toBe(1);
    req.destroy();
    await expect.poll(() => logs.length).toBe(1);
    expect(logs[0]).toMatchObject({
      level: 'warn',
      status: 499,
      errorKind: 'aborted',
      clientGone: true,
      stream: false,
    });
  });

  it('aborts the backend call when the client disconnects mid-stream', async () => {
    const controlled = controlledBackend({ hold: true });
    const url = await start(controlled.backend);
    const req = openChat(url, body({ stream: true }));
    const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
    await once(res, 'data');
    const signal = controlled.calls[0]?.signal as AbortSignal;
    expect(signal.aborted).toBe(false);
    const aborted = once(signal, 'abort');
    req.destroy();
    await aborted;
    expect((signal.reason as BedrockBridgeError).kind).toBe('aborted');
    await expect.poll(() => logs.length).toBe(1);
    expect(logs[0]).toMatchObject({ clientGone: true, stream: true, errorKind: 'aborted' });
  });

  it('drains open streams on close, then cuts them with an error event at the deadline', async () => {
    const controlled = controlledBackend({ hold: true });
    const url = await start(controlled.backend);
    const response = await post(url, body({ stream: true }));
    const reader = response.body?.getReader();
    await reader?.read();
    const closing = (gateway as Gateway).close(50);
    let text = '';
    const decoder = new TextDecoder();
    for (;;) {
      const part = await reader?.read();
      if (!part || part.done) break;
      text += decoder.decode(part.value);
    }
    await closing;
    gateway = undefined;
    expect(text).not.toContain('[DONE]');
    const events = text.trim().split('\n\n');
    expect(events).toHaveLength(1); // after the chunk read above: the error event alone
    expect(JSON.parse(events[0]?.replace(/^data: /, '') ?? '')).toEqual({
      error: {
        message: 'The gateway is shutting down; the answer was cut short.',
        type: 'server_error',
        param: null,
        code: 'overloaded',
      },
    });
  });

  it('answers a whole (non-streamed) request still open at the deadline with a 503, not a 499', async () => {
    const controlled = controlledBackend({ hold: true });
    const url = await start(controlled.backend);
    const answer = post(url, body());
    await expect.poll(() => controlled.calls.length).toBe(1);
    const closing = (gateway as Gateway).close(50);
    const response = await answer;
    await closing;
    gateway = undefined;
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await errorOf(response)).toMatchObject({
      code: 'overloaded',
      message: 'The gateway is shutting down; the answer was cut short.',
    });
  });

  it('lets an open stream finish when it completes before the deadline', async () => {
    const controlled = controlledBackend({ hold: true });
    const url = await start(controlled.backend);
    const response = await post(url, body({ stream: true }));
    const closing = (gateway as Gateway).close(30_000);
    controlled.release();
    const text = await response.text();
    await closing;
    gateway = undefined;
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('maps backend failures before the first chunk to an HTTP status', async () => {
    const fail = new BedrockBridgeError({
      kind: 'rate_limit',
      message: 'slow down',
      retryAfterMs: 4000,
    });
    const url = await start(controlledBackend({ fail }).backend);
    const response = await post(url, body());
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('4');
    expect((await errorOf(response)).code).toBe('rate_limit_exceeded');
  });

  it('requires the API key on /v1 but not on /healthz', async () => {
    const url = await start(controlledBackend().backend, { apiKey: 'k-123' });
    const missing = await post(url, body());
    expect(missing.status).toBe(401);
    expect((await errorOf(missing)).code).toBe('missing_api_key');
    const wrong = await post(url, body(), { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect((await errorOf(wrong)).code).toBe('invalid_api_key');
    const right = await post(url, body(), { authorization: 'Bearer k-123' });
    expect(right.status).toBe(200);
    const models = await fetch(`${url}/v1/models`, { headers: { authorization: 'Bearer nope' } });
    expect(models.status).toBe(401);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(JSON.stringify(logs)).not.toContain('k-123');
  });

  /** Status of a raw request: fetch would normalize the path before sending it. */
  function rawStatus(base: string, method: string, path: string): Promise<number | undefined> {
    const url = new URL(base);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      );
      req.on('error', reject);
      req.end(method === 'POST' ? body() : undefined);
    });
  }

  it.each([
    ['POST', '/%761/chat/completions'],
    ['POST', '/v%31/chat/completions'],
    ['GET', '/%76%31/models'],
    ['GET', '/v1/models?x=/healthz'],
    ['GET', '/nothing-here'],
    ['POST', 'absolute-form'],
  ])('requires the API key however the target is spelled: %s %s', async (method, path) => {
    const backend = controlledBackend();
    const base = await start(backend.backend, { apiKey: 'k-123' });
    const target = path === 'absolute-form' ? `${base}/v1/chat/completions` : path;
    expect(await rawStatus(base, method, target)).toBe(401);
    expect(backend.calls).toHaveLength(0);
  });

  it.each([
    ['{"model":', 400, 'invalid_json'],
    ['', 400, 'invalid_json'],
    ['[1,2]', 400, 'invalid_request'],
    ['{"model":"m1","messages":[],"__proto__":{"x":1}}', 400, 'invalid_json'],
  ])('answers bad JSON %j with %i', async (payload, status, code) => {
    const url = await start(controlledBackend().backend);
    const response = await post(url, payload);
    expect(response.status).toBe(status);
    const error = await errorOf(response);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(10);
  });

  it('answers a body over the limit with 413, a non-JSON body with 415, a bad route with 404', async () => {
    const url = await start(controlledBackend().backend, { bodyLimit: 2048 });
    const big = await post(url, body({ user: 'x'.repeat(4096) }));
    expect(big.status).toBe(413);
    expect((await errorOf(big)).code).toBe('request_too_large');
    const text = await post(url, 'hello', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const missing = await fetch(`${url}/v1/audio/speech`, { method: 'POST' });
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).message).toContain('/v1/audio/speech');
  });

  it('logs one line per request without prompts or secrets, unless asked to log prompts', async () => {
    const url = await start(controlledBackend().backend, { apiKey: 'sk-secret' });
    await post(url, body(), { authorization: 'Bearer sk-secret' });
    await expect.poll(() => logs.length).toBe(1);
    expect(logs[0]).toMatchObject({ msg: 'request', model: 'm1', status: 200, method: 'POST' });
    expect(logs[0]?.id).toMatch(/^req_/);
    expect(typeof logs[0]?.latencyMs).toBe('number');
    expect(JSON.stringify(logs)).not.toMatch(/secret/);
    await gateway?.close(0);
    const url2 = await start(controlledBackend().backend, { logPrompts: true });
    await post(url2, body());
    await expect.poll(() => logs.length).toBe(2);
    expect(JSON.stringify(logs.at(-1))).toContain('secret prompt');
  });

  it('logs the time to first token of a stream, and none where no token was sent', async () => {
    const roleOnly: GatewayBackend = {
      ...controlledBackend().backend,
      async *stream() {
        yield { object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'x' } }] };
      },
    };
    const url = await start(controlledBackend().backend);
    await (await post(url, body({ stream: true }))).text();
    await (await post(url, body())).text();
    await expect.poll(() => logs.length).toBe(2);
    expect(logs[0]?.ttftMs).toBeGreaterThanOrEqual(0);
    expect(logs[0]?.ttftMs).toBeLessThanOrEqual((logs[0]?.latencyMs ?? 0) + 1);
    expect(logs[1]).not.toHaveProperty('ttftMs');
    await gateway?.close(0);
    const url2 = await start(roleOnly);
    await (await post(url2, body({ stream: true }))).text();
    await expect.poll(() => logs.length).toBe(3);
    expect(logs.at(-1)).toMatchObject({ stream: true, chunks: 1 });
    expect(logs.at(-1)).not.toHaveProperty('ttftMs');
  });

  it('lists models in the OpenAI list shape', async () => {
    const url = await start(controlledBackend().backend);
    const list = await (await fetch(`${url}/v1/models`)).json();
    expect(list).toEqual({
      object: 'list',
      data: [{ id: 'm1', object: 'model', created: 0, owned_by: 'me', context_length: 1000 }],
    });
  });
});
