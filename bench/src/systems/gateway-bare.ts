import http from 'node:http';
import { toOpenAIRequest } from '../conversation.js';
import { CONTENT } from '../first-token-marks.js';
import { startGateway } from './start-gateway.js';
import type { BenchClient, CreateContext, SystemDef } from './system.js';

/** POSTs `body` to the gateway (chat completions by default); `onChunk` sees the SSE text as it arrives. */
export function post(
  agent: http.Agent,
  url: URL,
  body: Buffer,
  onChunk: (chunk: string) => void,
  path = '/v1/chat/completions',
): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`gateway answered HTTP ${res.statusCode}`));
          return;
        }
        res.setEncoding('utf8');
        res.on('data', onChunk);
        res.on('end', () => resolve());
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The gateway (in its own process) called by a bare `node:http` keep-alive client with
 * pre-built request bytes:
 * the gateway's own cost without the `openai` client's. Streams read SSE until `[DONE]`
 * (first token: the first chunk with content), answers are parsed as JSON.
 */
export const gatewayBareSystem: SystemDef = {
  id: 'gateway-bare',
  label: 'bedrock-bridge gateway + bare node:http client',
  short: 'gateway + bare HTTP',
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
    const request = toOpenAIRequest(ctx.conversation);
    const plain = Buffer.from(JSON.stringify({ ...request, stream: false }));
    const streamed = Buffer.from(JSON.stringify({ ...request, stream: true }));
    return {
      async converse() {
        let raw = '';
        await post(agent, url, plain, (c) => {
          raw += c;
        });
        const completion = JSON.parse(raw) as {
          choices?: Array<{ message?: { content?: string } }>;
        };
        return completion.choices?.[0]?.message?.content ?? '';
      },
      async stream(onToken) {
        let raw = '';
        let first = true;
        await post(agent, url, streamed, (c) => {
          raw += c;
          if (first && CONTENT.test(c)) {
            first = false;
            onToken('');
          }
        });
        // Decoded after the end (not timed per token): the text, to check the answer.
        let text = '';
        for (const line of raw.split('\n')) {
          if (!line.startsWith('data: {')) continue;
          const chunk = JSON.parse(line.slice(6)) as {
            choices?: Array<{ delta?: { content?: string | null } }>;
          };
          text += chunk.choices?.[0]?.delta?.content ?? '';
        }
        if (!raw.includes('data: [DONE]')) throw new Error('gateway stream ended without [DONE]');
        return text;
      },
      async close() {
        agent.destroy();
        await gateway.close();
      },
    };
  },
};
