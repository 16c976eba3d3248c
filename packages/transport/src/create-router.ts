import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { CIRCUIT_DEFAULTS, CircuitBreaker, type CircuitState } from './circuit-breaker.js';
import { createTransport, type Transport } from './create-transport.js';
import { FirstByteAverage, FirstByteWatch } from './first-byte-watch.js';
import { normalizeOptions } from './normalize-options.js';
import { type RoutedUpstream, RouterCall, type RouterState } from './router-call.js';
import { normalizeUpstreams, type RouterOptions, type UpstreamInfo } from './router-options.js';
import type { TransportOperation } from './transport-event.js';
import type { CallOptions } from './transport-options.js';

/** How one upstream stands, for readiness checks and metrics. */
export interface UpstreamStatus extends UpstreamInfo {
  readonly state: CircuitState;
  /** When its cool-down ends (epoch ms); 0 when its circuit is closed. */
  readonly openUntil: number;
}

/** A transport over several upstreams: the same calls, with failover and circuit breakers. */
export interface Router extends Transport {
  /** Each upstream and its circuit, in the order given. */
  upstreams(): UpstreamStatus[];
  /**
   * Reads the cool-downs other processes shared (`cooldowns`) now. Calls do this in the
   * background at most once a second; a failing store is ignored.
   */
  refreshCooldowns(): Promise<void>;
  /** Each upstream's own transport (e.g. to check that it is reachable). */
  transports(): ReadonlyArray<{ name: string; transport: Transport }>;
}

/** How often cool-downs shared by other processes are read, at most. */
const SHARED_REFRESH_MS = 1_000;

/**
 * Creates a router: each call goes to a healthy upstream (weighted); a failure before the first
 * stream event that another upstream may not have (throttle, overload, unreachable, stale
 * connection, timeout, spent quota) moves the call to the next upstream at once, and a backoff
 * sleep comes only when every upstream failed in a round. An upstream that keeps failing is
 * cooled down by its circuit breaker and probed again (half-open) when the cool-down ends.
 * A stream is never moved after its first event: a later failure ends it with the classified error.
 *
 * Attempts per call: `retry.maxAttempts` (default 3) plus one per extra upstream. Each upstream's
 * own transport makes one attempt per call (the router decides every retry).
 */
export function createRouter(options: RouterOptions): Router {
  const list = normalizeUpstreams(options.upstreams);
  const normalized = normalizeOptions(options);
  const { upstreams: _u, modelIdFor, circuit, cooldowns, onEvent, ...shared } = options;
  const upstreams: RoutedUpstream[] = list.map((u) => {
    const { name: _n, weight: _w, ...where } = u;
    return {
      name: u.name,
      region: u.region,
      weight: u.weight,
      breaker: new CircuitBreaker(circuit),
      firstByte: new FirstByteWatch(),
      transport: createTransport({
        ...shared,
        ...where,
        retry: { ...shared.retry, maxAttempts: 1 },
      }),
    };
  });
  let lastRefresh = Number.NEGATIVE_INFINITY;
  const state: RouterState = {
    upstreams,
    maxAttempts: normalized.maxAttempts + upstreams.length - 1,
    policy: { baseDelayMs: normalized.baseDelayMs, maxDelayMs: normalized.maxDelayMs },
    hook: onEvent,
    firstByteAverage: new FirstByteAverage(),
    suspectFloorMs: circuit?.suspectAfterMs ?? CIRCUIT_DEFAULTS.suspectAfterMs,
    random: Math.random,
    onCooldown(upstream) {
      cooldowns?.set(upstream.name, upstream.breaker.openUntil).catch(() => {
        // a shared store that fails costs only the sharing
      });
    },
    onCall() {
      if (cooldowns === undefined || Date.now() - lastRefresh < SHARED_REFRESH_MS) return;
      void refreshCooldowns();
    },
  };
  async function refreshCooldowns(): Promise<void> {
    if (cooldowns === undefined) return;
    lastRefresh = Date.now();
    await Promise.all(
      upstreams.map((u) =>
        cooldowns.get(u.name).then(
          (until) => {
            if (until !== undefined) u.breaker.coolUntil(until);
          },
          () => undefined,
        ),
      ),
    );
  }
  const first = upstreams[0] as RoutedUpstream;
  const forUpstream = <T extends { modelId?: string | undefined }>(
    input: T,
    u: RoutedUpstream,
  ): T =>
    modelIdFor && input.modelId !== undefined
      ? { ...input, modelId: modelIdFor(input.modelId, u) }
      : input;

  /** One request/response call with failover. */
  async function unary<T>(
    operation: TransportOperation,
    target: string,
    callOptions: CallOptions,
    send: (u: RoutedUpstream, options: CallOptions) => Promise<T>,
  ): Promise<T> {
    const call = new RouterCall(state, operation, target, callOptions);
    for (let u = call.first(); ; ) {
      try {
        const out = await send(u, call.optionsFor(u));
        call.succeeded(u);
        return out;
      } catch (err) {
        u = await call.after(u, err);
      }
    }
  }

  return {
    region: first.transport.region,
    auth: first.transport.auth,
    upstreams: () =>
      upstreams.map((u) => ({
        name: u.name,
        region: u.region,
        weight: u.weight,
        state: u.breaker.state,
        openUntil: u.breaker.openUntil,
      })),
    refreshCooldowns,
    transports: () => upstreams.map((u) => ({ name: u.name, transport: u.transport })),
    converse(input, callOptions = {}) {
      return unary('converse', input.modelId ?? '', callOptions, (u, options) =>
        u.transport.converse(forUpstream(input, u), options),
      );
    },
    invokeModel(input, callOptions = {}) {
      return unary('invoke-model', input.modelId ?? '', callOptions, (u, options) =>
        u.transport.invokeModel(forUpstream(input, u), options),
      );
    },
    converseStream(input, callOptions = {}) {
      return {
        async *[Symbol.asyncIterator](): AsyncGenerator<ConverseStreamOutput, void, undefined> {
          const call = new RouterCall(state, 'converse-stream', input.modelId ?? '', callOptions);
          for (let u = call.first(); ; ) {
            let delivered = false;
            const started = performance.now();
            const arrived = u.firstByte.start(started);
            try {
              const events = u.transport.converseStream(forUpstream(input, u), call.optionsFor(u));
              for await (const event of events) {
                if (!delivered) {
                  delivered = true;
                  arrived();
                  state.firstByteAverage.add(performance.now() - started);
                  call.succeeded(u);
                }
                yield event;
              }
              return;
            } catch (err) {
              // Never moved after the first event: the client would see text twice.
              if (delivered) throw err;
              u = await call.after(u, err);
            } finally {
              arrived();
            }
          }
        },
      };
    },
    control: {
      send(command, callOptions = {}) {
        const name = command.constructor.name.replace(/Command$/, '');
        return unary('control', name, callOptions, (u, options) =>
          u.transport.control.send(command, options),
        );
      },
    },
    async close() {
      await Promise.all(upstreams.map((u) => u.transport.close()));
    },
  };
}
