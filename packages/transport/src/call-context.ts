import { BedrockBridgeError, toBedrockBridgeError } from '@bedrock-bridge/errors';
import { abortableSleep } from './abortable-sleep.js';
import { Attempt } from './attempt.js';
import type { ClientLease, ClientPool } from './client-pool.js';
import { CONNECT_TIMEOUT_CODE } from './connect-timeout.js';
import { type NormalizedOptions, TRANSPORT_DEFAULTS } from './normalize-options.js';
import { attemptsBySignal } from './observing-handler.js';
import { deadlineError } from './own-errors.js';
import { redactError } from './redact.js';
import { retryDelay } from './retry-delay.js';
import {
  emitTransportEvent,
  type TransportEvent,
  type TransportOperation,
} from './transport-event.js';

type EventHook = ((event: TransportEvent) => void) | undefined;

/** What a call needs from its transport. */
export interface CallDeps {
  options: NormalizedOptions;
  pool: ClientPool;
  secrets: readonly string[];
  hooks: readonly EventHook[];
  random?: () => number;
}

type EventWithoutBase<T> = T extends unknown ? Omit<T, 'operation' | 'attempt' | 'target'> : never;

/**
 * One call: its total deadline, the caller's signal, its attempts, and the decision after each
 * failure (evict, retry now, back off, or give up with a classified error).
 */
export class CallContext {
  readonly controller = new AbortController();
  stop?: BedrockBridgeError;
  attempt = 0;
  readonly #started = performance.now();
  readonly #deps: CallDeps;
  readonly #operation: TransportOperation;
  readonly #target: string;
  readonly #signal: AbortSignal | undefined;
  readonly #totalTimer: NodeJS.Timeout;
  /** Whether any hook listens; when none does, events are not even built. */
  readonly #observed: boolean;
  readonly #onCallerAbort = (): void => {
    const reason: unknown = this.#signal?.reason;
    this.#halt(
      new BedrockBridgeError({
        kind: 'aborted',
        message: 'The call was aborted by its signal',
        retryable: false,
        ...(reason !== undefined ? { cause: reason } : {}),
      }),
    );
  };

  constructor(
    deps: CallDeps,
    operation: TransportOperation,
    target: string,
    signal: AbortSignal | undefined,
  ) {
    this.#deps = deps;
    this.#observed = deps.hooks.some((hook) => hook !== undefined);
    this.#operation = operation;
    this.#target = target;
    this.#signal = signal;
    const { totalMs } = deps.options;
    this.#totalTimer = setTimeout(() => {
      this.emit({ type: 'timeout', phase: 'total', limitMs: totalMs });
      this.#halt(
        deadlineError(
          `The call did not finish within totalMs=${totalMs} ms`,
          'TOTAL_TIMEOUT',
          totalMs,
          false,
        ),
      );
    }, totalMs);
    if (signal?.aborted === true) this.#onCallerAbort();
    else signal?.addEventListener('abort', this.#onCallerAbort, { once: true });
  }

  emit(event: EventWithoutBase<TransportEvent>): void {
    if (!this.#observed) return;
    const full = {
      ...event,
      operation: this.#operation,
      attempt: this.attempt,
      target: this.#target,
    } as TransportEvent;
    emitTransportEvent(full, ...this.#deps.hooks);
  }

  #halt(error: BedrockBridgeError): void {
    if (this.stop !== undefined) return;
    this.stop = error;
    this.controller.abort(error);
  }

  /** Milliseconds since the call started. */
  elapsed(): number {
    return Math.round(performance.now() - this.#started);
  }

  /**
   * Starts the next attempt, tied to this call's signal and deadlines. `defaultFirstByteMs`
   * applies when the caller set no `firstByteMs`.
   */
  newAttempt(
    watchBody: boolean,
    defaultFirstByteMs: number = TRANSPORT_DEFAULTS.firstByteMs,
  ): Attempt {
    if (this.stop !== undefined) throw this.stop;
    this.attempt += 1;
    const { firstByteMs, idleMs, textIdleMs } = this.#deps.options;
    const limits = { firstByteMs: firstByteMs ?? defaultFirstByteMs, idleMs, textIdleMs };
    const attempt = new Attempt(limits, watchBody, (phase, limitMs) =>
      this.emit({ type: 'timeout', phase, limitMs }),
    );
    attemptsBySignal.set(attempt.signal, attempt);
    const onStop = (): void => {
      if (this.stop !== undefined) attempt.halt({ phase: 'aborted', error: this.stop });
    };
    this.controller.signal.addEventListener('abort', onStop, { once: true });
    attempt.signal.addEventListener(
      'abort',
      () => this.controller.signal.removeEventListener('abort', onStop),
      { once: true },
    );
    attempt.onDispose(() => this.controller.signal.removeEventListener('abort', onStop));
    return attempt;
  }

  /** The classified error of a failed attempt (the call's own stop reason wins). */
  failureOf(err: unknown, attempt: Attempt): BedrockBridgeError {
    let error: BedrockBridgeError;
    if (this.stop !== undefined) error = this.stop;
    else if (attempt.stop !== undefined) error = attempt.stop.error;
    else {
      error = toBedrockBridgeError(err);
      if (error.retryAfterMs === undefined && attempt.retryAfterMs !== undefined) {
        error = new BedrockBridgeError({ ...error.toInfo(), retryAfterMs: attempt.retryAfterMs });
      }
      if (error.kind === 'unknown' && attempt.status !== undefined && attempt.status < 300) {
        // A successful status whose body could not be decoded: damaged in transit.
        error = new BedrockBridgeError({
          kind: 'stream_truncated',
          message: `The answer body could not be decoded: ${error.message}`,
          cause: err,
        });
      }
      if (error.kind === 'timeout' && error.code === CONNECT_TIMEOUT_CODE) {
        this.emit({ type: 'timeout', phase: 'connect', limitMs: this.#deps.options.connectMs });
      }
    }
    return redactError(error, this.#deps.secrets, err);
  }

  /**
   * Decides after a failed attempt whose lease is still held: evicts the client when the error
   * says so, then either throws the final error or sleeps (abortably) before the next attempt.
   */
  async afterFailure(
    error: BedrockBridgeError,
    lease: ClientLease,
    delivered: boolean,
  ): Promise<void> {
    if (error.evictClient && this.#deps.pool.evict(lease)) {
      this.emit({ type: 'evict', reason: error.kind, poolKey: lease.poolKey });
    }
    lease.release();
    const { options } = this.#deps;
    const final =
      delivered ||
      !error.retryable ||
      this.stop !== undefined ||
      this.attempt >= options.maxAttempts;
    const delay = final
      ? undefined
      : retryDelay(this.attempt, error, options, this.#deps.random ?? Math.random);
    const remaining = options.totalMs - this.elapsed();
    if (delay === undefined || delay.delayMs >= remaining) throw this.fail(error);
    this.emit({
      type: 'retry',
      reason: error.kind,
      delayMs: delay.delayMs,
      delaySource: delay.source,
      message: error.message,
    });
    try {
      await abortableSleep(delay.delayMs, this.controller.signal);
    } catch {
      throw this.fail(this.stop ?? error);
    }
  }

  /** Reports the final error of the call and returns it for throwing. */
  fail(error: BedrockBridgeError): BedrockBridgeError {
    const clean = redactError(error, this.#deps.secrets, error.cause);
    this.emit({
      type: 'error',
      kind: clean.kind,
      message: clean.message,
      durationMs: this.elapsed(),
    });
    return clean;
  }

  succeed(): void {
    this.emit({ type: 'success', durationMs: this.elapsed() });
  }

  dispose(): void {
    clearTimeout(this.#totalTimer);
    this.#signal?.removeEventListener('abort', this.#onCallerAbort);
  }
}
