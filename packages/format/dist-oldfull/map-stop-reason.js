/**
 * Bedrock `stopReason` -> OpenAI `finish_reason`:
 * end_turn, stop_sequence -> stop; tool_use -> tool_calls (`stop` when the answer holds no tool
 * call, e.g. the structured-output tool's input became the text); max_tokens,
 * model_context_window_exceeded -> length; content_filtered, guardrail_intervened ->
 * content_filter. malformed_tool_use, malformed_model_output and unknown reasons have no OpenAI
 * value: they map to `tool_calls` (when the answer holds tool calls) or `stop`, flagged
 * `unmapped` so the raw reason is reported next to it.
 */
export function mapStopReason(stopReason, hasToolCalls) {
    switch (stopReason) {
        case 'end_turn':
        case 'stop_sequence':
            return { finish_reason: hasToolCalls ? 'tool_calls' : 'stop', unmapped: false };
        case 'tool_use':
            return { finish_reason: hasToolCalls ? 'tool_calls' : 'stop', unmapped: false };
        case 'max_tokens':
        case 'model_context_window_exceeded':
            return { finish_reason: 'length', unmapped: false };
        case 'content_filtered':
        case 'guardrail_intervened':
            return { finish_reason: 'content_filter', unmapped: false };
        default:
            return { finish_reason: hasToolCalls ? 'tool_calls' : 'stop', unmapped: true };
    }
}
