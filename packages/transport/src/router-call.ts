import {
  type BedrockBridgeError,
  type ErrorKind,
  toBedrockBridgeError,
} from '@bedrock-bridge/errors';
import { abortableSleep } from './abortable-sleep.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { Transport } from './create-transport.js';
import type { FirstByteAverage, FirstByteWatch } from './first-byte-watch.js';
import type { RetryPolicy } from './retry-delay.js';
import { retryDelay } from './retry-delay.js';
import type { UpstreamInfo } from './router-options.js';
import {
  emitTransportEvent,
  type TransportEvent,
  type TransportOperation,
} from './transport-event.js';
import type { CallOptions } from './transport-options.js';

/** One upstream inside a router. */
export interface RoutedUpstream extends UpstreamInfo {
  transport: Transport;
  breaker: CircuitBreaker;
  /** Its stream attempts still waiting for a first event. */
  firstByte: FirstByteWatch;
}

/** What every call of one router shares. */
export interface RouterState {
  upstreams: readonly RoutedUpstream[];
  /** Attempts per call, across upstreams. */
  maxAttempts: number;
  policy: RetryPolicy;
  hook: ((event: TransportEvent) => void) | undefined;
  /** How long first events usually take (to tell a silent upstream early). */
  firstByteAverage: FirstByteAverage;
  /** Floor of the age that makes an upstream with a waiting attempt suspect. */
  suspectFloorMs: number;
  /** Called when an upstream's circuit opens (to share the cool-down). */
  onCooldown: (upstream: RoutedUpstream) => void;
  /** Called at the start of each call (to learn cool-downs shared by other processes). */
  onCall: () => void;
  random: () => number;
}

/**
 * Whether a failure before the first event says "this upstream cannot answer now, another may":
 * every retryable kind (throttle, overload, unreachable, stale connection, timeout, truncation)
 * and a spent quota, which is per account and region.
 */
export function movesToAnotherUpstream(kind: ErrorKind, retryable: boolean): boolean {
  return retryable || kind === 'quota_exceeded';
}

/** Healthy upstreams first (one by weight, then the rest by descending weight), then the cooled ones. */
export function upstreamOrder(
  upstreams: readonly RoutedUpstream[],
  random: () => number,
  suspectAfterMs = Number.POSITIVE_INFINITY,
): RoutedUpstream[] {
  const now = performance.now();
  // A suspect upstream (an attempt waiting far longer than first events take) goes last among
  // the healthy ones: it still serves when the others cannot.
  const suspect = new Set(upstreams.filter((u) => u.firstByte.oldestAge(now) > suspectAfterMs));
  const available = upstreams.filter((u) => u.breaker.available);
  // A half-open upstream gets its probe as soon as its cool-down ends.
  const probes = available.filter((u) => u.breaker.state === 'half-open');
  const closed = available
    .filter((u) => u.breaker.state === 'closed' && !suspect.has(u))
    .sort((a, b) => b.weight - a.weight);
  const slow = available.filter((u) => u.breaker.state === 'closed' && suspect.has(u));
  const total = closed.reduce((sum, u) => sum + u.weight, 0);
  let pick = random() * total;
  const first = closed.find((u) => {
    pick -= u.weight;
    return pick < 0;
  });
  const healthy = [
    ...probes,
    ...(first ? [first] : []),
    ...closed.filter((u) => u !== first),
    ...slow,
  ];
  // With nothing healthy, the ones whose cool-down ends soonest are still tried: a request is
  // not refused while an upstream might answer.
  const cooled = upstreams
    .filter((u) => !healthy.includes(u))
    .sort((a, b) => a.breaker.openUntil - b.breaker.openUntil);
  return healthy.length > 0 ? healthy : cooled;
}

/** The attempts of one routed call: which upstream next, and the events that say so. */
export class RouterCall {
  readonly #state: RouterState;
  readonly #operation: TransportOperation;
  readonly #target: string;
  readonly #options: CallOptions;
  #order: RoutedUpstream[];
  #position = 0;
  #round = 1;
  #attempt = 0;

  constructor(
    state: RouterState,
    operation: TransportOperation,
    target: string,
    options: CallOptions,
  ) {
    this.#state = state;
    this.#operation = operation;
    this.#target = target;
    this.#options = options;
    state.onCall();
    this.#order = this.#plan();
  }

  #plan(): RoutedUpstream[] {
    const state = this.#state;
    return upstreamOrder(
      state.upstreams,
      state.random,
      state.firstByteAverage.suspectAfterMs(state.suspectFloorMs),
    );
  }

  /** The upstream of the first attempt. */
  first(): RoutedUpstream {
    this.#attempt = 1;
    const upstream = this.#order[0] as RoutedUpstream;
    upstream.breaker.acquire();
    return upstream;
  }

  /** Call options for an attempt on `upstream`: its events carry the router's attempt number. */
  optionsFor(upstream: RoutedUpstream): CallOptions {
    const attempt = this.#attempt;
    return {
      ...(this.#options.signal ? { signal: this.#options.signal } : {}),
      onEvent: (event) => this.#emit({ ...event, attempt, upstream: upstream.name }),
    };
  }

  /** The upstream answered. */
  succeeded(upstream: RoutedUpstream): void {
    upstream.breaker.success();
  }

  /**
   * After a failed attempt on `upstream`: the next upstream to try (after a backoff when every
   * upstream of this round failed), or throws the classified failure when it is final.
   */
  async after(upstream: RoutedUpstream, err: unknown): Promise<RoutedUpstream> {
    const error = toBedrockBridgeError(err);
    if (error.kind === 'aborted') {
      upstream.breaker.release();
      throw error;
    }
    if (!movesToAnotherUpstream(error.kind, error.retryable)) {
      // The upstream answered (a bad request, a denied model): it is healthy.
      upstream.breaker.success();
      throw error;
    }
    const cooldownMs = upstream.breaker.failure(error.kind);
    if (cooldownMs !== undefined) {
      this.#emit(this.#event({ type: 'cooldown', reason: error.kind, cooldownMs }, upstream));
      this.#state.onCooldown(upstream);
    }
    if (this.#attempt >= this.#state.maxAttempts) throw error;
    const next = await this.#next(upstream, error);
    this.#attempt += 1;
    return next;
  }

  async #next(from: RoutedUpstream, error: BedrockBridgeError): Promise<RoutedUpstream> {
    for (this.#position += 1; this.#position < this.#order.length; this.#position += 1) {
      const candidate = this.#order[this.#position] as RoutedUpstream;
      // A half-open upstream whose probe is taken by another call is skipped this round.
      if (candidate.breaker.acquire() || candidate.breaker.state === 'open') {
        this.#emit(
          this.#event(
            { type: 'failover', reason: error.kind, from: from.name, to: candidate.name },
            from,
          ),
        );
        return candidate;
      }
    }
    // Every upstream of this round failed: back off, then start a new round.
    const delay = retryDelay(this.#round, error, this.#state.policy, this.#state.random);
    this.#emit(
      this.#event(
        {
          type: 'retry',
          reason: error.kind,
          delayMs: delay.delayMs,
          delaySource: delay.source,
          message: error.message,
        },
        from,
      ),
    );
    this.#round += 1;
    await abortableSleep(delay.delayMs, this.#options.signal ?? new AbortController().signal).catch(
      (reason: unknown) => {
        throw toBedrockBridgeError(reason);
      },
    );
    this.#order = this.#plan();
    this.#position = 0;
    const upstream = this.#order[0] as RoutedUpstream;
    upstream.breaker.acquire();
    if (upstream !== from) {
      this.#emit(
        this.#event(
          { type: 'failover', reason: error.kind, from: from.name, to: upstream.name },
          from,
        ),
      );
    }
    return upstream;
  }

  #event<E extends { type: string }>(fields: E, upstream: RoutedUpstream) {
    return {
      operation: this.#operation,
      attempt: this.#attempt,
      target: this.#target,
      upstream: upstream.name,
      ...fields,
    } as unknown as TransportEvent;
  }

  #emit(event: TransportEvent): void {
    emitTransportEvent(event, this.#state.hook, this.#options.onEvent);
  }
}
