import {
  BedrockRuntimeClient,
  type BedrockRuntimeClientConfig,
} from '@aws-sdk/client-bedrock-runtime';
import type {
  FinalizeRequestMiddleware,
  HttpHandlerOptions,
  HttpRequest,
  HttpResponse,
  MetadataBearer,
} from '@smithy/types';
import { TEST_CREDENTIALS } from './harness.js';

/** A request as the HTTP handler received it, with the handler options. */
export interface Seen {
  request: HttpRequest;
  options: HttpHandlerOptions | undefined;
}

/** Thrown by the capturing handler: carries what it saw. */
export class Captured extends Error {
  constructor(readonly seen: Seen) {
    super('captured');
  }
}

/**
 * A `BedrockRuntimeClient` for tests that never leaves the process: its HTTP handler is
 * `handle`, with the test credentials, a dead loopback endpoint, one attempt, and `config` on top.
 */
export function handlerClient(
  handle: (
    request: HttpRequest,
    options?: HttpHandlerOptions,
  ) => Promise<{ response: HttpResponse }>,
  config: BedrockRuntimeClientConfig = {},
): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:1',
    credentials: TEST_CREDENTIALS,
    maxAttempts: 1,
    requestHandler: { handle },
    ...config,
  });
}

/**
 * A `handlerClient` whose handler captures the signed request (after `wait`, if given; into
 * `log` too) and throws it as `Captured`. The invocation id is fixed (random otherwise, and
 * signed), so two clients' equal signatures mean equal canonical requests.
 */
export function capturingClient(
  options: { config?: BedrockRuntimeClientConfig; wait?: () => Promise<void>; log?: Seen[] } = {},
): BedrockRuntimeClient {
  const client = handlerClient(async (request, handlerOptions) => {
    await options.wait?.();
    options.log?.push({ request, options: handlerOptions });
    throw new Captured({ request, options: handlerOptions });
  }, options.config);
  const fixedId: FinalizeRequestMiddleware<object, MetadataBearer> = (next) => (args) => {
    (args.request as HttpRequest).headers['amz-sdk-invocation-id'] = 'fixed';
    return next(args);
  };
  client.middlewareStack.addRelativeTo(fixedId, {
    relation: 'before',
    toMiddleware: 'httpSigningMiddleware',
    name: 'fixedInvocationId',
  });
  return client;
}

/** What the capturing handler saw for `sent` (which must end in `Captured`). */
export async function captured(sent: Promise<unknown>): Promise<Seen> {
  try {
    await sent;
  } catch (err) {
    if (err instanceof Captured) return err.seen;
    throw err;
  }
  throw new Error('the handler was not called');
}

/** A captured body as text. */
export function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  const bytes = body as Uint8Array;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
