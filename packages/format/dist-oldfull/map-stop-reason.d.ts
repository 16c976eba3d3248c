import type { FinishReason } from './openai-answer.js';
/** A Bedrock stop reason in OpenAI terms. */
export interface MappedStopReason {
    finish_reason: FinishReason;
    /** True when `finish_reason` cannot say what happened (see the raw reason in the extension). */
    unmapped: boolean;
}
/**
 * Bedrock `stopReason` -> OpenAI `finish_reason`:
 * end_turn, stop_sequence -> stop; tool_use -> tool_calls (`stop` when the answer holds no tool
 * call, e.g. the structured-output tool's input became the text); max_tokens,
 * model_context_window_exceeded -> length; content_filtered, guardrail_intervened ->
 * content_filter. malformed_tool_use, malformed_model_output and unknown reasons have no OpenAI
 * value: they map to `tool_calls` (when the answer holds tool calls) or `stop`, flagged
 * `unmapped` so the raw reason is reported next to it.
 */
export declare function mapStopReason(stopReason: string | undefined, hasToolCalls: boolean): MappedStopReason;
