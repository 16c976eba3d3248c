import type { TokenUsage } from '@aws-sdk/client-bedrock-runtime';
import type { CompletionUsage } from './openai-answer.js';

/**
 * Bedrock token usage -> OpenAI usage. OpenAI's `prompt_tokens` includes cached tokens while
 * Bedrock's `inputTokens` does not, so `prompt_tokens = inputTokens + cacheRead + cacheWrite`,
 * with `prompt_tokens_details.cached_tokens = cacheReadInputTokens` and `cache_write_tokens =
 * cacheWriteInputTokens` (when Bedrock reports it).
 */
export function toCompletionUsage(usage: TokenUsage): CompletionUsage {
  const read = usage.cacheReadInputTokens ?? 0;
  const write = usage.cacheWriteInputTokens ?? 0;
  const prompt = (usage.inputTokens ?? 0) + read + write;
  const completion = usage.outputTokens ?? 0;
  const details: NonNullable<CompletionUsage['prompt_tokens_details']> = { cached_tokens: read };
  if (usage.cacheWriteInputTokens !== undefined) details.cache_write_tokens = write;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: details,
  };
}
