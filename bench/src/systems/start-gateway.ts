import {
  createServer,
  createStack,
  type Gateway,
  type ServerOptions,
  type Stack,
  type StackOptions,
} from '@bedrock-bridge/gateway';
import { createBackend } from '@bedrock-bridge/openai';
import { CREDENTIALS, REGION } from '../conversation.js';
import { spawnGateway } from '../service-process.js';

/** A running gateway: its base URL and how to stop it. */
export interface RunningGateway {
  url: string;
  close(): Promise<void>;
}

/**
 * The gateway app in this process in front of `endpoint`, listening on a free loopback port:
 * its defaults (request log off) unless `transport` or `server` say otherwise. Every bench
 * that runs the gateway starts it here.
 */
export async function startGatewayHere(
  endpoint: string,
  options: {
    transport?: StackOptions['transport'];
    server?: Partial<ServerOptions>;
    /** Runs before the server listens (Fastify takes hooks and routes only then). */
    beforeListen?: (gateway: Gateway) => void;
  } = {},
): Promise<RunningGateway & { gateway: Gateway; stack: Stack }> {
  const stack = await createStack({
    endpoint,
    region: REGION,
    transport: { credentials: { ...CREDENTIALS }, ...options.transport },
    env: {},
  });
  const gateway = createServer({ backend: createBackend(stack), log: false, ...options.server });
  options.beforeListen?.(gateway);
  const url = await gateway.listen(0, '127.0.0.1');
  return {
    url,
    gateway,
    stack,
    async close() {
      await gateway.close(1_000);
      await stack.close();
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
