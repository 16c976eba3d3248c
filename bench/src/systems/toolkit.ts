import { fromConverseOutput, fromConverseStream, toConverseInput } from '@bedrock-bridge/format';
import { createTransport } from '@bedrock-bridge/transport';
import { CREDENTIALS, MODEL_ID, REGION, toOpenAIRequest } from '../conversation.js';
import { type BenchClient, type CreateContext, readText, type SystemDef } from './system.js';
import { transportTimeouts } from './transport.js';

/**
 * This toolkit as a library user composes it: an OpenAI-style request converted per call by
 * `toConverseInput`, sent by `createTransport()` with its defaults, and the answer converted
 * back by `fromConverseOutput` / `fromConverseStream` (what the caller reads are OpenAI
 * chunks).
 */
export const toolkitSystem: SystemDef = {
  id: 'toolkit',
  label: 'bedrock-bridge: transport + format',
  short: 'ours: transport + format',
  role: 'ours',
  memory: 'chart',
  timeoutOption: 'timeouts { firstByteMs, idleMs }',
  faults: true,
  converse: true,
  async create(ctx: CreateContext): Promise<BenchClient> {
    const transport = createTransport({
      region: REGION,
      endpoint: ctx.url,
      credentials: { ...CREDENTIALS },
      ...transportTimeouts(ctx.timeoutMs),
    });
    const request = toOpenAIRequest(ctx.conversation);
    return {
      async converse() {
        const { input, answer } = toConverseInput(request);
        const out = await transport.converse(input);
        const completion = fromConverseOutput(out, { model: MODEL_ID, ...answer });
        const content = completion.choices[0]?.message.content;
        return typeof content === 'string' ? content : '';
      },
      async stream(onToken) {
        const { input, answer } = toConverseInput(request);
        const chunks = fromConverseStream(transport.converseStream(input), {
          model: MODEL_ID,
          ...answer,
        });
        return readText(chunks, (c) => c.choices[0]?.delta.content, onToken);
      },
      close: () => transport.close(),
    };
  },
};
