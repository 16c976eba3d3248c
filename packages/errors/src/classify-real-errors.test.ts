import { once } from 'node:events';
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import {
  AccessDeniedException,
  BedrockClient,
  ListFoundationModelsCommand,
} from '@aws-sdk/client-bedrock';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ThrottlingException,
} from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyError } from './classify-error.js';

/**
 * The same shapes as the table, but produced for real on loopback: Node's own sockets,
 * undici's fetch, and the AWS SDK clients talking to a tiny local server.
 */

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const TEST_TIMEOUT = 20_000;

/** What the h2c server answers next: status, error type header, body message, extra headers. */
interface Answer {
  status: number;
  type?: string;
  message?: string;
  headers?: Record<string, string>;
  destroy?: boolean;
}

let answer: Answer = { status: 200 };
let h2: http2.Http2Server;
const h2Sessions = new Set<http2.ServerHttp2Session>();
let h1: http.Server;
let closedPort: number;
let h2Url: string;
let h1Url: string;

function respond(res: http.ServerResponse | http2.Http2ServerResponse, destroy: () => void): void {
  if (answer.destroy) {
    destroy();
    return;
  }
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(answer.type === undefined
      ? {}
      : {
          'x-amzn-errortype': `${answer.type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
        }),
    ...answer.headers,
  };
  res.writeHead(answer.status, headers);
  res.end(JSON.stringify({ message: answer.message ?? '' }));
}

beforeAll(async () => {
  h2 = http2.createServer();
  h2.on('session', (session) => {
    h2Sessions.add(session);
    session.on('close', () => h2Sessions.delete(session));
  });
  h2.on('request', (req, res) => {
    req.resume();
    req.on('end', () => respond(res, () => req.stream.session?.destroy()));
  });
  h2.listen(0, '127.0.0.1');
  await once(h2, 'listening');
  h2Url = `http://127.0.0.1:${(h2.address() as net.AddressInfo).port}`;

  h1 = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => respond(res, () => req.socket.destroy()));
  });
  h1.listen(0, '127.0.0.1');
  await once(h1, 'listening');
  h1Url = `http://127.0.0.1:${(h1.address() as net.AddressInfo).port}`;

  const closed = net.createServer();
  closed.listen(0, '127.0.0.1');
  await once(closed, 'listening');
  closedPort = (closed.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
});

afterAll(async () => {
  for (const session of h2Sessions) session.destroy();
  h1.closeAllConnections();
  await Promise.all([
    new Promise<void>((resolve) => h2.close(() => resolve())),
    new Promise<void>((resolve) => h1.close(() => resolve())),
  ]);
});

function runtimeClient(): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint: h2Url,
    credentials,
    maxAttempts: 1,
  });
}

async function converseFailure(): Promise<unknown> {
  const client = runtimeClient();
  try {
    await client.send(
      new ConverseCommand({
        modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
        messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      }),
    );
    throw new Error('the call was expected to fail');
  } catch (error) {
    return error;
  } finally {
    client.destroy();
  }
}

describe('classifyError on real failures', () => {
  it(
    'a real ECONNREFUSED from a closed loopback port is unreachable',
    async () => {
      const socket = net.connect(closedPort, '127.0.0.1');
      const [error] = (await once(socket, 'error')) as [NodeJS.ErrnoException];
      socket.destroy();
      expect(error.code).toBe('ECONNREFUSED');
      expect(classifyError(error)).toMatchObject({
        kind: 'unreachable',
        code: 'ECONNREFUSED',
        retryable: true,
      });
    },
    TEST_TIMEOUT,
  );

  it(
    'a real "socket hang up" from a server that drops the connection is stale',
    async () => {
      answer = { status: 200, destroy: true };
      const req = http.get(`${h1Url}/x`);
      const [error] = (await once(req, 'error')) as [NodeJS.ErrnoException];
      expect(error.message).toBe('socket hang up');
      expect(classifyError(error)).toMatchObject({ kind: 'stale_connection', evictClient: true });
    },
    TEST_TIMEOUT,
  );

  it(
    "undici's fetch against a dropping server is stale, against a closed port unreachable",
    async () => {
      answer = { status: 200, destroy: true };
      const dropped = await fetch(`${h1Url}/x`).catch((error: unknown) => error);
      expect(classifyError(dropped).kind).toBe('stale_connection');
      const refused = await fetch(`http://127.0.0.1:${closedPort}/`).catch(
        (error: unknown) => error,
      );
      expect(classifyError(refused)).toMatchObject({ kind: 'unreachable', code: 'ECONNREFUSED' });
    },
    TEST_TIMEOUT,
  );

  it("Node's own AbortError (ABORT_ERR) is aborted and never retryable", async () => {
    const error = await once(new http.Server(), 'never', { signal: AbortSignal.abort() }).catch(
      (e: unknown) => e,
    );
    expect(classifyError(error)).toMatchObject({ kind: 'aborted', retryable: false });
  });

  it(
    'the SDK runtime client: 429 ThrottlingException with Retry-After',
    async () => {
      answer = {
        status: 429,
        type: 'ThrottlingException',
        message: 'Too many requests, please wait before trying again.',
        headers: { 'retry-after': '3' },
      };
      const error = await converseFailure();
      expect(error).toBeInstanceOf(ThrottlingException);
      expect(classifyError(error)).toMatchObject({
        kind: 'rate_limit',
        retryable: true,
        status: 429,
        retryAfterMs: 3000,
        code: 'ThrottlingException',
        message: 'Too many requests, please wait before trying again.',
      });
    },
    TEST_TIMEOUT,
  );

  it(
    'the SDK runtime client: 400 ValidationException "Input is too long"',
    async () => {
      answer = {
        status: 400,
        type: 'ValidationException',
        message: 'Input is too long for requested model.',
      };
      expect(classifyError(await converseFailure())).toMatchObject({
        kind: 'context_overflow',
        status: 400,
      });
    },
    TEST_TIMEOUT,
  );

  it(
    'the SDK runtime client: unmodeled 403 UnrecognizedClientException is auth',
    async () => {
      answer = {
        status: 403,
        type: 'UnrecognizedClientException',
        message: 'The security token included in the request is invalid.',
      };
      expect(classifyError(await converseFailure())).toMatchObject({
        kind: 'auth',
        code: 'UnrecognizedClientException',
      });
    },
    TEST_TIMEOUT,
  );

  it(
    'the SDK runtime client: 503 with an empty body still gets a message',
    async () => {
      answer = { status: 503, type: 'ServiceUnavailableException', message: '' };
      const info = classifyError(await converseFailure());
      expect(info.kind).toBe('overloaded');
      // the SDK puts the placeholder "UnknownError" there; we name the class and the kind instead
      expect(info.message).toBe(
        'ServiceUnavailableException (overloaded): The service or model is temporarily unavailable',
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'the SDK runtime client: the server kills the HTTP/2 session => stale connection',
    async () => {
      answer = { status: 200, destroy: true };
      expect(classifyError(await converseFailure())).toMatchObject({
        kind: 'stale_connection',
        evictClient: true,
      });
    },
    TEST_TIMEOUT,
  );

  it(
    'the SDK runtime client: an aborted signal is aborted',
    async () => {
      const client = runtimeClient();
      const error = await client
        .send(
          new ConverseCommand({
            modelId: 'm',
            messages: [{ role: 'user', content: [{ text: 'hi' }] }],
          }),
          { abortSignal: AbortSignal.abort() },
        )
        .catch((e: unknown) => e)
        .finally(() => client.destroy());
      expect(classifyError(error)).toMatchObject({ kind: 'aborted', retryable: false });
    },
    TEST_TIMEOUT,
  );

  it(
    'the SDK control-plane client (HTTP/1.1): 403 AccessDeniedException',
    async () => {
      answer = {
        status: 403,
        type: 'AccessDeniedException',
        message: 'User is not authorized to perform: bedrock:ListFoundationModels',
      };
      const client = new BedrockClient({
        region: 'us-east-1',
        endpoint: h1Url,
        credentials,
        maxAttempts: 1,
      });
      const error = await client
        .send(new ListFoundationModelsCommand({}))
        .catch((e: unknown) => e)
        .finally(() => client.destroy());
      expect(error).toBeInstanceOf(AccessDeniedException);
      expect(classifyError(error)).toMatchObject({ kind: 'access_denied', status: 403 });
    },
    TEST_TIMEOUT,
  );
});
