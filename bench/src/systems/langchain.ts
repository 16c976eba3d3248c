import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { ChatBedrockConverse } from '@langchain/aws';
import { CREDENTIALS, MAX_TOKENS, MODEL_ID, REGION } from '../conversation.js';
import { toLangChainShape } from '../langchain-shape.js';
import { type BenchClient, type CreateContext, readText, type SystemDef } from './system.js';

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    if (part && typeof part === 'object' && 'text' in part && typeof part.text === 'string') {
      text += part.text;
    }
  }
  return text;
}

/**
 * LangChain: `ChatBedrockConverse` from `@langchain/aws` with a `BedrockRuntimeClient`
 * pointed at the emulator (its `endpointHost` option forces https, so a client is passed),
 * tools bound with `bindTools`, called with `invoke` / `stream`.
 */
export const langchainSystem: SystemDef = {
  id: 'langchain',
  label: 'LangChain (@langchain/aws ChatBedrockConverse)',
  short: 'LangChain',
  role: 'peer',
  memory: 'chart',
  timeoutOption: 'streamIdleTimeout (stream) / timeout (invoke)',
  faults: true,
  converse: true,
  async create(ctx: CreateContext): Promise<BenchClient> {
    const client = new BedrockRuntimeClient({
      region: REGION,
      endpoint: ctx.url,
      credentials: { ...CREDENTIALS },
    });
    const chat = new ChatBedrockConverse({
      model: MODEL_ID,
      region: REGION,
      client,
      maxTokens: MAX_TOKENS,
      ...(ctx.timeoutMs === undefined ? {} : { streamIdleTimeout: ctx.timeoutMs }),
    });
    const shape = toLangChainShape(ctx.conversation);
    const bound = chat.bindTools(shape.tools);
    return {
      async converse() {
        const message = await bound.invoke(
          shape.messages,
          ctx.timeoutMs === undefined ? {} : { timeout: ctx.timeoutMs },
        );
        return textOf(message.content);
      },
      async stream(onToken) {
        return readText(await bound.stream(shape.messages), (c) => textOf(c.content), onToken);
      },
      async close() {
        client.destroy();
      },
    };
  },
};
