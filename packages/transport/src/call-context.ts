import { BedrockBridgeError, toBedrockBridgeError } from '@bedrock-bridge/errors';
import { abortableSleep } from './abortable-sleep.js';
import { Attempt } from './attempt.js';
import type { ClientSettings } from './build-client.js';
import type { ClientPool } from './client-pool.js';
import { CONNECT_TIMEOUT_CODE } from './connect-timeout.js';
import { type NormalizedOptions, TRANSPORT_DEFAULTS } from './normalize-options.js';
import { deadlineError } from './own-errors.js';
import { redactError } from './redact.js';
import { retryDelay } from './retry-delay.js';
import { StopSignal } from './stop-signal.js';
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
  /** Aborts when the call stops (total deadline, the caller's signal): its attempt follows it. */
  readonly signal = new StopSignal();
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
    this.signal.abort(error);
  }

  /** Milliseconds since the call started. */
  elapsed(): number {
    return Math.round(performance.now() - this.#started);
  }

  /**
   * Starts the next attempt: leases a client from `plan.pool` and ties the attempt to this
   * call's signal and deadlines. `defaultFirstByteMs` applies when the caller set no
   * `firstByteMs`. The caller owns the attempt and disposes it in one `finally`.
   */
  newAttempt(
    plan: { pool: ClientPool; settings: ClientSettings },
    watchBody: boolean,
    defaultFirstByteMs: number = TRANSPORT_DEFAULTS.firstByteMs,
  ): Attempt {
    if (this.stop !== undefined) throw this.stop;
    this.attempt += 1;
    let lease: ReturnType<ClientPool['lease']>;
    try {
      lease = plan.pool.lease(plan.settings);
    } catch (err) {
      throw this.fail(redactError(toBedrockBridgeError(err), this.#deps.secrets, err));
    }
    const { firstByteMs, idleMs, textIdleMs } = this.#deps.options;
    const attempt = new Attempt({
      limits: { firstByteMs: firstByteMs ?? defaultFirstByteMs, idleMs, textIdleMs },
      watchBody,
      pool: plan.pool,
      lease,
      callSignal: this.signal,
      onTimeout: (phase, limitMs) => this.emit({ type: 'timeout', phase, limitMs }),
      onEvict: (error, poolKey) => this.emit({ type: 'evict', reason: error.kind, poolKey }),
    });
    this.emit({
      type: 'attempt',
      protocol: lease.built.protocol,
      region: plan.settings.region,
      firstByteMs: attempt.firstByteMs,
    });
    return attempt;
  }

  /**
   * The classified error of a failed attempt (the call's own stop reason wins), recorded on the
   * attempt (its `dispose()` evicts the client when the error says so).
   */
  failureOf(err: unknown, attempt: Attempt): BedrockBridgeError {
    attempt.failure = this.#classify(err, attempt);
    return attempt.failure;
  }

  #classify(err: unknown, attempt: Attempt): BedrockBridgeError {
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
   * Decides after a failed (and disposed) attempt: either throws the final error or sleeps
   * (abortably) before the next attempt.
   */
  async afterFailure(error: BedrockBridgeError, delivered: boolean): Promise<void> {
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
      await abortableSleep(delay.delayMs, this.signal);
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
