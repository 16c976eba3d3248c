import http from 'node:http';
import { type Conversation, toOpenAIRequest } from '../conversation.js';
import { CONTENT } from '../first-token-marks.js';
import { toResponsesRequest } from '../responses-shape.js';
import { jsonHeaders, postBytes } from './post-bytes.js';
import { startGateway } from './start-gateway.js';
import type { BenchClient, CreateContext, SystemDef } from './system.js';

/** One gateway endpoint as a bare client calls it. */
interface BareEndpoint {
  path: string;
  request(conversation: Conversation): object;
  /** Matches a chunk of the stream that carries the first text. */
  firstText: RegExp;
  /** The text of an unstreamed answer. */
  answerText(answer: unknown): string;
  /** The text of one streamed `data:` event. */
  eventText(event: unknown): string;
  /** A stream without it is incomplete. */
  end: string;
}

/**
 * The gateway (in its own process for latency, in this one otherwise) called on `endpoint` by
 * a bare `node:http` keep-alive client with pre-built request bytes: the gateway's own cost
 * without a client library's. Streams are read to their end marker (first token: the first
 * chunk with text) and decoded after the end; answers are parsed as JSON.
 */
function bareGatewaySystem(
  def: Omit<SystemDef, 'create' | 'role' | 'memory' | 'faults' | 'converse'>,
  endpoint: BareEndpoint,
): SystemDef {
  return {
    ...def,
    role: 'info',
    memory: 'skip',
    faults: false,
    converse: true,
    async create(ctx: CreateContext): Promise<BenchClient> {
      const where = ctx.purpose === 'latency' ? 'process' : 'in-process';
      const gateway = await startGateway(ctx.url, where);
      const url = new URL(gateway.url);
      const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
      const request = endpoint.request(ctx.conversation);
      const bodies = [false, true].map((stream) =>
        Buffer.from(JSON.stringify({ ...request, stream })),
      );
      const call = async (stream: boolean, onFirst?: () => void): Promise<string> => {
        const body = bodies[Number(stream)] as Buffer;
        const chunks: Buffer[] = [];
        await postBytes(agent, url, endpoint.path, jsonHeaders(body), body, (c) => {
          if (onFirst && endpoint.firstText.test(c.toString('latin1'))) {
            onFirst();
            onFirst = undefined;
          }
          chunks.push(c);
        });
        return Buffer.concat(chunks).toString('utf8');
      };
      return {
        async converse() {
          return endpoint.answerText(JSON.parse(await call(false)));
        },
        async stream(onToken) {
          const raw = await call(true, () => onToken(''));
          // Decoded after the end (not timed per token): the text, to check the answer.
          let text = '';
          for (const line of raw.split('\n')) {
            if (line.startsWith('data: {')) text += endpoint.eventText(JSON.parse(line.slice(6)));
          }
          if (!raw.includes(endpoint.end)) throw new Error(`${def.id}: no ${endpoint.end}`);
          return text;
        },
        async close() {
          agent.destroy();
          await gateway.close();
        },
      };
    },
  };
}

type Choices<T> = { choices?: Array<T> };

/** Chat completions (`POST /v1/chat/completions`). */
export const gatewayBareSystem = bareGatewaySystem(
  {
    id: 'gateway-bare',
    label: 'bedrock-bridge gateway + bare node:http client',
    short: 'gateway + bare HTTP',
  },
  {
    path: '/v1/chat/completions',
    request: toOpenAIRequest,
    firstText: CONTENT,
    answerText: (a) =>
      (a as Choices<{ message?: { content?: string } }>).choices?.[0]?.message?.content ?? '',
    eventText: (e) =>
      (e as Choices<{ delta?: { content?: string | null } }>).choices?.[0]?.delta?.content ?? '',
    end: 'data: [DONE]',
  },
);

/**
 * The same gateway and client on `POST /v1/responses` with the same conversation as a
 * Responses request (`store: false`, as chat completions keep nothing): its time to first
 * `response.output_text.delta` beside `gateway-bare`'s first chat-completions delta, in the
 * same run.
 */
export const gatewayResponsesSystem = bareGatewaySystem(
  {
    id: 'gateway-responses',
    label: 'bedrock-bridge gateway /v1/responses + bare node:http client',
    short: 'gateway Responses + bare HTTP',
  },
  {
    path: '/v1/responses',
    request: toResponsesRequest,
    firstText: /"response\.output_text\.delta"/,
    answerText: (a) => (a as { output_text?: string }).output_text ?? '',
    eventText: (e) => {
      const event = e as { type?: string; delta?: string };
      return event.type === 'response.output_text.delta' ? (event.delta ?? '') : '';
    },
    end: '"response.completed"',
  },
);
