import type { EmulatorOptions } from '@bedrock-bridge/emulator';
import { type BackendOptions, createBackend } from '@bedrock-bridge/openai';
import type { TransportEvent, TransportOptions } from '@bedrock-bridge/transport';
import OpenAI from 'openai';
import { createStack, type Stack } from '../create-stack.js';
import { createServer, type Gateway, type ServerOptions } from '../server/create-server.js';
import type { RequestLogEntry } from '../server/request-log.js';

/** An emulator, the transport, the gateway on port 0 and an `openai` client pointed at it. */
export interface TestGateway {
  stack: Stack;
  emulator: NonNullable<Stack['emulator']>;
  gateway: Gateway;
  url: string;
  client: OpenAI;
  events: TransportEvent[];
  logs: RequestLogEntry[];
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  emulator?: EmulatorOptions;
  transport?: TransportOptions;
  server?: Omit<ServerOptions, 'backend'>;
  backend?: BackendOptions;
}

/** Fast retries and short deadlines so failure paths finish quickly (never asserted on). */
export const FAST_TRANSPORT: TransportOptions = {
  retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50 },
  timeouts: { connectMs: 2000, firstByteMs: 5000, idleMs: 2000, totalMs: 20_000 },
};

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const events: TransportEvent[] = [];
  const logs: RequestLogEntry[] = [];
  const stack = await createStack({
    emulator: options.emulator ?? {},
    transport: { ...FAST_TRANSPORT, ...options.transport, onEvent: (e) => events.push(e) },
    env: {},
  });
  const emulator = stack.emulator;
  if (!emulator) throw new Error('no emulator');
  const gateway = createServer({
    backend: createBackend(stack, options.backend),
    log: (entry) => logs.push(entry),
    ...options.server,
  });
  const url = await gateway.listen(0, '127.0.0.1');
  const client = new OpenAI({
    baseURL: `${url}/v1`,
    apiKey: [options.server?.apiKey ?? 'unused'].flat()[0] ?? 'unused',
    maxRetries: 0,
    timeout: 30_000,
  });
  return {
    stack,
    emulator,
    gateway,
    url,
    client,
    events,
    logs,
    async close() {
      await gateway.close(0);
      await stack.close();
    },
  };
}

/** The runtime requests the emulator saw (control-plane discovery calls left out). */
export function runtimeRequests(t: TestGateway) {
  return t.emulator.requests.filter(
    (r) => r.operation === 'converse' || r.operation === 'converse-stream',
  );
}

/** Reads a whole SSE body as its `data:` payloads. */
export async function readSse(response: Response): Promise<string[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => block.slice('data: '.length));
}
