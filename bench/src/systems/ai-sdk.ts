import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { generateText, streamText } from 'ai';
import { toAiSdkShape } from '../ai-sdk-shape.js';
import { CREDENTIALS, MAX_TOKENS, MODEL_ID, REGION } from '../conversation.js';
import { type BenchClient, type CreateContext, readText, type SystemDef } from './system.js';

/**
 * Vercel AI SDK: `@ai-sdk/amazon-bedrock` pointed at the emulator with `baseURL`, called
 * with `generateText` / `streamText` and the caller's usual pattern (iterate `textStream`).
 */
export const aiSdkSystem: SystemDef = {
  id: 'ai-sdk',
  label: 'AI SDK (@ai-sdk/amazon-bedrock + ai)',
  short: 'AI SDK',
  role: 'peer',
  memory: 'chart',
  timeoutOption: 'timeout (generateText) / timeout { firstChunkMs, chunkMs } (streamText)',
  faults: true,
  converse: true,
  async create(ctx: CreateContext): Promise<BenchClient> {
    const bedrock = createAmazonBedrock({
      region: REGION,
      accessKeyId: CREDENTIALS.accessKeyId,
      secretAccessKey: CREDENTIALS.secretAccessKey,
      baseURL: ctx.url,
    });
    const model = bedrock(MODEL_ID);
    const shape = toAiSdkShape(ctx.conversation);
    const timeout =
      ctx.timeoutMs === undefined
        ? undefined
        : { firstChunkMs: ctx.timeoutMs, chunkMs: ctx.timeoutMs };
    return {
      async converse() {
        const result = await generateText({
          model,
          system: shape.system,
          messages: shape.messages,
          tools: shape.tools,
          maxOutputTokens: MAX_TOKENS,
          ...(ctx.timeoutMs === undefined ? {} : { timeout: ctx.timeoutMs }),
        });
        return result.text;
      },
      async stream(onToken) {
        const result = streamText({
          model,
          system: shape.system,
          messages: shape.messages,
          tools: shape.tools,
          maxOutputTokens: MAX_TOKENS,
          ...(timeout === undefined ? {} : { timeout }),
        });
        return readText(result.textStream, (piece) => piece, onToken);
      },
      async close() {},
    };
  },
};
