import { createServer, createStack } from '@bedrock-bridge/gateway';
import { createBackend } from '@bedrock-bridge/openai';
import { CREDENTIALS, REGION } from '../conversation.js';
import { spawnGateway } from '../service-process.js';

/** A running gateway: its base URL and how to stop it. */
export interface RunningGateway {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the gateway app with its default settings in front of `endpoint`: in a child
 * process of its own (as deployed), or inside this process (sharing the caller's thread).
 * Its request log is off.
 */
export async function startGateway(
  endpoint: string,
  where: 'process' | 'in-process',
): Promise<RunningGateway> {
  if (where === 'process') return spawnGateway(endpoint);
  const stack = await createStack({
    endpoint,
    region: REGION,
    transport: { credentials: { ...CREDENTIALS } },
    env: {},
  });
  const gateway = createServer({ backend: createBackend(stack), log: false });
  const url = await gateway.listen(0, '127.0.0.1');
  return {
    url,
    async close() {
      await gateway.close(1_000);
      await stack.close();
    },
  };
}
