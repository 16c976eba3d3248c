import type { TransportEvent, UpstreamStatus } from '@bedrock-bridge/transport';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { RequestLogEntry } from '../server/request-log.js';

/** Token counts of one answer, as Bedrock reports them. */
export interface TokenUsage {
  inputTokens?: number | undefined;
  outputTokens?: number | undefined;
  cacheReadInputTokens?: number | undefined;
  cacheWriteInputTokens?: number | undefined;
}

/** The routes the gateway serves; anything else is counted as `other` (labels stay bounded). */
function routeLabel(path: string): string {
  if (/^\/v1\/models\/.+/.test(path)) return '/v1/models/{id}';
  if (/^\/v1\/responses\/.+/.test(path)) return '/v1/responses/{id}';
  const known = [
    '/v1/chat/completions',
    '/v1/responses',
    '/v1/embeddings',
    '/v1/models',
    '/healthz',
    '/readyz',
    '/metrics',
  ];
  return known.includes(path) ? path : 'other';
}

/** A model id as a label: ids only (a bounded charset and length), never free text. */
export function modelLabel(model: string | undefined): string {
  if (model === undefined) return 'none';
  return /^[A-Za-z0-9._:/@-]{1,160}$/.test(model) ? model : 'other';
}

/**
 * The gateway's Prometheus metrics (`prom-client`, one registry per gateway). Labels hold
 * routes, statuses, error kinds, model ids, upstream names and reasons: never prompt text, never
 * a key or a token.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly #requests: Counter<'route' | 'status' | 'error_kind'>;
  readonly #duration: Histogram<'route' | 'stream'>;
  readonly #ttft: Histogram<'route'>;
  readonly #tokens: Counter<'model' | 'type'>;
  readonly #attempts: Counter<'upstream' | 'operation'>;
  readonly #retries: Counter<'upstream' | 'reason'>;
  readonly #evictions: Counter<'upstream' | 'reason'>;
  readonly #failovers: Counter<'from' | 'to' | 'reason'>;
  readonly #cooldowns: Counter<'upstream' | 'reason'>;
  readonly #openStreams: Gauge;

  constructor(options: { upstreams?: () => UpstreamStatus[]; defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.defaultMetrics !== false) {
      collectDefaultMetrics({ register: this.registry, prefix: 'bedrock_bridge_' });
    }
    this.#requests = new Counter({
      name: 'bedrock_bridge_requests_total',
      help: 'HTTP requests answered, by route, status and error kind (none when it succeeded)',
      labelNames: ['route', 'status', 'error_kind'],
      registers,
    });
    this.#duration = new Histogram({
      name: 'bedrock_bridge_request_duration_seconds',
      help: 'Time from a request arriving to its answer being complete',
      labelNames: ['route', 'stream'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    });
    this.#ttft = new Histogram({
      name: 'bedrock_bridge_time_to_first_token_seconds',
      help: 'Streams: time from a request arriving to its first token written to the client',
      labelNames: ['route'],
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32],
      registers,
    });
    this.#tokens = new Counter({
      name: 'bedrock_bridge_tokens_total',
      help: 'Tokens Bedrock reported, by model and type (input, output, cache_read, cache_write)',
      labelNames: ['model', 'type'],
      registers,
    });
    this.#attempts = new Counter({
      name: 'bedrock_bridge_upstream_attempts_total',
      help: 'Upstream attempts, by upstream and operation',
      labelNames: ['upstream', 'operation'],
      registers,
    });
    this.#retries = new Counter({
      name: 'bedrock_bridge_upstream_retries_total',
      help: 'Retries after a backoff (or at once on a fresh client), by upstream and failure kind',
      labelNames: ['upstream', 'reason'],
      registers,
    });
    this.#evictions = new Counter({
      name: 'bedrock_bridge_upstream_evictions_total',
      help: 'Pooled clients evicted after a stale connection, by upstream and failure kind',
      labelNames: ['upstream', 'reason'],
      registers,
    });
    this.#failovers = new Counter({
      name: 'bedrock_bridge_upstream_failovers_total',
      help: 'Calls moved to another upstream before their first token',
      labelNames: ['from', 'to', 'reason'],
      registers,
    });
    this.#cooldowns = new Counter({
      name: 'bedrock_bridge_upstream_cooldowns_total',
      help: "Times an upstream's circuit opened (it gets no calls until its cool-down ends)",
      labelNames: ['upstream', 'reason'],
      registers,
    });
    this.#openStreams = new Gauge({
      name: 'bedrock_bridge_open_streams',
      help: 'Upstream answer streams open right now',
      registers,
    });
    const upstreams = options.upstreams;
    if (upstreams !== undefined) {
      new Gauge({
        name: 'bedrock_bridge_upstream_circuit_open',
        help: "1 while an upstream's circuit is open or half-open (cooling down), else 0",
        labelNames: ['upstream'],
        registers,
        collect() {
          for (const u of upstreams()) this.set({ upstream: u.name }, u.state === 'closed' ? 0 : 1);
        },
      });
    }
  }

  /** One answered request (the request log line: route, status, latency, TTFT, error kind). */
  request(entry: RequestLogEntry): void {
    const route = routeLabel(entry.path);
    this.#requests.inc({
      route,
      status: String(entry.status),
      error_kind: entry.errorKind ?? 'none',
    });
    this.#duration.observe(
      { route, stream: String(entry.stream === true) },
      entry.latencyMs / 1000,
    );
    if (entry.ttftMs !== undefined) this.#ttft.observe({ route }, entry.ttftMs / 1000);
  }

  /** One transport or router event. */
  transportEvent(event: TransportEvent): void {
    const upstream = event.upstream ?? 'default';
    switch (event.type) {
      case 'attempt':
        this.#attempts.inc({ upstream, operation: event.operation });
        return;
      case 'retry':
        this.#retries.inc({ upstream, reason: event.reason });
        return;
      case 'evict':
        this.#evictions.inc({ upstream, reason: event.reason });
        return;
      case 'failover':
        this.#failovers.inc({ from: event.from, to: event.to, reason: event.reason });
        return;
      case 'cooldown':
        this.#cooldowns.inc({ upstream, reason: event.reason });
        return;
      case 'timeout':
      case 'fallback':
      case 'success':
      case 'error':
        return;
      default: {
        const never: never = event;
        throw new Error(`unhandled transport event ${String(never)}`);
      }
    }
  }

  /** Tokens of one answer of `model` (a Bedrock model id the upstream accepted). */
  usage(model: string, usage: TokenUsage): void {
    const label = modelLabel(model);
    const add = (type: string, n: number | undefined) => {
      if (n !== undefined && Number.isFinite(n) && n > 0)
        this.#tokens.inc({ model: label, type }, n);
    };
    add('input', usage.inputTokens);
    add('output', usage.outputTokens);
    add('cache_read', usage.cacheReadInputTokens);
    add('cache_write', usage.cacheWriteInputTokens);
  }

  streamOpened(): void {
    this.#openStreams.inc();
  }

  streamClosed(): void {
    this.#openStreams.dec();
  }
}
