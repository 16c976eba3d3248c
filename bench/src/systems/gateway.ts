import { createBackend, createServer, createStack } from '@bedrock-bridge/gateway';
import OpenAI from 'openai';
import { CREDENTIALS, REGION, toOpenAIRequest } from '../conversation.js';
import type { BenchClient, CreateContext, SystemDef } from './system.js';

/**
 * The gateway app started in-process (its own stack: models, format, transport, with their
 * defaults) in front of the emulator, called over loopback HTTP by the official `openai`
 * client with its defaults. The gateway's request log is off.
 */
export const gatewaySystem: SystemDef = {
  id: 'gateway',
  label: 'bedrock-bridge gateway + official openai client',
  short: 'ours: gateway + openai client',
  role: 'ours',
  timeoutOption: 'openai client timeout',
  faults: true,
  converse: true,
  async create(ctx: CreateContext): Promise<BenchClient> {
    const stack = await createStack({
      endpoint: ctx.url,
      region: REGION,
      transport: { credentials: { ...CREDENTIALS } },
      env: {},
    });
    const gateway = createServer({ backend: createBackend(stack), log: false });
    const base = await gateway.listen(0, '127.0.0.1');
    const openai = new OpenAI({
      baseURL: `${base}/v1`,
      apiKey: 'not-checked',
      ...(ctx.timeoutMs === undefined ? {} : { timeout: ctx.timeoutMs }),
    });
    const request = toOpenAIRequest(ctx.conversation);
    return {
      async converse() {
        const completion = await openai.chat.completions.create({ ...request, stream: false });
        return completion.choices[0]?.message.content ?? '';
      },
      async stream(onToken) {
        const chunks = await openai.chat.completions.create({ ...request, stream: true });
        let text = '';
        for await (const chunk of chunks) {
          const piece = chunk.choices[0]?.delta.content;
          if (piece) {
            text += piece;
            onToken(piece);
          }
        }
        return text;
      },
      async close() {
        await gateway.close(1_000);
        await stack.close();
      },
    };
  },
};
