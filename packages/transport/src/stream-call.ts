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
import type { Attempt, IdleKind } from './attempt.js';
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

const DONE: IteratorReturnResult<void> = { done: true, value: undefined };

/**
 * The ConverseStream call: attempts and retries until the first event is handed over; after
 * that, any failure (silence, cut, missing `messageStop`/`metadata`, an in-stream exception) is
 * thrown classified. Returning early aborts the request. Each attempt is disposed once, before
 * the next one or the non-streaming fallback.
 *
 * It behaves as the async generator it replaces (`stream-call.test.ts` holds them together):
 * nothing runs before the first `next()`; `return()` waits for a read under way, then releases
 * the attempt and the call (before the first `next()` it only ends the iteration); calls that
 * overlap run one after the other. An event costs one promise reaction on the reader's own
 * `next()` (the generator's await, yield and queue are gone).
 */
export function streamCall(
  call: CallContext,
  plan: StreamPlan,
  input: ConverseStreamCommandInput,
): AsyncGenerator<ConverseStreamOutput, void, undefined> {
  return new StreamCall(call, plan, input);
}

class StreamCall implements AsyncGenerator<ConverseStreamOutput, void, undefined> {
  readonly #call: CallContext;
  readonly #plan: StreamPlan;
  readonly #input: ConverseStreamCommandInput;
  readonly #firstByteMs: number;
  #started = false;
  #done = false;
  #delivered = false;
  /** The read under way (overlapping calls and `return()` wait for it). */
  #pending: Promise<unknown> | undefined;
  #attempt: Attempt | undefined;
  #iterator: AsyncIterator<ConverseStreamOutput> | undefined;
  /** The events of the non-streaming fallback, once a stream was denied. */
  #fallback: Iterator<ConverseStreamOutput> | undefined;
  // Per attempt.
  #sawStop = false;
  #sawMetadata = false;
  #count = 0;
  #lastType: string | undefined;
  /**
   * After a text delta the next event is due soon (textIdleMs); anywhere else Bedrock may pause
   * for long (idleMs). Until the first event the first-byte deadline runs on.
   */
  #idleKind: IdleKind | undefined;

  constructor(call: CallContext, plan: StreamPlan, input: ConverseStreamCommandInput) {
    this.#call = call;
    this.#plan = plan;
    this.#input = input;
    this.#firstByteMs = streamFirstByteMs(input);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<ConverseStreamOutput, void>> {
    if (this.#pending !== undefined) {
      return settled(this.#pending).then(() => this.next());
    }
    if (this.#done) return Promise.resolve(DONE);
    if (this.#fallback !== undefined) return Promise.resolve(this.#fallbackNext());
    if (this.#started) return this.#read();
    this.#started = true;
    return this.#track(this.#attemptAndRead());
  }

  /** `p` as the read under way until it settles (for the paths that are not one event). */
  #track<T>(p: Promise<T>): Promise<T> {
    this.#pending = p;
    const clear = (): void => {
      if (this.#pending === p) this.#pending = undefined;
    };
    p.then(clear, clear);
    return p;
  }

  async return(): Promise<IteratorResult<ConverseStreamOutput, void>> {
    // Every read queued before this call runs first (a queued `next()` starts its read when the
    // one before it settles), as a generator runs its queue in order.
    while (this.#pending !== undefined) await settled(this.#pending);
    if (this.#done) return DONE;
    this.#done = true;
    // Not started: no request to release, as a generator closed before its first `next()`; the
    // call's total timer and abort listener (armed when the iterator was made) go now, not when
    // totalMs ends.
    if (this.#started) this.#releaseAttempt();
    this.#call.dispose();
    return DONE;
  }

  async throw(err: unknown): Promise<IteratorResult<ConverseStreamOutput, void>> {
    while (this.#pending !== undefined) await settled(this.#pending);
    if (this.#done || !this.#started || this.#fallback !== undefined) {
      if (!this.#done) this.#call.dispose();
      this.#done = true;
      throw err;
    }
    // As thrown at the generator's `yield`: a failure of the attempt.
    return this.#fail(err);
  }

  /** A new attempt: the request sent, its body's reader made, then its first read. */
  async #attemptAndRead(): Promise<IteratorResult<ConverseStreamOutput, void>> {
    let attempt: Attempt;
    try {
      attempt = this.#call.newAttempt(this.#plan, false, this.#firstByteMs);
    } catch (err) {
      this.#finish();
      throw err;
    }
    this.#attempt = attempt;
    this.#iterator = undefined;
    this.#sawStop = false;
    this.#sawMetadata = false;
    this.#count = 0;
    this.#lastType = undefined;
    this.#idleKind = undefined;
    try {
      attempt.armFirstByte();
      const out = await attempt.race(
        attempt.built.pipelines.send(new ConverseStreamCommand(this.#input), attempt.sendOptions),
      );
      if (out.stream === undefined) {
        throw truncationError('The answer carried no event stream', 'no event stream');
      }
      // The body the handler took from the SDK, decoded here; else (never for a 200 event
      // stream) the SDK's own decoding.
      const source = attempt.eventStream;
      this.#iterator =
        source === undefined
          ? out.stream[Symbol.asyncIterator]()
          : isReadable(source)
            ? readConverseStream(source)
            : decodeConverseStream(source)[Symbol.asyncIterator]();
    } catch (err) {
      return this.#fail(err);
    }
    return this.#read();
  }

  /**
   * The per-event path: one timer refresh, one promise reaction on the reader's `next()`, one
   * key scan; nothing allocated that outlives the event.
   */
  #read(): Promise<IteratorResult<ConverseStreamOutput, void>> {
    const attempt = this.#attempt as Attempt;
    if (this.#idleKind !== undefined) attempt.armIdle(this.#idleKind);
    const read = attempt
      .next(this.#iterator as AsyncIterator<ConverseStreamOutput>)
      .then(this.#onNext, this.#onFailure);
    this.#pending = read;
    return read;
  }

  readonly #onNext = (
    next: IteratorResult<ConverseStreamOutput>,
  ):
    | IteratorResult<ConverseStreamOutput, void>
    | Promise<IteratorResult<ConverseStreamOutput, void>> => {
    const attempt = this.#attempt as Attempt;
    // The first event ends the first-byte deadline; later ones pause the idle one while the
    // caller holds the event.
    if (this.#idleKind === undefined) attempt.disarm();
    else attempt.hold();
    if (next.done === true) return this.#ended(attempt);
    // One event, handed over as this read settles: nothing under way after it.
    const event = next.value;
    const fields = event as unknown as Readonly<Record<string, unknown>>;
    const type = typeOf(fields);
    if (type === 'messageStop') this.#sawStop = true;
    else if (type === 'metadata') this.#sawMetadata = true;
    else if (type?.endsWith('Exception') === true) {
      return this.#track(this.#fail(exceptionError(type, fields[type])));
    }
    this.#idleKind = isTextDelta(type, fields) ? 'text' : 'idle';
    this.#count += 1;
    this.#lastType = type;
    this.#delivered = true;
    this.#pending = undefined;
    return { done: false, value: event };
  };

  readonly #onFailure = (err: unknown): Promise<IteratorResult<ConverseStreamOutput, void>> =>
    this.#track(this.#fail(err));

  /** The reader ended: a complete answer, or a failure (halted, truncated). */
  #ended(
    attempt: Attempt,
  ):
    | IteratorResult<ConverseStreamOutput, void>
    | Promise<IteratorResult<ConverseStreamOutput, void>> {
    try {
      if (attempt.stop !== undefined) throw attempt.stop.error;
      if (!this.#sawStop || !this.#sawMetadata) {
        throw truncationError(
          `The stream ended without ${this.#sawStop ? 'metadata' : 'messageStop'} (truncated answer)`,
          `${this.#count} events, the last one ${this.#lastType ?? 'none'}`,
        );
      }
      attempt.complete();
      this.#call.succeed();
    } catch (err) {
      return this.#track(this.#fail(err));
    }
    this.#releaseAttempt();
    this.#finish();
    return DONE;
  }

  /**
   * A failure of the current attempt: classified, the attempt released, then the non-streaming
   * fallback, a retry (a new attempt), or the final error thrown.
   */
  async #fail(err: unknown): Promise<IteratorResult<ConverseStreamOutput, void>> {
    const call = this.#call;
    let failure = call.failureOf(err, this.#attempt as Attempt);
    this.#releaseAttempt();
    try {
      if (
        !this.#delivered &&
        failure.kind === 'streaming_denied' &&
        this.#plan.fallbackToNonStreaming &&
        call.stop === undefined
      ) {
        call.emit({ type: 'fallback', reason: 'streaming_denied' });
        const output = await runUnary<ConverseCommandOutput>(
          call,
          unaryPlan(this.#plan, this.#input),
        );
        this.#fallback = synthesizeStream(output)[Symbol.iterator]();
        return this.#fallbackNext();
      }
      if (
        this.#delivered &&
        (failure.kind === 'stale_connection' || failure.kind === 'unreachable')
      ) {
        // The connection died mid-answer: for the caller that is a truncated answer.
        failure = new BedrockBridgeError({
          ...failure.toInfo(),
          kind: 'stream_truncated',
          message: `The stream was cut mid-answer: ${failure.message}`,
          cause: failure,
        });
      }
      await call.afterFailure(failure, this.#delivered);
    } catch (final) {
      this.#finish();
      throw final;
    }
    return this.#attemptAndRead();
  }

  #fallbackNext(): IteratorResult<ConverseStreamOutput, void> {
    const next = (this.#fallback as Iterator<ConverseStreamOutput>).next();
    if (next.done !== true) return { done: false, value: next.value };
    this.#finish();
    return DONE;
  }

  /** Releases the attempt, once: its timers, request and client lease, then its reader. */
  #releaseAttempt(): void {
    const attempt = this.#attempt;
    const iterator = this.#iterator;
    this.#attempt = undefined;
    this.#iterator = undefined;
    attempt?.dispose();
    void iterator?.return?.().catch(() => {});
  }

  /** The end of the call (its answer, its final error or the fallback's last event). */
  #finish(): void {
    this.#done = true;
    this.#pending = undefined;
    this.#fallback = undefined;
    this.#call.dispose();
  }
}

/** `p` settled either way (a read under way that a later call waits for). */
function settled(p: Promise<unknown>): Promise<void> {
  return p.then(
    () => undefined,
    () => undefined,
  );
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
