import type { TokenUsage } from '@aws-sdk/client-bedrock-runtime';
import type { CompletionUsage } from './openai-answer.js';
/**
 * Bedrock token usage -> OpenAI usage. OpenAI's `prompt_tokens` includes cached tokens while
 * Bedrock's `inputTokens` does not, so `prompt_tokens = inputTokens + cacheRead + cacheWrite`,
 * with `prompt_tokens_details.cached_tokens = cacheReadInputTokens` and `cache_write_tokens =
 * cacheWriteInputTokens` (when Bedrock reports it). `cacheDetails` (cache writes per TTL) become
 * `prompt_tokens_details.cache_creation { ephemeral_5m_input_tokens, ephemeral_1h_input_tokens }`
 * (Anthropic's names). `reasoningChars` (the length of the answer's reasoning text) gives
 * `completion_tokens_details.reasoning_tokens`, an estimate of 4 characters a token at most
 * `completion_tokens`, because Bedrock counts reasoning inside `outputTokens` without a figure.
 */
export declare function toCompletionUsage(usage: TokenUsage, reasoningChars?: number): CompletionUsage;
