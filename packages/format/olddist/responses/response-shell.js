import { BedrockBridgeError } from '@bedrock-bridge/errors';
export function randomHex() {
    return globalThis.crypto.randomUUID().replaceAll('-', '');
}
export function itemIds(options) {
    return options.newId ?? ((prefix) => `${prefix}_${randomHex()}`);
}
/** The `response` object around an answer: the request's settings echoed, no output yet. */
export function responseShell(options) {
    const r = options.request;
    return {
        id: options.id ?? `resp_${randomHex()}`,
        object: 'response',
        created_at: options.created ?? Math.floor(Date.now() / 1000),
        status: 'in_progress',
        error: null,
        incomplete_details: null,
        instructions: r.instructions ?? null,
        max_output_tokens: r.max_output_tokens ?? null,
        model: options.model ?? r.model ?? '',
        output: [],
        output_text: '',
        parallel_tool_calls: r.parallel_tool_calls ?? true,
        previous_response_id: r.previous_response_id ?? null,
        reasoning: r.reasoning
            ? { effort: r.reasoning.effort ?? null, summary: r.reasoning.summary ?? null }
            : null,
        store: r.store ?? true,
        temperature: r.temperature ?? null,
        text: { format: r.text?.format ?? { type: 'text' } },
        tool_choice: (r.tool_choice ?? 'auto'),
        // Only function tools get this far: the conversion refuses the others.
        tools: (r.tools ?? []).filter((t) => t.type === 'function'),
        top_p: r.top_p ?? null,
        truncation: r.truncation ?? 'disabled',
        metadata: r.metadata ?? null,
        ...(r.user === undefined ? {} : { user: r.user }),
    };
}
/** Chat usage -> Responses usage (reasoning tokens: the chat conversion's estimate). */
export function toResponseUsage(usage) {
    return {
        input_tokens: usage.prompt_tokens,
        input_tokens_details: {
            cached_tokens: usage.prompt_tokens_details?.cached_tokens ?? 0,
            cache_write_tokens: usage.prompt_tokens_details?.cache_write_tokens ?? 0,
        },
        output_tokens: usage.completion_tokens,
        output_tokens_details: {
            reasoning_tokens: usage.completion_tokens_details?.reasoning_tokens ?? 0,
        },
        total_tokens: usage.total_tokens,
    };
}
/** Sets `output` and `output_text`. */
export function setOutput(response, items) {
    response.output = items;
    response.output_text = items
        .flatMap((item) => (item.type === 'message' ? item.content.map((c) => c.text) : []))
        .join('');
}
/**
 * Sets `status` and `incomplete_details` from the finish reason. No finish reason (events that
 * never said the answer finished) is `incomplete`, never `completed`.
 */
export function finishResponse(response, finish) {
    response.completed_at = Math.floor(Date.now() / 1000);
    if (finish === undefined) {
        response.status = 'incomplete';
    }
    else if (finish === 'length') {
        response.status = 'incomplete';
        response.incomplete_details = { reason: 'max_output_tokens' };
    }
    else if (finish === 'content_filter') {
        response.status = 'incomplete';
        response.incomplete_details = { reason: 'content_filter' };
    }
    else {
        response.status = 'completed';
    }
}
/**
 * A failure as the `error` of a failed response (`code` in OpenAI's vocabulary). The kind comes
 * from the `BedrockBridgeError` transport threw; anything else is a `server_error`, unclassified.
 */
export function responseError(thrown) {
    if (!BedrockBridgeError.is(thrown)) {
        const message = thrown instanceof Error && thrown.message !== '' ? thrown.message : String(thrown);
        return { code: 'server_error', message };
    }
    const error = thrown;
    const code = error.kind === 'rate_limit' || error.kind === 'quota_exceeded'
        ? 'rate_limit_exceeded'
        : error.kind === 'validation' || error.kind === 'context_overflow'
            ? 'invalid_prompt'
            : 'server_error';
    return { code, message: `${error.message} (${error.kind})` };
}
