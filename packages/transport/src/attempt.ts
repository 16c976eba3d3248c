import { Readable } from 'node:stream';
import { BedrockBridgeError, parseRetryAfter } from '@bedrock-bridge/errors';
import type { HttpHandlerOptions } from '@smithy/types';
import type { BuiltClient } from './build-client.js';
import type { ClientLease, ClientPool } from './client-pool.js';
import { deadlineError } from './own-errors.js';
import type { InterruptibleIterator } from './read-converse-stream.js';
import { StopSignal, type StopSignalLike } from './stop-signal.js';
import type { TimeoutPhase } from './transport-event.js';
import { watchBody } from './watch-body.js';

/** Why the transport itself ended an attempt. */
export interface AttemptStop {
  phase: TimeoutPhase | 'aborted' | 'truncated';
  error: BedrockBridgeError;
}

/** Deadlines one attempt runs under. */
export interface AttemptLimits {
  /** Send to response headers (`converse`), or send to first event (streams). */
  firstByteMs: number;
  /** Silence between stream events where Bedrock may pause (tool input, reasoning). */
  idleMs: number;
  /** Silence after a text delta, or between body chunks of a `converse` answer. */
  textIdleMs: number;
}

/** Which idle deadline applies to the next wait. */
export type IdleKind = 'idle' | 'text';

/** Something with response headers and a body, as the handler hands it over. */
export interface ObservedResponse {
  statusCode: number;
  headers: Record<string, string | undefined>;
  body?: unknown;
}

const EVENT_STREAM = 'application/vnd.amazon.eventstream';

/**
 * The key under which an attempt rides in the options of `send()`: the SDK hands those options to
 * the HTTP handler unchanged, so `ObservingHandler` finds the attempt of each request there.
 */
export const ATTEMPT_HOOKS: unique symbol = Symbol('bedrock-bridge.attempt');

/** `send()` options carrying the attempt's signal and its handler hooks. */
export interface AttemptSendOptions extends HttpHandlerOptions {
  abortSignal: StopSignal;
  [ATTEMPT_HOOKS]: Attempt;
}

/** What an attempt is made of; `CallContext.newAttempt` assembles it. */
export interface AttemptSetup {
  limits: AttemptLimits;
  /** Response mode: `converse` bodies are watched chunk by chunk, streams event by event. */
  watchBody: boolean;
  /** The pool the lease came from (to evict a client a failure says is dead). */
  pool: ClientPool;
  /** The client lent to this attempt; returned in `dispose()`, and only there. */
  lease: ClientLease;
  /** The call's signal: when it aborts (total deadline, caller) the attempt halts with its reason. */
  callSignal: StopSignalLike;
  onTimeout: (phase: TimeoutPhase, limitMs: number) => void;
  onEvict: (error: BedrockBridgeError, poolKey: string) => void;
}

/**
 * One attempt of a call, and everything it holds: its client lease, its abort signal and
 * the `send()` options carrying it to the HTTP handler, its first-byte and idle deadlines, what
 * the handler saw (status, `Retry-After`, the body) and its failure. `dispose()` releases all of
 * it, once: callers call it from one `finally`.
 */
export class Attempt {
  /** Aborts the attempt's request (the SDK's HTTP handler listens to it). */
  readonly #signal = new StopSignal();
  stop?: AttemptStop;
  retryAfterMs?: number;
  /** HTTP status of the response, once its headers arrived. */
  status?: number;
  /** Response mode: `converse` bodies are watched chunk by chunk, streams event by event. */
  readonly watchBody: boolean;
  completed = false;
  /** The classified failure of this attempt, once known (`CallContext.failureOf` sets it). */
  failure?: BedrockBridgeError;
  /** Options for the SDK's `send()`: the abort signal, and this attempt for the handler. */
  readonly sendOptions: AttemptSendOptions;
  readonly #setup: AttemptSetup;
  #disposed = false;
  readonly #onCallAbort = (): void => {
    const reason: unknown = this.#setup.callSignal.reason;
    if (BedrockBridgeError.is(reason)) this.halt({ phase: 'aborted', error: reason });
  };
  #timer: NodeJS.Timeout | undefined;
  /** The caller holds an event: an idle deadline that fires now is ignored (see `hold`). */
  #holding = false;
  /** Rejects the pending `race()`, if any, when the attempt is stopped. */
  #rejectRace: ((reason: unknown) => void) | undefined;
  /** Rejects the pending `next()` read, if any, when the attempt is stopped. */
  #rejectNext: ((reason: unknown) => void) | undefined;
  /** The reader `next()` reads without a promise of its own: interrupted when stopped. */
  #interruptible: InterruptibleIterator<unknown> | undefined;
  readonly #limits: AttemptLimits;

  constructor(setup: AttemptSetup) {
    this.#setup = setup;
    this.#limits = setup.limits;
    this.watchBody = setup.watchBody;
    this.sendOptions = { abortSignal: this.#signal, [ATTEMPT_HOOKS]: this };
    if (setup.callSignal.aborted) this.#onCallAbort();
    else setup.callSignal.addEventListener('abort', this.#onCallAbort, { once: true });
  }

  /** The leased client. */
  get built(): BuiltClient {
    return this.#setup.lease.built;
  }

  /** The first-byte deadline this attempt runs under. */
  get firstByteMs(): number {
    return this.#limits.firstByteMs;
  }

  get signal(): StopSignalLike {
    return this.#signal;
  }

  /** Ends the attempt now: aborts its request (closing the socket) and records why. */
  halt(stop: AttemptStop): void {
    if (this.stop !== undefined || this.completed) return;
    this.stop = stop;
    this.#clear();
    this.#signal.abort(stop.error);
    this.#rejectRace?.(stop.error);
    this.#rejectRace = undefined;
    this.#rejectNext?.(stop.error);
    this.#rejectNext = undefined;
    this.#interruptible?.interrupt(stop.error);
  }

  /**
   * `promise`'s outcome, or a rejection with the stop's error as soon as the attempt is stopped
   * (a deadline, an abort), even if `promise` never settles. Nothing of it stays on the attempt
   * once `promise` has settled: a `Promise.race` against a long-lived "stopped" promise would
   * leave its reaction there, holding the race's promise and its result (the SDK's output), for
   * a stream its whole life. One race at a time: an attempt races only its send.
   */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.stop !== undefined) {
      // As the race: `promise` settling later is no unhandled rejection.
      promise.catch(() => {});
      return Promise.reject(this.stop.error);
    }
    return new Promise<T>((resolve, reject) => {
      this.#rejectRace = reject;
      promise.then(
        (value) => {
          this.#rejectRace = undefined;
          resolve(value);
        },
        (error: unknown) => {
          this.#rejectRace = undefined;
          reject(error);
        },
      );
    });
  }

  /**
   * Reads `source`'s next result, or rejects as soon as the attempt is stopped (a deadline, an
   * abort), even if `source` never settles. One promise per read and nothing attached to a
   * long-lived promise, so a long stream costs no more per event than a short one.
   */
  next<T>(source: AsyncIterator<T>): Promise<IteratorResult<T>> {
    if (this.stop !== undefined) return Promise.reject(this.stop.error);
    // The transport's own reader is interrupted by `halt` itself: its promise is handed on as it
    // is (no promise of ours per event).
    if (typeof (source as Partial<InterruptibleIterator<T>>).interrupt === 'function') {
      this.#interruptible = source as InterruptibleIterator<T>;
      return source.next();
    }
    return new Promise<IteratorResult<T>>((resolve, reject) => {
      this.#rejectNext = reject;
      source.next().then(resolve, reject);
    });
  }

  /** Starts the first-byte deadline (at send). */
  armFirstByte(): void {
    this.#arm('first-byte', this.#limits.firstByteMs);
  }

  /**
   * (Re)starts an idle deadline: while waiting for the next event or body chunk. When the same
   * deadline is already running this only refreshes the one timer (no new timer per event).
   */
  armIdle(kind: IdleKind): void {
    this.#holding = false;
    const ms = kind === 'text' ? this.#limits.textIdleMs : this.#limits.idleMs;
    if (this.#timer !== undefined && this.#phase === 'idle' && this.#armedMs === ms) {
      this.#timer.refresh();
      return;
    }
    this.#arm('idle', ms);
  }

  /**
   * Pauses the idle deadline while the caller holds an event (its own pace is not our
   * business), without clearing the timer: `armIdle` refreshes it when the caller asks again.
   */
  hold(): void {
    this.#holding = true;
  }

  /** Stops the running deadline. */
  disarm(): void {
    this.#clear();
  }

  /** Marks success: no later abort touches the (now reusable) connection. */
  complete(): void {
    this.completed = true;
    this.#clear();
  }

  /**
   * Releases everything, once: timers, the link to the call's signal, an unfinished request
   * (aborted so its socket closes, its body destroyed), the client (evicted first when the
   * failure says it is dead), then the lease.
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#clear();
    const { callSignal, pool, lease, onEvict } = this.#setup;
    callSignal.removeEventListener('abort', this.#onCallAbort);
    if (!this.completed && !this.#signal.aborted) {
      this.#signal.abort(
        new BedrockBridgeError({ kind: 'aborted', message: 'The call was released early' }),
      );
    }
    if (!this.completed) this.#body?.destroy?.();
    this.#body = undefined;
    if (this.failure?.evictClient === true && pool.evict(lease)) {
      onEvict(this.failure, lease.poolKey);
    }
    lease.release();
  }

  /** Called by the handler when response headers arrive. Returns a body to hand to the SDK. */
  #body: { destroy?: () => void } | undefined;

  /**
   * A stream's event-stream body, taken from the SDK (which got an empty one): `streamCall`
   * decodes it with `decodeConverseStream`, at a quarter of the SDK's CPU per event.
   */
  eventStream?: AsyncIterable<Uint8Array>;

  onResponse(response: ObservedResponse): unknown {
    this.#body = response.body as { destroy?: () => void } | undefined;
    this.status = response.statusCode;
    const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
    if (retryAfterMs !== undefined) this.retryAfterMs = retryAfterMs;
    // A stream's first-byte deadline runs on until its first event (the model's prefill comes
    // after the headers).
    if (!this.watchBody) {
      const body = response.body as Partial<AsyncIterable<Uint8Array>> | undefined;
      if (
        response.statusCode === 200 &&
        response.headers['content-type']?.startsWith(EVENT_STREAM) === true &&
        typeof body?.[Symbol.asyncIterator] === 'function'
      ) {
        this.eventStream = body as AsyncIterable<Uint8Array>;
        return Readable.from([]);
      }
      return response.body;
    }
    this.armIdle('text');
    const body = response.body as NodeJS.ReadableStream | undefined;
    if (body === undefined || typeof body.pipe !== 'function') return body;
    const expected = Number(response.headers['content-length']);
    return watchBody(body, this, Number.isFinite(expected) ? expected : undefined);
  }

  #phase: TimeoutPhase | undefined;
  #armedMs = 0;

  #arm(phase: TimeoutPhase, ms: number): void {
    this.#clear();
    this.#phase = phase;
    this.#armedMs = ms;
    this.#timer = setTimeout(() => {
      // Idle while the caller holds an event: not a silence of the server. Keep the (spent)
      // timer; the next `armIdle` reactivates it with `refresh()`.
      if (phase === 'idle' && this.#holding) return;
      this.#timer = undefined;
      this.#setup.onTimeout(phase, ms);
      this.halt({
        phase,
        error:
          phase === 'first-byte'
            ? deadlineError(`No answer within firstByteMs=${ms} ms`, 'FIRST_BYTE_TIMEOUT', ms)
            : deadlineError(
                `The answer went silent for ${this.#idleName(ms)}=${ms} ms`,
                'IDLE_TIMEOUT',
                ms,
              ),
      });
    }, ms);
  }

  /** The option an idle deadline of `ms` came from (both when they are equal). */
  #idleName(ms: number): string {
    const { idleMs, textIdleMs } = this.#limits;
    if (idleMs === textIdleMs) return 'idleMs';
    return ms === textIdleMs ? 'textIdleMs' : 'idleMs';
  }

  #clear(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#phase = undefined;
    this.#holding = false;
  }
}
