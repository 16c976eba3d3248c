/**
 * The OpenAI Responses request shapes this package accepts (`POST /v1/responses`): our own,
 * minimal and structurally compatible with the `openai` package (its input items, tools and
 * request fields are assignable to these, proved by `responses-compatibility.test.ts`).
 */
import type { ReasoningEffort } from '../openai-request.js';
export interface ResponseInputText {
    type: 'input_text';
    text: string;
}
export interface ResponseInputImage {
    type: 'input_image';
    /** A `data:` URL, or a remote URL the caller fetched (`imageBytes`). */
    image_url?: string | null;
    /** Files uploaded to OpenAI: not available here (an error names the field). */
    file_id?: string | null;
    detail?: 'low' | 'high' | 'auto' | 'original';
}
export interface ResponseInputFile {
    type: 'input_file';
    /** A base64 `data:` URL (or bare base64) of the document. */
    file_data?: string;
    filename?: string;
    /** Not available here (an error names the field). */
    file_id?: string | null;
    /** Not available here (an error names the field). */
    file_url?: string;
    detail?: 'auto' | 'low' | 'high';
}
/** Assistant text replayed from an earlier answer. */
export interface ResponseOutputText {
    type: 'output_text';
    text: string;
    annotations?: unknown[];
    logprobs?: unknown[];
}
export interface ResponseOutputRefusal {
    type: 'refusal';
    refusal: string;
}
export type ResponseInputContent = ResponseInputText | ResponseInputImage | ResponseInputFile;
/** A message item (`EasyInputMessage`, input message or replayed output message). */
export interface ResponseMessageItem {
    type?: 'message';
    id?: string;
    role: 'user' | 'assistant' | 'system' | 'developer';
    content: string | Array<ResponseInputContent | ResponseOutputText | ResponseOutputRefusal | {
        type: string;
    }>;
    status?: 'in_progress' | 'completed' | 'incomplete';
    phase?: 'commentary' | 'final_answer' | null;
}
export interface ResponseFunctionCallItem {
    type: 'function_call';
    id?: string;
    call_id: string;
    name: string;
    arguments: string;
    namespace?: string;
    status?: 'in_progress' | 'completed' | 'incomplete';
}
export interface ResponseFunctionCallOutputItem {
    type: 'function_call_output';
    id?: string | null;
    call_id: string;
    output: string | Array<ResponseInputContent | {
        type: string;
    }>;
    status?: 'in_progress' | 'completed' | 'incomplete' | null;
}
export interface ResponseReasoningItem {
    type: 'reasoning';
    id: string;
    summary: Array<{
        type: 'summary_text';
        text: string;
    }>;
    content?: Array<{
        type: 'reasoning_text';
        text: string;
    }>;
    /**
     * Bedrock's reasoning blocks (text, signature, redacted bytes), sealed by the gateway
     * (authenticated encryption): opaque to the client, replayed to Bedrock when sent back.
     */
    encrypted_content?: string | null;
    status?: 'in_progress' | 'completed' | 'incomplete';
}
/** A reference to an item of a stored response (resolved by the caller, see `itemIds`). */
export interface ResponseItemReference {
    type?: 'item_reference' | null;
    id: string;
}
/** The input items this package understands; any other `type` is an error naming the item. */
export type ResponseInputItem = ResponseMessageItem | ResponseFunctionCallItem | ResponseFunctionCallOutputItem | ResponseReasoningItem | ResponseItemReference;
export interface ResponseFunctionTool {
    type: 'function';
    name: string;
    description?: string | null;
    parameters: {
        [key: string]: unknown;
    } | null;
    strict: boolean | null;
}
/** Tools other than functions (web search, file search, ...) are not available on Bedrock. */
export type ResponseTool = ResponseFunctionTool | {
    type: string;
};
export type ResponseToolChoice = 'none' | 'auto' | 'required' | {
    type: 'function';
    name: string;
} | {
    type: 'allowed_tools';
    mode: 'auto' | 'required';
    tools: Array<{
        [key: string]: unknown;
    }>;
} | {
    type: string;
};
export type ResponseTextFormat = {
    type: 'text';
} | {
    type: 'json_object';
} | {
    type: 'json_schema';
    name: string;
    schema: {
        [key: string]: unknown;
    };
    description?: string;
    strict?: boolean | null;
};
export interface ResponseReasoningParam {
    effort?: ReasoningEffort | null;
    /** Accepted; the reasoning text Bedrock returns is always given as the summary. */
    summary?: 'auto' | 'concise' | 'detailed' | null;
    generate_summary?: 'auto' | 'concise' | 'detailed' | null;
}
/** An OpenAI Responses request. */
export interface ResponsesRequest {
    model?: string;
    input?: string | Array<ResponseInputItem>;
    instructions?: string | null;
    tools?: Array<ResponseTool>;
    tool_choice?: ResponseToolChoice;
    parallel_tool_calls?: boolean | null;
    text?: {
        format?: ResponseTextFormat;
        verbosity?: 'low' | 'medium' | 'high' | null;
    } | null;
    reasoning?: ResponseReasoningParam | null;
    max_output_tokens?: number | null;
    temperature?: number | null;
    top_p?: number | null;
    metadata?: {
        [key: string]: string;
    } | null;
    /** `disabled` (the default) is all Bedrock does: `auto` is unsupported. */
    truncation?: 'auto' | 'disabled' | null;
    include?: Array<string> | null;
    /** Whether the caller keeps the response (the gateway's store). Default `true`. */
    store?: boolean | null;
    previous_response_id?: string | null;
    stream?: boolean | null;
    stream_options?: {
        include_obfuscation?: boolean;
    } | null;
    user?: string;
    safety_identifier?: string;
    prompt_cache_key?: string;
    prompt_cache_retention?: 'in_memory' | '24h' | null;
    service_tier?: 'auto' | 'default' | 'flex' | 'scale' | 'priority' | null;
    top_logprobs?: number | null;
    max_tool_calls?: number | null;
    background?: boolean | null;
    conversation?: unknown;
    prompt?: unknown;
    context_management?: unknown;
}
