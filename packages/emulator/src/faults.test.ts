import { ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import {
  type BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { emulatorFixture } from './test-support/harness.js';
import {
  controlClient,
  drain,
  HAIKU,
  HANDLERS,
  type HandlerKind,
  userSays,
} from './test-support/sdk.js';
import type { Fault, StreamExceptionType } from './types.js';

const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

const input = { modelId: HAIKU, messages: userSays('hello there friend') };

describe.each(HANDLERS)('faults as the raw SDK sees them over %s', (kind: HandlerKind) => {
  const fx = emulatorFixture();
  /** A client without retries, so each fault's raw effect is visible. */
  const raw = (timeoutMs?: number) =>
    fx.client(kind, { maxAttempts: 1, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
  const converse = (client: BedrockRuntimeClient) =>
    client.send(new ConverseCommand(input)).then(
      (out) => ({ out, error: undefined }),
      (error: unknown) => ({ out: undefined, error: error as Error & Record<string, unknown> }),
    );
  const stream = async (client: BedrockRuntimeClient) => {
    try {
      const out = await client.send(new ConverseStreamCommand(input));
      return await drain(out.stream);
    } catch (error) {
      return { events: [], types: [], error };
    }
  };

  it.each<[Fault, string, number]>([
    [{ type: 'throttling' }, 'ThrottlingException', 429],
    [{ type: 'service-unavailable' }, 'ServiceUnavailableException', 503],
    [{ type: 'internal-server' }, 'InternalServerException', 500],
    [{ type: 'model-not-ready' }, 'ModelNotReadyException', 429],
    [{ type: 'model-timeout' }, 'ModelTimeoutException', 408],
    [{ type: 'context-overflow' }, 'ValidationException', 400],
    [{ type: 'access-denied' }, 'AccessDeniedException', 403],
    [{ type: 'invalid-credentials' }, 'UnrecognizedClientException', 403],
    [{ type: 'quota-exceeded' }, 'ThrottlingException', 429],
  ])(
    '%o answers %s (%i), to converse and to converse-stream alike',
    async (fault, name, status) => {
      fx.emulator.inject({ ...fault, times: 2 });
      const { error } = await converse(raw());
      expect(error).toMatchObject({ name, $metadata: { httpStatusCode: status } });
      expect(fx.emulator.requests.at(-1)).toMatchObject({ fault: fault.type, status });
      if (fault.type === 'context-overflow') {
        expect(error?.message).toBe('prompt is too long: 201024 tokens > 200000 maximum');
      }
      // A stream fails the same way before its first event: send() itself rejects.
      const streamed = await stream(raw());
      expect(streamed.error).toMatchObject({ name, $metadata: { httpStatusCode: status } });
      expect(streamed.types).toEqual([]);
      expect(fx.emulator.requests.at(-1)).toMatchObject({
        operation: 'converse-stream',
        fault: fault.type,
        status,
      });
    },
  );

  it('the SDK retries throttling by itself (3 attempts, recorded)', async () => {
    fx.emulator.inject({ type: 'throttling', times: 2, retryAfterSeconds: 0 });
    const client = fx.client(kind);
    const before = fx.emulator.requests.length;
    const out = await client.send(new ConverseCommand(input));
    expect(out.output?.message?.content?.[0]?.text).toBe('Echo: hello there friend');
    const attempts = fx.emulator.requests.slice(before).map((r) => [r.attempt, r.status, r.fault]);
    expect(attempts).toEqual([
      [1, 429, 'throttling'],
      [2, 429, 'throttling'],
      [3, 200, undefined],
    ]);
  });

  it.each<StreamExceptionType>([
    'throttlingException',
    'modelStreamErrorException',
    'validationException',
    'internalServerException',
    'serviceUnavailableException',
  ])('stream-exception %s after K events surfaces while iterating', async (exception) => {
    fx.emulator.inject({ type: 'stream-exception', exception, afterEvents: 1 });
    const { types, error } = await stream(raw());
    expect(types).toEqual(['messageStart']);
    expect(error).toMatchObject({ name: exception.charAt(0).toUpperCase() + exception.slice(1) });
  });

  it('stream-exception on converse answers the matching HTTP error', async () => {
    fx.emulator.inject({ type: 'stream-exception', exception: 'serviceUnavailableException' });
    const { error } = await converse(raw());
    expect(error).toMatchObject({
      name: 'ServiceUnavailableException',
      $metadata: { httpStatusCode: 503 },
    });
  });

  it('cut (FIN) mid-stream', async () => {
    fx.emulator.inject({ type: 'cut', afterEvents: 2 });
    const { types, error } = await stream(raw());
    expect(types).toEqual(['messageStart', 'contentBlockDelta']);
    if (kind === 'http2') {
      // The documented SDK defect: an HTTP/2 cut ends the iterator normally.
      expect(error).toBeUndefined();
    } else {
      expect(error).toMatchObject({ code: 'ECONNRESET', message: 'aborted' });
    }
  });

  it('cut (FIN) in the middle of a converse body fails the call', async () => {
    fx.emulator.inject({ type: 'cut', operation: 'converse' });
    const { error } = await converse(raw());
    if (kind === 'http2') expect(error?.name).toBe('SyntaxError');
    else expect(error).toMatchObject({ code: 'ECONNRESET' });
  });

  it('reset (RST) mid-stream', async () => {
    fx.emulator.inject({ type: 'reset', afterEvents: 2 });
    const { types, error } = await stream(raw());
    expect(types).toEqual(['messageStart', 'contentBlockDelta']);
    if (kind === 'http2' && NODE_MAJOR < 24) {
      // Node 20 and 22 end an HTTP/2 stream whose connection was reset like a clean end; Node 24
      // reports the reset to the SDK, which then throws it.
      expect(error).toBeUndefined();
    } else {
      expect(error).toMatchObject({ code: 'ECONNRESET' });
    }
  });

  it('no-message-stop ends the stream cleanly without messageStop or metadata (accepted silently)', async () => {
    fx.emulator.inject({ type: 'no-message-stop' });
    const { types, error } = await stream(raw());
    expect(error).toBeUndefined();
    expect(types.at(-1)).toBe('contentBlockStop');
    expect(types).not.toContain('messageStop');
    expect(types).not.toContain('metadata');
  });

  it('no-message-stop only matches streams: converse is untouched', async () => {
    fx.emulator.inject({ type: 'no-message-stop' });
    const { out } = await converse(raw());
    expect(out?.stopReason).toBe('end_turn');
    const { types } = await stream(raw());
    expect(types).not.toContain('messageStop');
  });

  it('corrupt-frame fails the CRC check while iterating', async () => {
    fx.emulator.inject({ type: 'corrupt-frame', afterEvents: 2 });
    const { types, error } = await stream(raw());
    expect(types).toEqual(['messageStart', 'contentBlockDelta']);
    expect((error as Error).message).toMatch(/checksum/);
  });

  it('corrupt-frame on converse sends a body that is not JSON', async () => {
    fx.emulator.inject({ type: 'corrupt-frame', operation: 'converse' });
    const { error } = await converse(raw());
    expect(error?.name).toBe('SyntaxError');
  });

  it('reset (RST) in the middle of a converse body fails the call', async () => {
    fx.emulator.inject({ type: 'reset', operation: 'converse' });
    const { out, error } = await converse(raw());
    expect(out).toBeUndefined();
    // Over HTTP/2 the SDK parses the half body it got: a JSON error, not a connection error.
    if (kind === 'http2') expect(error?.name).toBe('SyntaxError');
    else expect(error).toMatchObject({ code: 'ECONNRESET' });
  });

  it('stall in the middle of a converse body: silent until the client gives up', async () => {
    fx.emulator.inject({ type: 'stall', operation: 'converse' });
    const { out, error } = await converse(raw(300));
    expect(out).toBeUndefined();
    // NodeHttp2Handler's requestTimeout ends the body quietly; the SDK then fails to parse it.
    if (kind === 'http2') expect(error?.name).toBe('SyntaxError');
    else expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(fx.emulator.requests.at(-1)).toMatchObject({ fault: 'stall', status: 200 });
  });

  it('stall mid-stream: silent, socket open, until the client gives up', async () => {
    fx.emulator.inject({ type: 'stall', afterEvents: 2 });
    const { types, error } = await stream(raw(300));
    expect(types).toEqual(['messageStart', 'contentBlockDelta']);
    if (kind === 'http2') {
      // NodeHttp2Handler's requestTimeout closes the stream and the iterator just ends.
      expect(error).toBeUndefined();
    } else {
      expect(error).toMatchObject({ name: 'TimeoutError' });
    }
    expect(fx.emulator.requests.at(-1)).toMatchObject({ fault: 'stall', status: 200 });
  });

  it('blackhole: the request is accepted and never answered', async () => {
    fx.emulator.inject({ type: 'blackhole' });
    const { error } = await converse(raw(300));
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(fx.emulator.requests.at(-1)?.status).toBeUndefined();
    expect(fx.emulator.requests.at(-1)?.fault).toBe('blackhole');
  });

  it('blackhole can be ended by the caller with an AbortController', async () => {
    fx.emulator.inject({ type: 'blackhole' });
    const controller = new AbortController();
    const call = raw().send(new ConverseCommand(input), { abortSignal: controller.signal });
    const settled = call.catch((err: unknown) => err);
    await expect.poll(() => fx.emulator.requests.at(-1)?.fault).toBe('blackhole');
    controller.abort();
    expect(await settled).toMatchObject({ name: 'AbortError' });
  });

  it('stale-keep-alive drops the pooled connection before any byte', async () => {
    const client = raw();
    await converse(client);
    const warm = fx.emulator.requests.at(-1);
    fx.emulator.inject({ type: 'stale-keep-alive' });
    const { error } = await converse(client);
    const dropped = fx.emulator.requests.at(-1);
    expect(dropped).toMatchObject({ fault: 'stale-keep-alive' });
    expect(dropped?.status).toBeUndefined();
    if (kind === 'http1') {
      expect(dropped?.connectionId).toBe(warm?.connectionId);
      expect(error).toMatchObject({
        name: 'TimeoutError',
        code: 'ECONNRESET',
        message: 'socket hang up',
      });
    } else {
      expect(error).toMatchObject({ name: 'TimeoutError' });
      expect(error?.message).toMatch(/http2 request did not get a response/);
    }
  });

  it('stale-keep-alive is healed by the SDK retry on a new connection', async () => {
    const client = fx.client(kind);
    await converse(client);
    fx.emulator.inject({ type: 'stale-keep-alive' });
    const before = fx.emulator.requests.length;
    const { out } = await converse(client);
    expect(out?.stopReason).toBe('end_turn');
    const seen = fx.emulator.requests.slice(before);
    expect(seen.map((r) => [r.attempt, r.status])).toEqual([
      [1, undefined],
      [2, 200],
    ]);
    expect(seen[1]?.connectionId).not.toBe(seen[0]?.connectionId);
  });

  it('slow-first-byte delays the response headers', async () => {
    fx.emulator.inject({ type: 'slow-first-byte', delayMs: 2_000 });
    const { error } = await converse(raw(200));
    expect(error).toMatchObject({ name: 'TimeoutError' });
    fx.emulator.inject({ type: 'slow-first-byte', delayMs: 20 });
    const { types } = await stream(raw());
    expect(types.at(-1)).toBe('metadata');
    expect(fx.emulator.requests.at(-1)).toMatchObject({ fault: 'slow-first-byte', status: 200 });
  });

  it('pause goes silent after K events, then finishes the answer', async () => {
    const PAUSE_MS = 300;
    fx.emulator.inject({ type: 'pause', afterEvents: 2, delayMs: PAUSE_MS });
    const out = await raw().send(new ConverseStreamCommand(input));
    const arrivals: Array<{ type: string; at: number }> = [];
    for await (const event of out.stream ?? []) {
      arrivals.push({ type: Object.keys(event)[0] ?? '?', at: performance.now() });
    }
    const plain = (await stream(raw())).types;
    // Same events as without the fault, and the silence sits exactly before event #3.
    expect(arrivals.map((a) => a.type)).toEqual(plain);
    const gaps = arrivals.slice(1).map((a, i) => a.at - (arrivals[i]?.at ?? a.at));
    expect(gaps.findIndex((gap) => gap >= PAUSE_MS - 20)).toBe(1);
    expect(fx.emulator.requests.at(-2)).toMatchObject({ fault: 'pause', status: 200 });

    fx.emulator.inject({ type: 'pause', delayMs: PAUSE_MS, operation: 'converse' });
    const started = performance.now();
    const { out: answer } = await converse(raw());
    expect(performance.now() - started).toBeGreaterThanOrEqual(PAUSE_MS - 20);
    expect(answer?.stopReason).toBe('end_turn');
    expect(fx.emulator.requests.at(-1)).toMatchObject({ fault: 'pause', status: 200 });
  });

  it('matches faults by operation, model id and times', async () => {
    fx.emulator.inject({ type: 'internal-server', operation: 'converse-stream', times: 2 });
    fx.emulator.inject({ type: 'model-timeout', modelId: 'amazon.nova-micro-v1:0' });
    const client = raw();
    expect((await converse(client)).out?.stopReason).toBe('end_turn');
    expect((await stream(client)).error).toMatchObject({ name: 'InternalServerException' });
    expect((await stream(client)).error).toMatchObject({ name: 'InternalServerException' });
    expect((await stream(client)).error).toBeUndefined();
    const nova = await client
      .send(new ConverseCommand({ ...input, modelId: 'amazon.nova-micro-v1:0' }))
      .catch((err: unknown) => err);
    expect(nova).toMatchObject({ name: 'ModelTimeoutException' });
  });

  it('control-plane faults apply to the control plane only', async () => {
    fx.emulator.inject({ type: 'service-unavailable', operation: 'control' });
    const control = controlClient(fx.emulator.url, kind, 'us-east-1', 1);
    const runtime = raw();
    try {
      expect((await converse(runtime)).out?.stopReason).toBe('end_turn');
      const error = await control
        .send(new ListFoundationModelsCommand({}))
        .catch((err: unknown) => err);
      expect(error).toMatchObject({ name: 'ServiceUnavailableException' });
    } finally {
      control.destroy();
    }
  });
});
