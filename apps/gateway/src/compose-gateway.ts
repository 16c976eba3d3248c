import { type BackendOptions, createBackend, type KeyValueStore } from '@bedrock-bridge/openai';
import { aliasedBackend, type ModelAlias } from './config/alias-backend.js';
import type { Stack } from './create-stack.js';
import { GatewayMetrics } from './observability/gateway-metrics.js';
import { CallUsageSinks, observedTransport } from './observability/observed-transport.js';
import { tracedBackend } from './observability/traced-backend.js';
import { createServer, type Gateway, type ServerOptions } from './server/create-server.js';
import { registerOpsRoutes } from './server/ops-routes.js';
import { jsonLineLogger } from './server/request-log.js';

/** Options of `composeGateway`. */
export interface ComposeOptions {
  stack: Stack;
  /** What the gateway remembers between requests; `/readyz` pings it when it can. Default: none. */
  store?: KeyValueStore & { ping?: () => Promise<void> };
  server?: Omit<ServerOptions, 'backend'>;
  backend?: BackendOptions;
  /** Model aliases (`gpt-4o` -> a Bedrock model, with default parameters). Default: none. */
  aliases?: Map<string, ModelAlias>;
  /** Registers process metrics (CPU, memory, event loop) too. Default true. */
  processMetrics?: boolean;
}

/**
 * The whole gateway around a stack: the recipe's backend with metering and spans, the HTTP
 * server with request logs feeding the metrics, and `/readyz` and `/metrics`. The stack's
 * transport events reach the metrics through `metrics.transportEvent` (pass it as the stack's
 * `onEvent`).
 */
export function composeGateway(
  options: ComposeOptions,
  metrics = new GatewayMetrics({
    ...(options.stack.router ? { upstreams: () => options.stack.router?.upstreams() ?? [] } : {}),
    defaultMetrics: options.processMetrics ?? true,
  }),
): { gateway: Gateway; metrics: GatewayMetrics } {
  const usage = new CallUsageSinks();
  const stack = {
    ...options.stack,
    transport: observedTransport(options.stack.transport, metrics, usage),
  };
  // The reasoning of tool loops lives in the gateway's store (shared when it is Redis).
  const backendOptions: BackendOptions = { ...options.backend };
  if (backendOptions.reasoningStore === undefined && options.store !== undefined)
    backendOptions.reasoningStore = options.store;
  const backend = tracedBackend(
    aliasedBackend(createBackend(stack, backendOptions), options.aliases ?? new Map()),
    usage,
  );
  const log = options.server?.log === false ? undefined : (options.server?.log ?? jsonLineLogger);
  const gateway = createServer({
    ...options.server,
    backend,
    log: (entry) => {
      log?.(entry);
      metrics.request(entry);
    },
  });
  const store = options.store;
  registerOpsRoutes(gateway.app, {
    metrics,
    readiness: {
      ...(options.stack.router ? { upstreams: () => options.stack.router?.upstreams() ?? [] } : {}),
      ...(store?.ping ? { pingStore: () => store.ping?.() ?? Promise.resolve() } : {}),
    },
  });
  return { gateway, metrics };
}
