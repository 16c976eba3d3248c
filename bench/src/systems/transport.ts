import { createTransport, type TransportProtocol } from '@bedrock-bridge/transport';
import { CREDENTIALS, REGION } from '../conversation.js';
import { toConverseShape } from '../converse-shape.js';
import {
  type BenchClient,
  type CreateContext,
  converseText,
  readText,
  type SystemDef,
} from './system.js';

/** Timeouts the "timeout set" fault rows give the transport. */
export function transportTimeouts(timeoutMs: number | undefined) {
  return timeoutMs === undefined ? {} : { timeouts: { firstByteMs: timeoutMs, idleMs: timeoutMs } };
}

function transportClient(ctx: CreateContext, protocol: TransportProtocol | undefined): BenchClient {
  const transport = createTransport({
    region: REGION,
    endpoint: ctx.url,
    credentials: { ...CREDENTIALS },
    ...(protocol === undefined ? {} : { protocol }),
    ...transportTimeouts(ctx.timeoutMs),
  });
  const input = toConverseShape(ctx.conversation);
  return {
    async converse() {
      const out = await transport.converse(input);
      return converseText(out.output?.message?.content);
    },
    async stream(onToken) {
      const events = transport.converseStream(input);
      return readText(events, (e) => e.contentBlockDelta?.delta?.text, onToken);
    },
    close: () => transport.close(),
  };
}

/** Our transport alone, fed the same Converse input as the raw SDK (its default protocol). */
export const transportSystem: SystemDef = {
  id: 'transport',
  label: 'bedrock-bridge transport only (Converse shapes)',
  short: 'transport only (http1)',
  role: 'info',
  memory: 'table',
  timeoutOption: 'timeouts { firstByteMs, idleMs }',
  faults: true,
  converse: true,
  create: async (ctx) => transportClient(ctx, undefined),
};

/** Our transport over HTTP/2, for the transport's own http1-versus-http2 figure. */
export const transportHttp2System: SystemDef = {
  id: 'transport-http2',
  label: 'bedrock-bridge transport only, protocol http2',
  short: 'transport only (http2)',
  role: 'info',
  memory: 'table',
  faults: false,
  converse: true,
  create: async (ctx) => transportClient(ctx, 'http2'),
};
