import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { NoOpLogger } from '@smithy/core/client';
import { HttpRequest } from '@smithy/core/protocols';
import {
  type FinalizeRequestMiddleware,
  type HandlerExecutionContext,
  type MetadataBearer,
  type Pluggable,
  SMITHY_CONTEXT_KEY,
} from '@smithy/types';

/** Where the SDK's retry middleware sits; a replacement must take the same place. */
const RETRY_MIDDLEWARE = {
  name: 'retryMiddleware',
  tags: ['RETRY'],
  step: 'finalizeRequest',
  priority: 'high',
  override: true,
} as const;

/** The SDK's abort error (`Request aborted`, named `AbortError`). */
function abortError(): Error {
  return Object.assign(new Error('Request aborted'), { name: 'AbortError' });
}

/** Whether the call's signal is aborted now. */
function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** What the SDK's retry middleware makes of anything thrown: an `Error`. */
function asSdkError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (error instanceof Object) return Object.assign(new Error(), error);
  if (typeof error === 'string') return new Error(error);
  return new Error(`AWS SDK error wrapper for ${String(error)}`);
}

/** A request body the SDK does not retry (a stream), as its retry middleware tells it. */
function isStreamingBody(body: unknown): boolean {
  return (
    body instanceof Readable ||
    (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream)
  );
}

/**
 * The SDK's retry middleware for a client that makes one attempt (`maxAttempts: 1`: the
 * transport retries itself), without its per-call retry-strategy work (two provider awaits, a
 * retry token acquired and refreshed, each raced against the abort signal with listeners added and
 * removed). It does what the SDK's does with one attempt: an `amz-sdk-invocation-id` and
 * `amz-sdk-request: attempt=1; max=1` on the request (set before signing, as the SDK's), `attempts:
 * 1` and `totalRetryDelay: 0` in the `$metadata` of the output or of the error (anything thrown
 * made an `Error` as the SDK does), the SDK's `AbortError` instead when the call's signal is
 * aborted by the time it failed, and an error of a streaming request body thrown untouched (with
 * the SDK's warning).
 */
export function oneAttemptRetryPlugin<
  Input extends object,
  Output extends MetadataBearer,
>(): Pluggable<Input, Output> {
  const middleware: FinalizeRequestMiddleware<Input, Output> =
    (next, context: HandlerExecutionContext) => async (args) => {
      const signal = (context[SMITHY_CONTEXT_KEY] as { abortSignal?: AbortSignal } | undefined)
        ?.abortSignal;
      const request = args.request;
      const http = HttpRequest.isInstance(request);
      if (http) {
        request.headers['amz-sdk-invocation-id'] = randomUUID();
        request.headers['amz-sdk-request'] = 'attempt=1; max=1';
      }
      try {
        const out = await next(args);
        out.output.$metadata.attempts = 1;
        out.output.$metadata.totalRetryDelay = 0;
        return out;
      } catch (err) {
        const error = asSdkError(err) as Error & { $metadata?: Record<string, unknown> };
        if (http && isStreamingBody(request.body)) {
          const logger = context.logger instanceof NoOpLogger ? console : context.logger;
          logger?.warn('An error was encountered in a non-retryable streaming request.');
          throw error;
        }
        if (aborted(signal)) throw abortError();
        error.$metadata ??= {};
        error.$metadata.attempts = 1;
        error.$metadata.totalRetryDelay = 0;
        throw error;
      }
    };
  return {
    applyToStack(stack) {
      stack.add(middleware as never, RETRY_MIDDLEWARE as never);
    },
  };
}
