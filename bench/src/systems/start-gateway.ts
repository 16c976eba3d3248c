import {
  composeGateway,
  createStack,
  type Gateway,
  GatewayMetrics,
  type ServerOptions,
  type Stack,
  type StackOptions,
} from '@bedrock-bridge/gateway';
import { MemoryStore } from '@bedrock-bridge/openai';
import { CREDENTIALS, REGION } from '../conversation.js';
import { spawnGateway } from '../service-process.js';

/** A running gateway: its base URL and how to stop it. */
export interface RunningGateway {
  url: string;
  close(): Promise<void>;
}

/** The largest size of the store `serve` keeps by default (`--store-max-mb 256`). */
const STORE_MAX_CHARS = 256 * 1024 * 1024;

/**
 * The gateway app in this process in front of `endpoint`, listening on a free loopback port,
 * composed as `bedrock-bridge serve` composes it (`composeGateway`: metrics with the process
 * metrics, the transport's events metered, spans, the model-alias layer, `/metrics` and
 * `/readyz`, the store `serve --emulator` uses: in memory), with its defaults unless
 * `transport` or `server` say otherwise. With `served`, everything `serve` adds per process
 * too: its request log (a JSON line per request on stdout, unless `server.log` writes it
 * elsewhere) and the process metrics (event-loop delay, GC, memory; they are never stopped, so a
 * process that starts many gateways leaves them off). Every bench that runs the gateway starts it here.
 */
export async function startGatewayHere(
  endpoint: string,
  options: {
    transport?: StackOptions['transport'];
    server?: Partial<ServerOptions>;
    /** `serve`'s request log on stdout and its process metrics too. Default false. */
    served?: boolean;
    /** Runs before the server listens (Fastify takes hooks and routes only then). */
    beforeListen?: (gateway: Gateway) => void;
  } = {},
): Promise<RunningGateway & { gateway: Gateway; stack: Stack }> {
  let stack: Stack | undefined;
  const served = options.served === true;
  const metrics = new GatewayMetrics({
    upstreams: () => stack?.router?.upstreams() ?? [],
    defaultMetrics: served,
  });
  stack = await createStack({
    endpoint,
    region: REGION,
    transport: {
      credentials: { ...CREDENTIALS },
      onEvent: (event) => metrics.transportEvent(event),
      ...options.transport,
    },
    env: {},
  });
  const ready = stack;
  const store = new MemoryStore({ maxChars: STORE_MAX_CHARS });
  const { gateway } = composeGateway(
    {
      stack: ready,
      store,
      backend: { store },
      server: { ...(served ? {} : { log: false }), ...options.server },
    },
    metrics,
  );
  options.beforeListen?.(gateway);
  const url = await gateway.listen(0, '127.0.0.1');
  return {
    url,
    gateway,
    stack: ready,
    async close() {
      await gateway.close(1_000);
      await ready.close();
      await store.close();
    },
  };
}

/**
 * Starts the gateway with its default settings in front of `endpoint`: in a child process of
 * its own (as deployed), or inside this process (sharing the caller's thread).
 */
export async function startGateway(
  endpoint: string,
  where: 'process' | 'in-process',
): Promise<RunningGateway> {
  return where === 'process' ? spawnGateway(endpoint) : startGatewayHere(endpoint);
}
