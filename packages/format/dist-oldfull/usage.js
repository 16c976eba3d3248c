/** Characters a token, for the reasoning-token estimate (Bedrock reports no separate count). */
const CHARS_PER_TOKEN = 4;
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
export function toCompletionUsage(usage, reasoningChars = 0) {
    const read = usage.cacheReadInputTokens ?? 0;
    const write = usage.cacheWriteInputTokens ?? 0;
    const prompt = (usage.inputTokens ?? 0) + read + write;
    const completion = usage.outputTokens ?? 0;
    const details = { cached_tokens: read };
    if (usage.cacheWriteInputTokens !== undefined)
        details.cache_write_tokens = write;
    if (Array.isArray(usage.cacheDetails) && usage.cacheDetails.length > 0) {
        let fiveMinutes = 0;
        let oneHour = 0;
        for (const detail of usage.cacheDetails) {
            const tokens = detail?.inputTokens ?? 0;
            if (detail?.ttl === '1h')
                oneHour += tokens;
            else
                fiveMinutes += tokens;
        }
        details.cache_creation = {
            ephemeral_5m_input_tokens: fiveMinutes,
            ephemeral_1h_input_tokens: oneHour,
        };
    }
    const out = {
        prompt_tokens: prompt,
        completion_tokens: completion,
        total_tokens: prompt + completion,
        prompt_tokens_details: details,
    };
    if (reasoningChars > 0) {
        out.completion_tokens_details = {
            reasoning_tokens: Math.min(completion, Math.ceil(reasoningChars / CHARS_PER_TOKEN)),
        };
    }
    return out;
}
