import type { Readable } from 'node:stream';
import {
  ConverseCommand,
  type ConverseCommandInput,
  type ConverseCommandOutput,
  ConverseStreamCommand,
  type ConverseStreamCommandInput,
  type ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import type { HttpHandlerOptions } from '@smithy/types';
import type { IdleKind } from './attempt.js';
import type { BuiltClient, ClientSettings } from './build-client.js';
import type { CallContext } from './call-context.js';
import type { ClientPool } from './client-pool.js';
import { decodeConverseStream } from './decode-converse-stream.js';
import { converseFirstByteMs, streamFirstByteMs } from './first-byte-deadline.js';
import { truncationError } from './own-errors.js';
import { readConverseStream } from './read-converse-stream.js';
import { runUnary } from './run-unary.js';
import { synthesizeStream } from './synthesize-stream.js';

/** What a stream call needs. */
export interface StreamPlan {
  pool: ClientPool;
  settings: ClientSettings;
  fallbackToNonStreaming: boolean;
}

/** An event's type: its one defined key (`contentBlockDelta`, `throttlingException`, ...). */
function typeOf(event: Readonly<Record<string, unknown>>): string | undefined {
  for (const key in event) {
    if (event[key] !== undefined) return key;
  }
  return undefined;
}

/** Whether a response body is a Node `Readable` (read directly, without its async iterator). */
function isReadable(body: unknown): body is Readable {
  const b = body as Partial<Readable> | null;
  return typeof b?.read === 'function' && typeof b.on === 'function' && 'readableEnded' in b;
}

/** Whether the event is a `contentBlockDelta` carrying text. */
function isTextDelta(type: string | undefined, fields: Readonly<Record<string, unknown>>): boolean {
  if (type !== 'contentBlockDelta') return false;
  const delta = (fields.contentBlockDelta as { delta?: { text?: unknown } } | undefined)?.delta;
  return typeof delta?.text === 'string';
}

/** The error an in-stream exception event stands for (the SDK usually throws these itself). */
function exceptionError(type: string, value: unknown): unknown {
  if (value instanceof Error) return value;
  const message =
    typeof value === 'object' && value !== null && 'message' in value
      ? String((value as { message: unknown }).message)
      : type;
  return Object.assign(new Error(message), { name: type });
}

/**
 * The ConverseStream call as an async generator: attempts and retries until the first event is
 * handed over; after that, any failure (silence, cut, missing `messageStop`/`metadata`, an
 * in-stream exception) is thrown classified. Returning early aborts the request. Each attempt is
 * disposed in one `finally`; the non-streaming fallback runs after it, outside any `catch`.
 */
export async function* streamCall(
  call: CallContext,
  plan: StreamPlan,
  input: ConverseStreamCommandInput,
): AsyncGenerator<ConverseStreamOutput, void, undefined> {
  let delivered = false;
  const firstByteMs = streamFirstByteMs(input);
  try {
    for (;;) {
      const attempt = call.newAttempt(plan, false, firstByteMs);
      let failure: BedrockBridgeError;
      let iterator: AsyncIterator<ConverseStreamOutput> | undefined;
      try {
        attempt.armFirstByte();
        const out = await Promise.race([
          attempt.built.pipelines.send(new ConverseStreamCommand(input), attempt.sendOptions),
          attempt.stopped,
        ]);
        if (out.stream === undefined) {
          throw truncationError('The answer carried no event stream', 'no event stream');
        }
        // The body the handler took from the SDK, decoded here; else (never for a 200 event
        // stream) the SDK's own decoding.
        const source = attempt.eventStream;
        iterator =
          source === undefined
            ? out.stream[Symbol.asyncIterator]()
            : isReadable(source)
              ? readConverseStream(source)
              : decodeConverseStream(source)[Symbol.asyncIterator]();
        let sawStop = false;
        let sawMetadata = false;
        let count = 0;
        let lastType: string | undefined;
        // After a text delta the next event is due soon (textIdleMs); anywhere else Bedrock may
        // pause for long (idleMs). Until the first event the first-byte deadline runs on.
        let idleKind: IdleKind | undefined;
        // The per-event path: one timer refresh, one promise, one key scan; nothing allocated
        // that outlives the event.
        for (;;) {
          if (idleKind !== undefined) attempt.armIdle(idleKind);
          const next = await attempt.next(iterator);
          // The first event ends the first-byte deadline; later ones pause the idle one while
          // the caller holds the event.
          if (idleKind === undefined) attempt.disarm();
          else attempt.hold();
          if (next.done === true) break;
          const event = next.value;
          const fields = event as unknown as Readonly<Record<string, unknown>>;
          const type = typeOf(fields);
          if (type === 'messageStop') sawStop = true;
          else if (type === 'metadata') sawMetadata = true;
          else if (type?.endsWith('Exception') === true) {
            throw exceptionError(type, fields[type]);
          }
          idleKind = isTextDelta(type, fields) ? 'text' : 'idle';
          count += 1;
          lastType = type;
          delivered = true;
          yield event;
        }
        if (attempt.stop !== undefined) throw attempt.stop.error;
        if (!sawStop || !sawMetadata) {
          throw truncationError(
            `The stream ended without ${sawStop ? 'metadata' : 'messageStop'} (truncated answer)`,
            `${count} events, the last one ${lastType ?? 'none'}`,
          );
        }
        attempt.complete();
        call.succeed();
        return;
      } catch (err) {
        failure = call.failureOf(err, attempt);
      } finally {
        // Also reached when the consumer stopped early (break/return): the request is aborted.
        attempt.dispose();
        void iterator?.return?.().catch(() => {});
      }
      if (
        !delivered &&
        failure.kind === 'streaming_denied' &&
        plan.fallbackToNonStreaming &&
        call.stop === undefined
      ) {
        call.emit({ type: 'fallback', reason: 'streaming_denied' });
        yield* synthesizeStream(
          await runUnary<ConverseCommandOutput>(call, unaryPlan(plan, input)),
        );
        return;
      }
      if (delivered && (failure.kind === 'stale_connection' || failure.kind === 'unreachable')) {
        // The connection died mid-answer: for the caller that is a truncated answer.
        failure = new BedrockBridgeError({
          ...failure.toInfo(),
          kind: 'stream_truncated',
          message: `The stream was cut mid-answer: ${failure.message}`,
          cause: failure,
        });
      }
      await call.afterFailure(failure, delivered);
    }
  } finally {
    call.dispose();
  }
}

/** The Converse call the fallback makes instead of a denied stream. */
function unaryPlan(plan: StreamPlan, input: ConverseStreamCommandInput) {
  return {
    pool: plan.pool,
    settings: plan.settings,
    firstByteMs: converseFirstByteMs(input),
    send: (built: BuiltClient, options: HttpHandlerOptions) =>
      built.pipelines.send(new ConverseCommand(input as ConverseCommandInput), options),
  };
}
