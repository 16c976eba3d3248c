import type { OpenAIBackend as GatewayBackend } from '@bedrock-bridge/openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './server/create-server.js';
import type { RequestLogEntry } from './server/request-log.js';
import { jsonRequest, parseRaw, rawExchange } from './test-support/raw-http.js';
import { startTestGateway, type TestGateway } from './test-support/start-gateway.js';

/*
 * The hostile-client suite: one test per attack class an adversary on the same host can mount,
 * each asserting the outcome (status and OpenAI's error shape, the gateway still answering,
 * what was held released within a stated bound). Loopback only; every wait is bounded. The
 * crash checks that need the gateway in its own process are in hostile-process.test.ts, the
 * property-based fuzzer in hostile-fuzz.test.ts.
 */

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const ask = { model: MODEL, messages: [{ role: 'user', content: 'hi' }] };

/** OpenAI's error shape, exactly: `{ error: { message, type, param, code } }`. */
function expectOpenAIError(text: string): { message: string; param: string | null; code: string } {
  const body = JSON.parse(text) as { error: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  expect(typeof body.error.message).toBe('string');
  expect(typeof body.error.type).toBe('string');
  expect(typeof body.error.code).toBe('string');
  expect(body.error.param === null || typeof body.error.param === 'string').toBe(true);
  return body.error as { message: string; param: string | null; code: string };
}

async function post(t: { url: string }, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${t.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

async function stillAnswers(t: TestGateway): Promise<void> {
  const { status, text } = await post(t, ask);
  expect(status).toBe(200);
  expect(JSON.parse(text).choices[0].message.content).toBe('Echo: hi');
}

/** `{"x":{"x":...}}` nested `depth` levels, built without recursion. */
function nested(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i += 1) value = { x: value };
  return value;
}

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({ server: { logPrompts: true } });
});
afterAll(async () => {
  await t.close();
});

describe('1 and 5: deep nesting is a 400 naming the field, before anything recursive runs', () => {
  it('an assistant message with an extra field nested 20,000 levels (--log-prompts on)', async () => {
    // Written as text: JSON.stringify itself cannot take 20,000 levels.
    const extra = `${'{"x":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const body = `{"model":"${MODEL}","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"x","extra":${extra}}]}`;
    expect(body.length).toBeGreaterThan(120_000);
    const { status, text } = await post(t, body);
    expect(status).toBe(400);
    const error = expectOpenAIError(text);
    expect(error.code).toBe('nesting_too_deep');
    expect(error.param).toMatch(/^messages\[1\]\.extra(\.x)+$/);
    await expect.poll(() => t.logs.at(-1)?.status, { timeout: 2000 }).toBe(400);
    await stillAnswers(t);
  });

  it.each([
    [
      'tools[].function.parameters',
      { tools: [{ type: 'function', function: { name: 'f', parameters: nested(3000) } }] },
      /^tools\[0\]\.function\.parameters(\.x)+$/,
    ],
    [
      'response_format.json_schema.schema',
      {
        response_format: { type: 'json_schema', json_schema: { name: 's', schema: nested(3000) } },
      },
      /^response_format\.json_schema\.schema(\.x)+$/,
    ],
  ])('%s nested 3,000 levels', async (_name, extra, param) => {
    const { status, text } = await post(t, { ...ask, ...extra });
    expect(status).toBe(400);
    const error = expectOpenAIError(text);
    expect(error.code).toBe('nesting_too_deep');
    expect(error.param).toMatch(param);
  });

  it('tool_calls[].function.arguments (JSON inside a string) nested 3,000 levels', async () => {
    const deep = `${'{"x":'.repeat(3000)}1${'}'.repeat(3000)}`;
    const body = {
      model: MODEL,
      messages: [
        { role: 'user', content: 'hi' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: deep } }],
        },
        { role: 'tool', tool_call_id: 't1', content: 'ok' },
      ],
      tools: [{ type: 'function', function: { name: 'f' } }],
    };
    const { status, text } = await post(t, body);
    expect(status).toBe(400);
    expect(expectOpenAIError(text).param).toBe('messages[1].tool_calls[0].function.arguments');
  });

  it('a logger that throws never takes the process down', async () => {
    const g = createServer({
      backend: { ...({} as GatewayBackend), listModels: async () => [] },
      log: () => {
        throw new Error('disk full');
      },
    });
    const url = await g.listen(0, '127.0.0.1');
    try {
      const response = await fetch(`${url}/v1/models`);
      expect(response.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50)); // the close listener has run
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      await g.close(0);
    }
  });
});

describe('2: a client that opens a stream and never reads holds nothing for long', () => {
  it('the stream is ended, the upstream call aborted and the socket closed at the write deadline', async () => {
    const aborted: AbortSignal[] = [];
    const logs: RequestLogEntry[] = [];
    const big = 'x'.repeat(64 * 1024);
    const backend: GatewayBackend = {
      ...({} as GatewayBackend),
      complete: async () => ({}),
      async *stream(_request, context) {
        aborted.push(context.signal);
        // An endless answer: only the client's reading (or the deadline) can stop it.
        while (!context.signal.aborted) {
          yield {
            object: 'chat.completion.chunk',
            choices: [{ index: 0, delta: { content: big } }],
          };
          await new Promise((resolve) => setImmediate(resolve));
        }
      },
      listModels: async () => [],
    };
    const g = createServer({ backend, log: (e) => logs.push(e), limits: { writeTimeoutMs: 300 } });
    const url = await g.listen(0, '127.0.0.1');
    try {
      // Stated bound: released within 10 s (the deadline is 300 ms once the buffers are full).
      let client: import('node:net').Socket | undefined;
      const exchange = rawExchange(
        url,
        jsonRequest('/v1/chat/completions', { ...ask, stream: true }),
        {
          waitMs: 10_000,
          onSocket: (socket) => {
            client = socket;
            socket.pause(); // never reads
          },
        },
      );
      await expect.poll(() => logs.at(-1)?.status, { timeout: 10_000 }).toBe(499);
      expect(aborted[0]?.aborted).toBe(true);
      expect(g.inFlight).toBe(0);
      await expect
        .poll(() => new Promise((resolve) => g.app.server.getConnections((_e, n) => resolve(n))), {
          timeout: 2000,
        })
        .toBe(0);
      client?.resume(); // what it finally reads ends with the server's close
      expect((await exchange).closed).toBe(true);
      expect(logs.at(-1)?.error).toContain('read nothing for 300 ms');
    } finally {
      await g.close(0);
    }
  }, 15_000);

  it('a connection that never sends a request is closed at the idle timeout', async () => {
    const g = createServer({
      backend: {} as GatewayBackend,
      log: false,
      limits: { idleTimeoutMs: 200, headersTimeoutMs: 60_000, requestTimeoutMs: 60_000 },
    });
    const url = await g.listen(0, '127.0.0.1');
    try {
      const { closed } = await rawExchange(url, '', { waitMs: 5000 });
      expect(closed).toBe(true);
    } finally {
      await g.close(0);
    }
  });
});

describe('3: slow requests are cut with a 408 in OpenAI shape', () => {
  let slow: TestGateway;
  beforeAll(async () => {
    slow = await startTestGateway({
      server: { limits: { requestTimeoutMs: 400, headersTimeoutMs: 400 } },
    });
  });
  afterAll(async () => {
    await slow.close();
  });

  it('a body sent one byte at a time', async () => {
    const head = `POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{`;
    let timer: NodeJS.Timeout | undefined;
    const { raw, closed } = await rawExchange(slow.url, head, {
      waitMs: 5000, // stated bound: cut within 5 s (the limit is 400 ms, checked every 100 ms)
      onSocket: (socket) => {
        timer = setInterval(() => socket.write(' '), 50);
      },
    });
    clearInterval(timer);
    expect(closed).toBe(true);
    const response = parseRaw(raw, closed);
    expect(response?.status).toBe(408);
    expect(expectOpenAIError(response?.body ?? '').code).toBe('request_timeout');
    await expect.poll(() => slow.logs.at(-1)?.status, { timeout: 2000 }).toBe(408);
  });

  it('a client that leaves half-way through its body is logged 499, not a bad request', async () => {
    const before = slow.logs.length;
    const head = `POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"model":`;
    await rawExchange(slow.url, head, {
      waitMs: 2000,
      onSocket: (socket) => setTimeout(() => socket.destroy(), 100),
    });
    await expect.poll(() => slow.logs.length, { timeout: 2000 }).toBe(before + 1);
    expect(slow.logs.at(-1)).toMatchObject({ status: 499, errorKind: 'aborted', clientGone: true });
  });

  it('headers sent one line at a time', async () => {
    let timer: NodeJS.Timeout | undefined;
    const { raw, closed } = await rawExchange(slow.url, 'GET /healthz HTTP/1.1\r\n', {
      waitMs: 5000,
      onSocket: (socket) => {
        timer = setInterval(() => socket.write('x-slow: 1\r\n'), 50);
      },
    });
    clearInterval(timer);
    expect(closed).toBe(true);
    expect(parseRaw(raw, closed)?.status).toBe(408);
  });
});

describe('4: DNS rebinding: Host is checked when no API key is set', () => {
  it.each([
    ['evil.example', 403],
    ['evil.example:8080', 403],
    ['localhost:1234', 200],
    ['127.0.0.1', 200],
    ['[::1]:80', 200],
    ['api.localhost', 200],
  ])('Host: %s -> %i', async (host, status) => {
    const { raw, closed } = await rawExchange(
      t.url,
      `GET /v1/models HTTP/1.1\r\nhost: ${host}\r\nconnection: close\r\n\r\n`,
    );
    const response = parseRaw(raw, closed);
    expect(response?.status).toBe(status);
    if (status === 403)
      expect(expectOpenAIError(response?.body ?? '').code).toBe('host_not_allowed');
  });

  it('--allowed-hosts lets named hosts in; an API key without a list lets any host in', async () => {
    const named = await startTestGateway({ server: { allowedHosts: ['*.corp.example'] } });
    const keyed = await startTestGateway({ server: { apiKey: 'sk-hostile-test' } });
    try {
      const get = (g: TestGateway, host: string, key?: string) =>
        rawExchange(
          g.url,
          `GET /v1/models HTTP/1.1\r\nhost: ${host}\r\n${key ? `authorization: Bearer ${key}\r\n` : ''}connection: close\r\n\r\n`,
        ).then(({ raw, closed }) => parseRaw(raw, closed)?.status);
      expect(await get(named, 'gw.corp.example')).toBe(200);
      expect(await get(named, 'evil.example')).toBe(403);
      expect(await get(keyed, 'evil.example', 'sk-hostile-test')).toBe(200);
      expect(await get(keyed, 'evil.example')).toBe(401);
    } finally {
      await named.close();
      await keyed.close();
    }
  });
});

describe('6: nothing identifying leaves the process', () => {
  it("an AccessDenied naming the account and principal, and the gateway's own key", async () => {
    const key = 'sk-hostile-secret-key';
    const g = await startTestGateway({
      emulator: { denyStreamingFor: ['AKIDEXAMPLE'] },
      server: { apiKey: key },
    });
    try {
      const auth = { authorization: `Bearer ${key}` };
      const denied = await post(g, { ...ask, stream: true }, auth);
      expect(denied.status).toBe(403);
      const error = expectOpenAIError(denied.text);
      expect(error.message).toContain('is not authorized to perform');
      expect(error.message).not.toMatch(/\d{12}|AKIDEXAMPLE/);
      // The key sent back as a model name is not echoed in the error.
      const echoed = await post(g, { ...ask, model: key }, auth);
      expect(echoed.status).toBeGreaterThanOrEqual(400);
      expect(echoed.text).not.toContain(key);
      await expect.poll(() => g.logs.length, { timeout: 2000 }).toBe(2);
      expect(JSON.stringify(g.logs.map(({ id: _id, ...rest }) => rest))).not.toMatch(
        /\d{12}|AKIDEXAMPLE|sk-hostile-secret-key/,
      );
    } finally {
      await g.close();
    }
  });

  it('a stream failing mid-way with a message full of identity', async () => {
    const key = 'sk-hostile-secret-key';
    const g = await startTestGateway({ server: { apiKey: key } });
    try {
      g.emulator.inject({
        type: 'stream-exception',
        exception: 'modelStreamErrorException',
        afterEvents: 3,
        message: `boom for AKIAIOSFODNN7EXAMPLE in 123456789012 with ${key}`,
      });
      const cut = await post(g, { ...ask, stream: true }, { authorization: `Bearer ${key}` });
      expect(cut.status).toBe(200);
      expect(cut.text).toContain('data: {"error"');
      expect(cut.text).toContain('boom for [redacted] in [account] with [redacted]');
      await expect.poll(() => g.logs.length, { timeout: 2000 }).toBe(1);
      const logs = JSON.stringify(g.logs.map(({ id: _id, ...rest }) => rest));
      expect(logs).not.toMatch(/\d{12}|AKIDEXAMPLE|AKIAIOSFODNN7EXAMPLE|sk-hostile-secret-key/);
    } finally {
      await g.close();
    }
  });
});

describe('7: connection handling follows the client', () => {
  it('Connection: close on a stream closes the socket after [DONE]', async () => {
    const { raw, closed } = await rawExchange(
      t.url,
      jsonRequest('/v1/chat/completions', { ...ask, stream: true }, { connection: 'close' }),
      { waitMs: 3000 }, // stated bound; the keep-alive timeout is 5 s
    );
    const response = parseRaw(raw, closed);
    expect(response?.status).toBe(200);
    expect(response?.headers.connection).toBe('close');
    expect(response?.body).toContain('data: [DONE]');
    expect(closed).toBe(true);
  });

  it('an HTTP/1.0 client is not told keep-alive', async () => {
    const { raw, closed } = await rawExchange(
      t.url,
      jsonRequest('/v1/chat/completions', { ...ask, stream: true }, {}, '1.0'),
      { waitMs: 3000 },
    );
    const response = parseRaw(raw, closed);
    expect(response?.status).toBe(200);
    expect(response?.headers.connection).not.toBe('keep-alive');
    expect(raw).toContain('data: [DONE]');
    expect(closed).toBe(true);
  });
});

describe('8: what a client sends is not amplified into logs and errors', () => {
  it('a 5 MB model name and a 5 MB unknown key', async () => {
    const huge = 'm'.repeat(5 * 1024 * 1024);
    const model = await post(t, { ...ask, model: huge });
    expect(model.status).toBeLessThan(500);
    expect(model.text.length).toBeLessThan(4096);
    await expect
      .poll(() => t.logs.at(-1)?.model?.length ?? 0, { timeout: 2000 })
      .toBeGreaterThan(0);
    expect(JSON.stringify(t.logs.at(-1)).length).toBeLessThan(4096);
    const key = await post(
      t,
      `{"model":"${MODEL}","messages":[{"role":"user","content":"hi"}],"${huge}":1}`,
    );
    expect(key.status).toBe(400);
    expect(key.text.length).toBeLessThan(4096);
    expect(expectOpenAIError(key.text).code).toBe('unrecognized_argument');
  });
});

describe('9: every error is OpenAI-shaped', () => {
  const head =
    'POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n';
  it.each([
    [
      'a malformed chunk size',
      `${head}transfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
      400,
    ],
    [
      'Content-Length and Transfer-Encoding',
      `${head}content-length: 2\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
      400,
    ],
    [
      'header folding',
      `GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nx-folded: a\r\n b\r\n\r\n`,
      400,
    ],
    [
      'a NUL in a header',
      `GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nx-nul: a\u0000b\r\n\r\n`,
      400,
    ],
    ['a bare LF', `GET /healthz HTTP/1.1\nhost: 127.0.0.1\n\n`, 400],
    [
      '20 KB of headers',
      `GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
    ],
    [
      'Expect other than 100-continue',
      `GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nexpect: something\r\n\r\n`,
      417,
    ],
  ])('%s', async (_name, request, status) => {
    const { raw, closed } = await rawExchange(t.url, request, { waitMs: 3000 });
    const response = parseRaw(raw, closed);
    expect(response?.status).toBe(status);
    expectOpenAIError(response?.body ?? '');
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it('a POST with no body names the missing parameter', async () => {
    const response = await fetch(`${t.url}/v1/chat/completions`, { method: 'POST' });
    expect(response.status).toBe(400);
    const error = expectOpenAIError(await response.text());
    expect(error.param).toBe('model');
    expect(error.message).not.toContain('undefined');
  });

  it('an empty key is named as such', async () => {
    const { status, text } = await post(t, { ...ask, '': 1 });
    expect(status).toBe(400);
    const error = expectOpenAIError(text);
    expect(error.param).toBe('[""]');
    expect(error.message).toBe('Unrecognized request argument supplied: [""]');
  });

  it('a function_call naming a missing function blames function_call', async () => {
    const { status, text } = await post(t, {
      ...ask,
      functions: [{ name: 'get_weather' }],
      function_call: { name: 'nope' },
    });
    expect(status).toBe(400);
    expect(expectOpenAIError(text).param).toBe('function_call');
  });
});

describe('10: the smaller findings', () => {
  it('a correct API key followed by whitespace is refused', async () => {
    const g = await startTestGateway({ server: { apiKey: 'sk-exact' } });
    try {
      const status = async (authorization: string) => {
        const { raw, closed } = await rawExchange(
          g.url,
          `GET /v1/models HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: ${authorization}\r\nconnection: close\r\n\r\n`,
        );
        return parseRaw(raw, closed)?.status;
      };
      expect(await status('Bearer sk-exact')).toBe(200);
      expect(await status('Bearer sk-exact\u00a0')).toBe(401);
      expect(await status('Bearer sk-exact\tx')).toBe(401);
      expect(await status('Bearer  sk-exact')).toBe(200); // several spaces after the scheme
    } finally {
      await g.close();
    }
  });

  it('at shutdown, idle keep-alive connections close and a request on a busy one gets an OpenAI-shaped 503', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const backend: GatewayBackend = {
      ...({} as GatewayBackend),
      complete: async () => {
        await gate;
        return { object: 'chat.completion', choices: [] };
      },
      listModels: async () => [],
    };
    const g = createServer({ backend, log: false });
    const url = await g.listen(0, '127.0.0.1');
    let busySocket: import('node:net').Socket | undefined;
    const idle = rawExchange(url, 'GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n', {
      waitMs: 5000,
    });
    const busy = rawExchange(url, jsonRequest('/v1/chat/completions', ask), {
      waitMs: 5000,
      onSocket: (socket) => {
        busySocket = socket;
      },
    });
    await expect.poll(() => g.inFlight, { timeout: 2000 }).toBe(1);
    const closing = g.close(5000);
    expect((await idle).closed).toBe(true); // stated bound: closed within 5 s, not kept alive
    release();
    await new Promise((resolve) => setTimeout(resolve, 100));
    busySocket?.write('GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n');
    const { raw, closed } = await busy;
    await closing;
    expect(closed).toBe(true);
    const second = parseRaw(raw.slice(raw.indexOf('HTTP/1.1', 10)), closed);
    expect(second?.status).toBe(503);
    expect(second?.headers.connection).toBe('close');
    expect(expectOpenAIError(second?.body ?? '').code).toBe('shutting_down');
  });

  it('a stream whose client left is logged 499', async () => {
    const g = await startTestGateway({ emulator: { paceMs: 50, deltas: 40 } });
    try {
      const controller = new AbortController();
      const response = await fetch(`${g.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...ask, stream: true }),
        signal: controller.signal,
      });
      const reader = response.body?.getReader();
      await reader?.read();
      controller.abort();
      await expect.poll(() => g.logs.at(-1)?.status, { timeout: 5000 }).toBe(499);
      expect(g.logs.at(-1)).toMatchObject({ errorKind: 'aborted', clientGone: true, stream: true });
      await expect.poll(() => g.gateway.inFlight, { timeout: 5000 }).toBe(0);
    } finally {
      await g.close();
    }
  });
});
