import http from 'node:http';
import { toResponsesRequest } from '../responses-shape.js';
import { post } from './gateway-bare.js';
import { startGateway } from './start-gateway.js';
import type { BenchClient, CreateContext, SystemDef } from './system.js';

/** The event that carries answer text in a Responses stream. */
const TEXT_DELTA = /"response\.output_text\.delta"/;

/**
 * The same gateway process as `gateway-bare`, called the same way (bare `node:http`, pre-built
 * bytes) on `POST /v1/responses` with the same conversation as a Responses request (`store:
 * false`, as chat completions keep nothing): its time to first `response.output_text.delta`
 * beside `gateway-bare`'s time to first chat-completions delta, in the same run.
 */
export const gatewayResponsesSystem: SystemDef = {
  id: 'gateway-responses',
  label: 'bedrock-bridge gateway /v1/responses + bare node:http client',
  short: 'gateway Responses + bare HTTP',
  role: 'info',
  memory: 'skip',
  faults: false,
  converse: true,
  async create(ctx: CreateContext): Promise<BenchClient> {
    const gateway = await startGateway(
      ctx.url,
      ctx.purpose === 'latency' ? 'process' : 'in-process',
    );
    const url = new URL(gateway.url);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
    const request = toResponsesRequest(ctx.conversation);
    const plain = Buffer.from(JSON.stringify({ ...request, stream: false }));
    const streamed = Buffer.from(JSON.stringify({ ...request, stream: true }));
    return {
      async converse() {
        let raw = '';
        await post(
          agent,
          url,
          plain,
          (c) => {
            raw += c;
          },
          '/v1/responses',
        );
        return (JSON.parse(raw) as { output_text?: string }).output_text ?? '';
      },
      async stream(onToken) {
        let raw = '';
        let first = true;
        await post(
          agent,
          url,
          streamed,
          (c) => {
            raw += c;
            if (first && TEXT_DELTA.test(c)) {
              first = false;
              onToken('');
            }
          },
          '/v1/responses',
        );
        // Decoded after the end (not timed per token): the text, to check the answer.
        let text = '';
        for (const line of raw.split('\n')) {
          if (!line.startsWith('data: {')) continue;
          const event = JSON.parse(line.slice(6)) as { type?: string; delta?: string };
          if (event.type === 'response.output_text.delta') text += event.delta ?? '';
        }
        if (!raw.includes('"response.completed"')) {
          throw new Error('gateway Responses stream ended without response.completed');
        }
        return text;
      },
      async close() {
        agent.destroy();
        await gateway.close();
      },
    };
  },
};
