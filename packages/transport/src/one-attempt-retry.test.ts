import { Readable } from 'node:stream';
import { type BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { HttpResponse } from '@smithy/core/protocols';
import type { HttpHandlerOptions, HttpRequest } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { oneAttemptRetryPlugin } from './one-attempt-retry.js';
import { handlerClient } from './test-support/capturing-client.js';
import { fixSigningClock } from './test-support/fixed-signing-clock.js';
import { userInput } from './test-support/harness.js';

/**
 * The one-attempt retry middleware must leave every call as the SDK's retry middleware with
 * `maxAttempts: 1` leaves it: the same signed request, the same output `$metadata`, and the same
 * errors (service errors, network errors, anything thrown, aborts). Each case runs on a plain
 * SDK client and on one with the plugin.
 */

type Answer = (request: HttpRequest, options?: HttpHandlerOptions) => Promise<HttpResponse>;

function client(withPlugin: boolean, answer: Answer, seen: HttpRequest[]): BedrockRuntimeClient {
  const c = handlerClient(async (request, options) => {
    seen.push(request);
    return { response: await answer(request, options) };
  });
  if (withPlugin) c.middlewareStack.use(oneAttemptRetryPlugin());
  return c;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return new HttpResponse({
    statusCode: status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': 'req-7', ...headers },
    body: Readable.from([Buffer.from(JSON.stringify(body))]),
  });
}

const OK = () =>
  Promise.resolve(
    json(200, {
      output: { message: { role: 'assistant', content: [{ text: 'hi' }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
      metrics: { latencyMs: 1 },
    }),
  );

async function run(withPlugin: boolean, answer: Answer, signal?: AbortSignal) {
  const seen: HttpRequest[] = [];
  const c = client(withPlugin, answer, seen);
  const input = userInput('x');
  try {
    const output = await c.send(new ConverseCommand(input), signal ? { abortSignal: signal } : {});
    return { output, seen };
  } catch (err) {
    const e = err as Error & Record<string, unknown>;
    const { $response: _r, ...own } = e;
    return {
      error: { ...own, constructor: e.constructor, name: e.name, message: e.message },
      seen,
    };
  } finally {
    c.destroy();
  }
}

/** The two runs, with the random invocation ids checked for shape and then set aside. */
async function both(answer: () => Answer, signal?: () => AbortSignal | undefined) {
  const want = await run(false, answer(), signal?.());
  const got = await run(true, answer(), signal?.());
  for (const r of [want, got]) {
    for (const request of r.seen) {
      expect(request.headers['amz-sdk-invocation-id']).toMatch(/^[0-9a-f-]{36}$/);
      request.headers['amz-sdk-invocation-id'] = 'random';
      // Signed over a random id: the signature differs, what was signed (SignedHeaders) must not.
      request.headers.authorization = (request.headers.authorization ?? '').replace(
        /Signature=[0-9a-f]+/,
        'Signature=x',
      );
      expect(request.headers.authorization).toContain('amz-sdk-invocation-id;amz-sdk-request;');
    }
  }
  expect(got.seen.map((r) => r.headers)).toEqual(want.seen.map((r) => r.headers));
  return { want, got };
}

// One signing time for every client, so their signatures can be compared.
fixSigningClock();

describe('oneAttemptRetryPlugin', () => {
  it('a success: the same request headers and output $metadata', async () => {
    const { want, got } = await both(() => OK);
    expect(got.output).toStrictEqual(want.output);
    expect(got.output?.$metadata).toMatchObject({ attempts: 1, totalRetryDelay: 0 });
    expect(got.seen[0]?.headers['amz-sdk-request']).toBe('attempt=1; max=1');
  });

  it.each([
    [
      'a service error',
      () =>
        Promise.resolve(
          json(400, { message: 'bad' }, { 'x-amzn-errortype': 'ValidationException' }),
        ),
    ],
    [
      'a throttling error with Retry-After',
      () =>
        Promise.resolve(
          json(
            429,
            { message: 'slow down' },
            { 'x-amzn-errortype': 'ThrottlingException', 'retry-after': '2' },
          ),
        ),
    ],
    [
      'a network error',
      () => Promise.reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })),
    ],
    ['a thrown string', () => Promise.reject('plain string')],
    ['a thrown object', () => Promise.reject({ code: 'Weird', detail: 1 })],
  ] as Array<[string, Answer]>)('%s: the same error', async (_name, answer) => {
    const { want, got } = await both(() => answer);
    expect(got.error).toStrictEqual(want.error);
    expect(got.error).toMatchObject({ $metadata: { attempts: 1, totalRetryDelay: 0 } });
  });

  it('a call aborted in flight, and one aborted before it started: the SDK AbortError', async () => {
    for (const abortEarly of [false, true]) {
      const { want, got } = await both(
        () => {
          const controller = new AbortController();
          if (abortEarly) controller.abort();
          current = controller;
          return (_request, options) =>
            new Promise((_resolve, reject) => {
              // As the SDK's Node handler: an aborted signal ends the request with an AbortError.
              const handlerSignal = options?.abortSignal as unknown as AbortSignal | undefined;
              const fail = () =>
                reject(Object.assign(new Error('aborted in the handler'), { name: 'AbortError' }));
              if (handlerSignal?.aborted === true) fail();
              else handlerSignal?.addEventListener('abort', fail);
              setTimeout(() => controller.abort(), 1);
            });
        },
        () => current?.signal,
      );
      expect(got.error).toStrictEqual(want.error);
      expect(got.error?.name).toBe('AbortError');
      expect(got.error?.message).toBe('Request aborted');
      expect(got.seen.length).toBe(want.seen.length);
    }
  });
});

let current: AbortController | undefined;
