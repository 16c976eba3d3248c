import {
  BedrockRuntimeClient,
  type BedrockRuntimeClientConfig,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';
import { CREDENTIALS, REGION } from '../conversation.js';
import { toConverseShape } from '../converse-shape.js';
import {
  type BenchClient,
  type CreateContext,
  converseText,
  readText,
  type SystemDef,
} from './system.js';

function rawClient(config: BedrockRuntimeClientConfig, ctx: CreateContext): BenchClient {
  const client = new BedrockRuntimeClient({
    region: REGION,
    endpoint: ctx.url,
    credentials: { ...CREDENTIALS },
    ...config,
  });
  // The input is built once: a raw SDK user hands Converse shapes to the client directly.
  const input = toConverseShape(ctx.conversation);
  return {
    async converse() {
      const out = await client.send(new ConverseCommand(input));
      return converseText(out.output?.message?.content);
    },
    async stream(onToken) {
      const out = await client.send(new ConverseStreamCommand(input));
      return readText(out.stream ?? [], (e) => e.contentBlockDelta?.delta?.text, onToken);
    },
    async close() {
      client.destroy();
    },
  };
}

/** `BedrockRuntimeClient` exactly as constructed with defaults (its HTTP/2 handler in Node). */
export const rawSdkSystem: SystemDef = {
  id: 'raw-sdk',
  label: 'Raw SDK (defaults, HTTP/2)',
  short: 'Raw SDK (defaults)',
  role: 'baseline',
  memory: 'chart',
  timeoutOption: 'NodeHttp2Handler requestTimeout',
  faults: true,
  converse: true,
  async create(ctx) {
    const config: BedrockRuntimeClientConfig =
      ctx.timeoutMs === undefined
        ? {}
        : { requestHandler: new NodeHttp2Handler({ requestTimeout: ctx.timeoutMs }) };
    return rawClient(config, ctx);
  },
};

/** The raw SDK with its HTTP/1.1 keep-alive handler, for information. */
export const rawSdkHttp1System: SystemDef = {
  id: 'raw-sdk-http1',
  label: 'Raw SDK (NodeHttpHandler, HTTP/1.1)',
  short: 'Raw SDK (HTTP/1.1 handler)',
  role: 'info',
  memory: 'table',
  timeoutOption: 'NodeHttpHandler connection/request/socketTimeout',
  faults: true,
  converse: true,
  async create(ctx) {
    const handler =
      ctx.timeoutMs === undefined
        ? new NodeHttpHandler()
        : new NodeHttpHandler({
            connectionTimeout: ctx.timeoutMs,
            requestTimeout: ctx.timeoutMs,
            throwOnRequestTimeout: true,
            socketTimeout: ctx.timeoutMs,
          });
    return rawClient({ requestHandler: handler }, ctx);
  },
};
