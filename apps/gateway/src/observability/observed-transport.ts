import type { Transport } from '@bedrock-bridge/transport';
import type { GatewayMetrics, TokenUsage } from './gateway-metrics.js';
import { watchedStream } from './watched-stream.js';

/**
 * Where each call's token usage goes besides the metrics (its trace span), keyed by the call's
 * signal. One per gateway, shared by its observed transport (which reports) and its traced
 * backend (which listens); nothing is kept at module level.
 *
 * A sink is removed (`off`) when its call ends, not left to the `WeakMap`: V8's young-generation
 * collections keep every `WeakMap` value alive (only full collections honour the weak key), and a
 * sink reaches its call's signal, so a sink left in the map kept its whole request (body, parsed
 * request, conversion, stream state) through every young collection until the next full one:
 * about 27 KB promoted to the old generation per chat request, and more mark-compacts.
 */
export class CallUsageSinks {
  readonly #sinks = new WeakMap<AbortSignal, (usage: TokenUsage) => void>();
  #registered = 0;

  /** Routes the usage of the call made with `signal` to `sink` too (e.g. its span), until `off`. */
  on(signal: AbortSignal, sink: (usage: TokenUsage) => void): void {
    if (!this.#sinks.has(signal)) this.#registered += 1;
    this.#sinks.set(signal, sink);
  }

  /** Stops routing the usage of the call made with `signal` to `sink` (its call ended). */
  off(signal: AbortSignal, sink: (usage: TokenUsage) => void): void {
    if (this.#sinks.get(signal) !== sink) return;
    this.#sinks.delete(signal);
    this.#registered -= 1;
  }

  /** How many calls have a sink registered now (ended calls have none). */
  get registered(): number {
    return this.#registered;
  }

  /** Hands `usage` to the sink registered for `signal`, if any. */
  report(signal: AbortSignal, usage: TokenUsage): void {
    this.#sinks.get(signal)?.(usage);
  }
}

/**
 * The transport with metering: tokens by model from every answer (a Converse answer's `usage`,
 * a stream's `metadata` event, an InvokeModel answer's input-token header) and the number of
 * open streams. Calls and events are unchanged. A call's usage also goes to the sink registered
 * in `sinks` for its signal.
 */
export function observedTransport(
  transport: Transport,
  metrics: GatewayMetrics,
  sinks?: CallUsageSinks,
): Transport {
  const report = (
    model: string | undefined,
    usage: TokenUsage | undefined,
    signal?: AbortSignal,
  ) => {
    if (usage === undefined) return;
    metrics.usage(model ?? 'unknown', usage);
    if (signal !== undefined) sinks?.report(signal, usage);
  };
  return {
    ...transport,
    region: transport.region,
    auth: transport.auth,
    async converse(input, options = {}) {
      const out = await transport.converse(input, options);
      report(input.modelId, out.usage, options.signal);
      return out;
    },
    converseStream(input, options = {}) {
      const events = transport.converseStream(input, options);
      // Each iteration is its own stream; no generator per event (see `watched-stream.ts`).
      return {
        [Symbol.asyncIterator]: () =>
          watchedStream(() => {
            metrics.streamOpened();
            return {
              source: () => events,
              event: (event) => {
                if (event.metadata !== undefined) {
                  report(input.modelId, event.metadata.usage, options.signal);
                }
              },
              close: () => metrics.streamClosed(),
            };
          }),
      };
    },
    async invokeModel(input, options = {}) {
      const out = await transport.invokeModel(input, options);
      // Bedrock bills an InvokeModel call in its x-amzn-bedrock-input-token-count header.
      if (out.inputTokenCount !== undefined) {
        report(input.modelId, { inputTokens: out.inputTokenCount }, options.signal);
      }
      return out;
    },
    control: transport.control,
    close: () => transport.close(),
  };
}
