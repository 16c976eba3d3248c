import { createBedrockFetch } from '@bedrock-bridge/openai';
import OpenAI from 'openai';
import { CREDENTIALS, REGION } from '../conversation.js';
import { openaiClientCalls } from './openai-client-calls.js';
import type { BenchClient, CreateContext, SystemDef } from './system.js';
import { transportTimeouts } from './transport.js';

/**
 * The OpenAI API in the caller's process: the official `openai` client with
 * `fetch: createBedrockFetch()` (`@bedrock-bridge/openai`), no server and no socket but the
 * transport's. Against `toolkit` (transport + format called directly) it measures what the
 * handler adds: validation, the recipe, SSE framing and the client's parsing of it (issue 18).
 */
export const openaiFetchSystem: SystemDef = {
  id: 'openai-fetch',
  label: 'bedrock-bridge in-process fetch + openai client',
  short: 'ours: in-process fetch + openai',
  role: 'info',
  timeoutOption: 'timeouts { firstByteMs, idleMs }',
  faults: false,
  memory: 'table',
  converse: true,
  async create(ctx: CreateContext): Promise<BenchClient> {
    const fetch = createBedrockFetch({
      transport: {
        region: REGION,
        endpoint: ctx.url,
        credentials: { ...CREDENTIALS },
        ...transportTimeouts(ctx.timeoutMs),
      },
    });
    const openai = new OpenAI({ baseURL: 'http://bedrock.invalid/v1', apiKey: 'unused', fetch });
    return openaiClientCalls(openai, ctx.conversation, () => fetch.close());
  },
};
