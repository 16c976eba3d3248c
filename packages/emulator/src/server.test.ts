import { connect } from 'node:net';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultCatalogue } from './catalogue.js';
import { startEmulator } from './start-emulator.js';
import { cleanUp, emulatorWith, post, track } from './test-support/harness.js';
import { drain, HAIKU, HANDLERS, runtimeClient, userSays } from './test-support/sdk.js';

afterEach(cleanUp);

const tcpHandles = () =>
  process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TCPServerWrap')
    .length;
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('request recording', () => {
  it('records protocol, operation, model, parsed body, attempt, connection, and no secrets', async () => {
    const emulator = await emulatorWith();
    const client = track(
      new BedrockRuntimeClient({
        endpoint: emulator.url,
        region: 'us-east-1',
        credentials: {
          accessKeyId: 'AKIDEXAMPLE',
          secretAccessKey: 'secret',
          sessionToken: 'SESSION-SECRET',
        },
      }),
    );
    await client.send(new ConverseCommand({ modelId: HAIKU, messages: userSays('record me') }));
    await post(emulator.url, `/model/${HAIKU}/converse`, { authorization: 'Bearer BEARER-SECRET' });
    const [sdk, bearer] = emulator.requests;
    expect(sdk).toMatchObject({
      protocol: 'http2',
      method: 'POST',
      operation: 'converse',
      modelId: HAIKU,
      body: { messages: userSays('record me') },
      attempt: 1,
      status: 200,
      connectionId: 1,
    });
    expect(sdk?.headers['amz-sdk-request']).toMatch(/attempt=1/);
    expect(bearer).toMatchObject({ protocol: 'http1', connectionId: 2, status: 200 });
    const all = JSON.stringify(emulator.requests);
    expect(all).not.toMatch(/SESSION-SECRET|BEARER-SECRET|AWS4-HMAC-SHA256/);
    expect(Object.keys(sdk?.headers ?? {})).not.toContain('authorization');
    expect(Object.keys(sdk?.headers ?? {})).not.toContain('x-amz-security-token');
  });

  it('numbers connections in accept order, even when a later one speaks first', async () => {
    const emulator = await emulatorWith();
    const { hostname, port } = new URL(emulator.url);
    const open = async () => {
      const socket = connect(Number(port), hostname);
      await new Promise((resolve) => socket.once('connect', resolve));
      return socket;
    };
    const first = await open();
    const second = await open();
    const ask = (socket: ReturnType<typeof connect>, text: string) => {
      const body = JSON.stringify({ messages: userSays(text) });
      socket.write(
        `POST /model/${HAIKU}/converse HTTP/1.1\r\nhost: x\r\nauthorization: Bearer t\r\n` +
          `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      return new Promise((resolve) => socket.once('data', resolve));
    };
    await ask(second, 'second socket');
    await ask(first, 'first socket');
    first.destroy();
    second.destroy();
    const byText = (text: string) =>
      emulator.requests.find((r) => JSON.stringify(r.body).includes(text))?.connectionId;
    expect([byText('first socket'), byText('second socket')]).toEqual([1, 2]);
  });

  it('logs one line per request', async () => {
    const lines: string[] = [];
    const emulator = await emulatorWith({ log: (line) => lines.push(line) });
    await post(emulator.url, `/model/${HAIKU}/converse`, { authorization: 'Bearer t' });
    await fetch(`${emulator.url}/__emulator/requests`);
    await expect.poll(() => lines.length).toBe(2);
    expect(lines[0]).toMatch(/http1 #1 POST \/model\/.*\/converse 200 \d+ms$/);
  });
});

describe('admin API', () => {
  it('queues, lists and clears faults; queues scripts; returns requests', async () => {
    const emulator = await emulatorWith();
    const admin = (method: string, name: string, body?: unknown) =>
      fetch(`${emulator.url}/__emulator/${name}`, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    let res = await admin('POST', 'faults', [{ type: 'throttling', times: 2 }, { type: 'cut' }]);
    expect(res.status).toBe(201);
    res = await admin('GET', 'faults');
    expect(((await res.json()) as { queued: unknown[] }).queued).toEqual([
      { type: 'throttling', times: 2, remaining: 2 },
      { type: 'cut', remaining: 1 },
    ]);
    const throttled = await post(emulator.url, `/model/${HAIKU}/converse`, {
      authorization: 'Bearer t',
    });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('x-amzn-errortype')).toMatch(/^ThrottlingException:/);
    res = await admin('DELETE', 'faults');
    expect(res.status).toBe(200);
    res = await admin('POST', 'script', { content: [{ text: 'from admin' }] });
    expect(res.status).toBe(201);
    const answered = await post(emulator.url, `/model/${HAIKU}/converse`, {
      authorization: 'Bearer t',
    });
    expect(await answered.json()).toMatchObject({
      output: { message: { content: [{ text: 'from admin' }] } },
    });
    res = await admin('GET', 'requests');
    const { requests } = (await res.json()) as {
      requests: Array<{ operation: string; status?: number }>;
    };
    expect(requests.filter((r) => r.operation === 'converse').map((r) => r.status)).toEqual([
      429, 200,
    ]);
  });

  it('answers 400 naming the problem for a bad fault or script', async () => {
    const emulator = await emulatorWith();
    const res = await fetch(`${emulator.url}/__emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ type: 'meteor-strike' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(
      /unknown type "meteor-strike"/,
    );
    const script = await fetch(`${emulator.url}/__emulator/script`, { method: 'POST', body: '{}' });
    expect(script.status).toBe(400);
    expect(() => emulator.inject({ type: 'cut', afterEvents: -1 })).toThrow(
      /afterEvents must be an integer >= 0/,
    );
    expect(() =>
      emulator.inject({ type: 'stream-exception', exception: 'nope' as 'throttlingException' }),
    ).toThrow(/exception must be one of/);
  });
});

describe('catalogue replacement', () => {
  it('serves the caller catalogue instead of the built-in one', async () => {
    const model = {
      ...defaultCatalogue.models[0]!,
      modelId: 'acme.tiny-v1:0',
      modelName: 'Tiny',
      providerName: 'Acme',
      contextWindow: 10,
      maxOutputTokens: 5,
    };
    const emulator = await emulatorWith({
      catalogue: { accountId: '111122223333', models: [model], inferenceProfiles: [] },
    });
    const res = await fetch(`${emulator.url}/foundation-models`, {
      headers: { authorization: 'Bearer t' },
    });
    const { modelSummaries } = (await res.json()) as { modelSummaries: Array<{ modelId: string }> };
    expect(modelSummaries.map((m) => m.modelId)).toEqual(['acme.tiny-v1:0']);
    const tooLong = await post(
      emulator.url,
      '/model/acme.tiny-v1%3A0/converse',
      { authorization: 'Bearer t' },
      JSON.stringify({ messages: userSays('x'.repeat(100)) }),
    );
    expect(await tooLong.json()).toEqual({ message: 'Input is too long for requested model.' });
    const haiku = await post(emulator.url, `/model/${HAIKU}/converse`, {
      authorization: 'Bearer t',
    });
    expect(haiku.status).toBe(400);
  });

  it('rejects a malformed catalogue with a TypeError naming the field', async () => {
    await expect(
      startEmulator({
        catalogue: { accountId: '1', models: [{ modelId: 'x' }], inferenceProfiles: [] } as never,
      }),
    ).rejects.toThrow(/models\[0\]\.modelName must be a string/);
  });
});

describe('pacing', () => {
  it.each(HANDLERS)('paceMs spaces events and the stream still completes (%s)', async (kind) => {
    const emulator = await emulatorWith({ paceMs: 5, deltas: 3 });
    const client = track(runtimeClient(emulator.url, kind));
    const out = await client.send(
      new ConverseStreamCommand({ modelId: HAIKU, messages: userSays('paced') }),
    );
    const { types, error } = await drain(out.stream);
    expect(error).toBeUndefined();
    expect(types).toHaveLength(7); // start, 3 deltas, stop, messageStop, metadata
    expect(types.at(-1)).toBe('metadata');
  });

  it.each(HANDLERS)('paceMs holds the next event back until its delay (%s)', async (kind) => {
    // A ten-minute pace: after the first event nothing more may arrive; close() ends the wait.
    const emulator = await emulatorWith({ paceMs: 600_000, deltas: 3 });
    const client = track(runtimeClient(emulator.url, kind));
    const out = await client.send(
      new ConverseStreamCommand({ modelId: HAIKU, messages: userSays('held back') }),
    );
    if (out.stream === undefined) throw new Error('no event stream');
    const iterator = out.stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toHaveProperty('messageStart');
    await emulator.close();
    const rest = await drain({ [Symbol.asyncIterator]: () => iterator });
    expect(rest.types).toEqual([]);
  });
});

describe('connections and close()', () => {
  it('serves HTTP/1.1 keep-alive and h2c on one port and counts connections', async () => {
    const emulator = await emulatorWith();
    const h1 = track(runtimeClient(emulator.url, 'http1'));
    const h2 = track(runtimeClient(emulator.url, 'http2'));
    for (let i = 0; i < 3; i++) {
      await h1.send(new ConverseCommand({ modelId: HAIKU, messages: userSays('a') }));
    }
    await h2.send(new ConverseCommand({ modelId: HAIKU, messages: userSays('b') }));
    const h1Ids = new Set(
      emulator.requests.filter((r) => r.protocol === 'http1').map((r) => r.connectionId),
    );
    expect(h1Ids.size).toBe(1);
    expect(emulator.requests.filter((r) => r.protocol === 'http2')).toHaveLength(1);
    expect(emulator.connections.total).toBe(2);
    expect(emulator.connections.open).toBeGreaterThanOrEqual(1);
  });

  it('close() ends every socket, stalled ones included, and leaves no handle or timer', async () => {
    // Let sockets of earlier tests finish closing: this test owns every TCP handle from here.
    await expect.poll(tcpHandles, { timeout: 5_000 }).toBe(0);
    const baseTimers = timers();
    const emulator = await startEmulator({ paceMs: 60_000 });
    const h1 = runtimeClient(emulator.url, 'http1', { maxAttempts: 1 });
    const h2 = runtimeClient(emulator.url, 'http2', { maxAttempts: 1 });
    await h1.send(new ConverseCommand({ modelId: HAIKU, messages: userSays('keep me alive') }));
    emulator.inject({ type: 'stall', afterEvents: 1 });
    const stalled = await h2.send(
      new ConverseStreamCommand({ modelId: HAIKU, messages: userSays('stall') }),
    );
    const paced = await h1.send(
      new ConverseStreamCommand({ modelId: HAIKU, messages: userSays('slow') }),
    );
    emulator.inject({ type: 'slow-first-byte', delayMs: 60_000 });
    const slow = h1
      .send(new ConverseCommand({ modelId: HAIKU, messages: userSays('slow') }))
      .catch((e: unknown) => e);
    await expect.poll(() => emulator.requests.at(-1)?.fault).toBe('slow-first-byte');
    expect(emulator.connections.open).toBeGreaterThanOrEqual(2);

    await emulator.close();
    expect(emulator.connections.open).toBe(0);
    const [a, b, c] = await Promise.all([drain(stalled.stream), drain(paced.stream), slow]);
    expect(a.types).toEqual(['messageStart']);
    expect(b.types).toEqual(['messageStart']);
    expect(c).toBeInstanceOf(Error);
    h1.destroy();
    h2.destroy();
    await expect.poll(tcpHandles, { timeout: 5_000 }).toBe(0);
    await expect.poll(timers, { timeout: 5_000 }).toBeLessThanOrEqual(baseTimers);
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(Number(new URL(emulator.url).port), '127.0.0.1');
      socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
      socket.on('connect', () => {
        socket.destroy();
        resolve('connected');
      });
    });
    expect(refused).toBe('ECONNREFUSED');
  }, 30_000);
});
