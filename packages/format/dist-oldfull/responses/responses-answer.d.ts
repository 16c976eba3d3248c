/**
 * The OpenAI Responses answer shapes this package returns (the `response` object and its
 * stream events): our own, minimal, and usable where the `openai` package's types are expected
 * (proved by `responses-compatibility.test.ts`).
 */
import type { BedrockChoiceExtension } from '../openai-answer.js';
import type { ReasoningEffort } from '../openai-request.js';
import type { ResponseFunctionCallItem, ResponseFunctionTool, ResponseReasoningItem, ResponseTextFormat } from './responses-request.js';
/** `tool_choice` as the answer echoes it. */
export type ResponseToolChoiceAnswer = 'none' | 'auto' | 'required' | {
    type: 'function';
    name: string;
} | {
    type: 'allowed_tools';
    mode: 'auto' | 'required';
    tools: Array<{
        [key: string]: unknown;
    }>;
};
export interface ResponseOutputTextPart {
    type: 'output_text';
    text: string;
    annotations: Array<never>;
    logprobs?: Array<never>;
}
export interface ResponseOutputMessage {
    type: 'message';
    id: string;
    role: 'assistant';
    status: 'in_progress' | 'completed' | 'incomplete';
    content: Array<ResponseOutputTextPart>;
}
export interface ResponseFunctionCall extends ResponseFunctionCallItem {
    id: string;
    status: 'in_progress' | 'completed' | 'incomplete';
}
export interface ResponseReasoning extends ResponseReasoningItem {
    status?: 'in_progress' | 'completed' | 'incomplete';
}
export type ResponseOutputItem = ResponseOutputMessage | ResponseFunctionCall | ResponseReasoning;
export interface ResponseUsage {
    input_tokens: number;
    input_tokens_details: {
        cached_tokens: number;
        cache_write_tokens: number;
    };
    output_tokens: number;
    output_tokens_details: {
        reasoning_tokens: number;
    };
    total_tokens: number;
}
export type ResponseStatus = 'completed' | 'failed' | 'in_progress' | 'incomplete';
/** `error` of a failed response; `code` is one of OpenAI's values. */
export interface ResponseError {
    code: 'server_error' | 'rate_limit_exceeded' | 'invalid_prompt';
    message: string;
}
/** The `response` object. */
export interface Response {
    id: string;
    object: 'response';
    created_at: number;
    completed_at?: number | null;
    status: ResponseStatus;
    error: ResponseError | null;
    incomplete_details: {
        reason?: 'max_output_tokens' | 'content_filter';
    } | null;
    instructions: string | null;
    max_output_tokens: number | null;
    model: string;
    output: Array<ResponseOutputItem>;
    /** The text of the output's message items, concatenated (as the openai SDK computes it). */
    output_text: string;
    parallel_tool_calls: boolean;
    previous_response_id: string | null;
    reasoning: {
        effort: ReasoningEffort | null;
        summary: 'auto' | 'concise' | 'detailed' | null;
    } | null;
    store: boolean;
    temperature: number | null;
    text: {
        format: ResponseTextFormat;
    };
    tool_choice: ResponseToolChoiceAnswer;
    /** The function tools offered (the only kind this package accepts). */
    tools: Array<ResponseFunctionTool>;
    top_p: number | null;
    truncation: 'auto' | 'disabled';
    usage?: ResponseUsage;
    metadata: {
        [key: string]: string;
    } | null;
    user?: string;
    /** Extension: Bedrock's raw stop reason and facts beyond OpenAI's vocabulary. */
    bedrock?: BedrockChoiceExtension;
}
interface Sequenced {
    sequence_number: number;
}
interface WithResponse<T extends string> extends Sequenced {
    type: T;
    response: Response;
}
interface WithItem<T extends string> extends Sequenced {
    type: T;
    output_index: number;
    item: ResponseOutputItem;
}
interface WithPart<T extends string> extends Sequenced {
    type: T;
    item_id: string;
    output_index: number;
    content_index: number;
    part: ResponseOutputTextPart;
}
interface WithSummaryPart<T extends string> extends Sequenced {
    type: T;
    item_id: string;
    output_index: number;
    summary_index: number;
    part: {
        type: 'summary_text';
        text: string;
    };
}
export interface ResponseTextDeltaEvent extends Sequenced {
    type: 'response.output_text.delta';
    item_id: string;
    output_index: number;
    content_index: number;
    delta: string;
    logprobs: Array<never>;
}
export interface ResponseTextDoneEvent extends Sequenced {
    type: 'response.output_text.done';
    item_id: string;
    output_index: number;
    content_index: number;
    text: string;
    logprobs: Array<never>;
}
export interface ResponseFunctionCallArgumentsDeltaEvent extends Sequenced {
    type: 'response.function_call_arguments.delta';
    item_id: string;
    output_index: number;
    delta: string;
}
export interface ResponseFunctionCallArgumentsDoneEvent extends Sequenced {
    type: 'response.function_call_arguments.done';
    item_id: string;
    output_index: number;
    name: string;
    arguments: string;
}
export interface ResponseReasoningSummaryTextDeltaEvent extends Sequenced {
    type: 'response.reasoning_summary_text.delta';
    item_id: string;
    output_index: number;
    summary_index: number;
    delta: string;
}
export interface ResponseReasoningSummaryTextDoneEvent extends Sequenced {
    type: 'response.reasoning_summary_text.done';
    item_id: string;
    output_index: number;
    summary_index: number;
    text: string;
}
export interface ResponseErrorEvent extends Sequenced {
    type: 'error';
    code: string | null;
    message: string;
    param: string | null;
}
/** One server-sent event of a Responses stream. */
export type ResponseStreamEvent = WithResponse<'response.created'> | WithResponse<'response.in_progress'> | WithResponse<'response.completed'> | WithResponse<'response.incomplete'> | WithResponse<'response.failed'> | WithItem<'response.output_item.added'> | WithItem<'response.output_item.done'> | WithPart<'response.content_part.added'> | WithPart<'response.content_part.done'> | ResponseTextDeltaEvent | ResponseTextDoneEvent | ResponseFunctionCallArgumentsDeltaEvent | ResponseFunctionCallArgumentsDoneEvent | WithSummaryPart<'response.reasoning_summary_part.added'> | WithSummaryPart<'response.reasoning_summary_part.done'> | ResponseReasoningSummaryTextDeltaEvent | ResponseReasoningSummaryTextDoneEvent | ResponseErrorEvent;
export {};
