/**
 * The OpenAI chat-completions answer shapes this package returns (`chat.completion` and
 * `chat.completion.chunk`): our own, minimal and structurally compatible with the `openai`
 * package in both directions (proved by `openai-compatibility.test.ts`).
 *
 * Extension fields (not in OpenAI's API) are marked "Extension" below.
 */
import type { ChatCompletionMessageToolCall, ReasoningDetail } from './openai-request.js';
/** OpenAI's log-probability shape (never produced here; present for compatibility). */
export interface TokenLogprob {
    token: string;
    bytes: Array<number> | null;
    logprob: number;
    top_logprobs: Array<{
        token: string;
        bytes: Array<number> | null;
        logprob: number;
    }>;
}
export interface ChoiceLogprobs {
    content: Array<TokenLogprob> | null;
    refusal: Array<TokenLogprob> | null;
}
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';
export interface CompletionUsage {
    prompt_tokens: number;
    completion_tokens: number;
    total_tokens: number;
    prompt_tokens_details?: {
        cached_tokens?: number;
        cache_write_tokens?: number;
        /** Extension (Anthropic's names): cache writes per TTL, from Bedrock's `cacheDetails`. */
        cache_creation?: {
            ephemeral_5m_input_tokens: number;
            ephemeral_1h_input_tokens: number;
        };
        audio_tokens?: number;
    };
    completion_tokens_details?: {
        reasoning_tokens?: number;
        audio_tokens?: number;
        accepted_prediction_tokens?: number;
        rejected_prediction_tokens?: number;
    };
}
/**
 * Extension on each answer choice: what Bedrock said beyond OpenAI's vocabulary.
 * `stop_reason` is always Bedrock's raw stop reason, so `malformed_tool_use` and unknown reasons
 * stay visible even though `finish_reason` must be one of OpenAI's values.
 */
export interface BedrockChoiceExtension {
    stop_reason: string;
    /** Set when `finish_reason` could not express the stop reason faithfully. */
    unmapped_stop_reason?: boolean;
    citations?: unknown[];
    trace?: unknown;
    additional_model_response_fields?: unknown;
    /**
     * Tools the service ran itself (`toolUse.type: 'server_tool_use'`, e.g. Nova web grounding):
     * reported here, never as `tool_calls`, since the client has no such tool to run.
     */
    server_tool_uses?: ServerToolUse[];
    /**
     * Text the model wrote next to the structured-output tool call (`response_format` through a
     * forced tool): kept out of `content`, which holds only the JSON.
     */
    structured_output_preamble?: string;
}
/** A tool use the service ran itself. `input` is the parsed JSON input (the raw text if broken). */
export interface ServerToolUse {
    id: string;
    name: string;
    input: unknown;
}
export interface ChatCompletionMessage {
    role: 'assistant';
    content: string | null;
    refusal: string | null;
    tool_calls?: Array<ChatCompletionMessageToolCall>;
    function_call?: {
        name: string;
        arguments: string;
    } | null;
    /** Extension: the reasoning text, concatenated. */
    reasoning_content?: string | null;
    /** Extension: reasoning blocks with signature / redacted data (send them back to replay). */
    reasoning_details?: Array<ReasoningDetail> | null;
}
export interface ChatCompletionChoice {
    index: number;
    message: ChatCompletionMessage;
    finish_reason: FinishReason;
    /** Always `null`: Bedrock returns no log probabilities. */
    logprobs: ChoiceLogprobs | null;
    /** Extension: Bedrock facts (raw stop reason, citations, guardrail trace). */
    bedrock?: BedrockChoiceExtension;
}
export interface ChatCompletion {
    id: string;
    object: 'chat.completion';
    created: number;
    model: string;
    choices: Array<ChatCompletionChoice>;
    usage?: CompletionUsage;
    system_fingerprint?: string;
    service_tier?: 'auto' | 'default' | 'flex' | 'scale' | 'priority' | null;
}
export interface ChatCompletionChunkToolCall {
    index: number;
    id?: string;
    type?: 'function';
    function?: {
        name?: string;
        arguments?: string;
    };
}
export interface ChatCompletionChunkDelta {
    role?: 'developer' | 'system' | 'user' | 'assistant' | 'tool';
    content?: string | null;
    refusal?: string | null;
    tool_calls?: Array<ChatCompletionChunkToolCall>;
    function_call?: {
        name?: string;
        arguments?: string;
    };
    /** Extension: a fragment of reasoning text. */
    reasoning_content?: string | null;
    /** Extension: fragments of reasoning blocks, merged by `index`. */
    reasoning_details?: Array<ReasoningDetail> | null;
}
export interface ChatCompletionChunkChoice {
    index: number;
    delta: ChatCompletionChunkDelta;
    finish_reason: FinishReason | null;
    logprobs?: ChoiceLogprobs | null;
    /** Extension: present on the chunk that carries `finish_reason`. */
    bedrock?: BedrockChoiceExtension;
}
export interface ChatCompletionChunk {
    id: string;
    object: 'chat.completion.chunk';
    created: number;
    model: string;
    choices: Array<ChatCompletionChunkChoice>;
    usage?: CompletionUsage | null;
    system_fingerprint?: string;
    service_tier?: 'auto' | 'default' | 'flex' | 'scale' | 'priority' | null;
}
