import type OpenAI from 'openai';
import { type Conversation, toOpenAIRequest } from '../conversation.js';
import { type BenchClient, readText } from './system.js';

/**
 * The benchmark conversation through an `openai` client, however it reaches Bedrock (the gateway
 * over loopback, or the in-process fetch): one call as `converse`, one streamed as `stream`, the
 * same for every system built on the client; `close` releases what the caller opened.
 */
export function openaiClientCalls(
  openai: OpenAI,
  conversation: Conversation,
  close: () => Promise<void>,
): BenchClient {
  const request = toOpenAIRequest(conversation);
  return {
    async converse() {
      const completion = await openai.chat.completions.create({ ...request, stream: false });
      return completion.choices[0]?.message.content ?? '';
    },
    async stream(onToken) {
      const chunks = await openai.chat.completions.create({ ...request, stream: true });
      return readText(chunks, (c) => c.choices[0]?.delta.content, onToken);
    },
    close,
  };
}
