/**
 * The OpenAI chat-completions request shapes this package accepts: our own, minimal and
 * structurally compatible with the `openai` package (its `ChatCompletionCreateParams` is
 * assignable to `ChatCompletionRequest`, proved by `openai-compatibility.test.ts`).
 *
 * Extension fields (not in OpenAI's API) are marked "Extension" below.
 */
/** Anthropic-style prompt-cache marker on a content part or a tool (Extension). */
export interface CacheControl {
    type: 'ephemeral';
    /** Cache lifetime; Bedrock accepts `5m` and `1h`. */
    ttl?: '5m' | '1h';
}
/** Markers shared by every content part. */
interface CacheMarkers {
    /** Extension: ask for a cache point after this part (only honoured when the model caches). */
    cache_control?: CacheControl | null;
    /** OpenAI's explicit cache breakpoint; treated like `cache_control`. */
    prompt_cache_breakpoint?: {
        mode: 'explicit';
    };
}
export interface ChatCompletionContentPartText extends CacheMarkers {
    type: 'text';
    text: string;
}
export interface ChatCompletionContentPartImage extends CacheMarkers {
    type: 'image_url';
    image_url: {
        url: string;
        detail?: 'auto' | 'low' | 'high';
    };
}
export interface ChatCompletionContentPartInputAudio extends CacheMarkers {
    type: 'input_audio';
    input_audio: {
        data: string;
        format: 'wav' | 'mp3';
    };
}
export interface ChatCompletionContentPartFile extends CacheMarkers {
    type: 'file';
    file: {
        file_data?: string;
        file_id?: string;
        filename?: string;
    };
}
export interface ChatCompletionContentPartRefusal {
    type: 'refusal';
    refusal: string;
}
export type ChatCompletionContentPart = ChatCompletionContentPartText | ChatCompletionContentPartImage | ChatCompletionContentPartInputAudio | ChatCompletionContentPartFile;
export interface ChatCompletionMessageFunctionToolCall {
    id: string;
    type: 'function';
    function: {
        name: string;
        arguments: string;
    };
    /** Extension (on requests): a cache point after this tool call's `toolUse` block. */
    cache_control?: CacheControl | null;
}
export interface ChatCompletionMessageCustomToolCall {
    id: string;
    type: 'custom';
    custom: {
        name: string;
        input: string;
    };
}
export type ChatCompletionMessageToolCall = ChatCompletionMessageFunctionToolCall | ChatCompletionMessageCustomToolCall;
/**
 * Extension: one reasoning block as returned in answers (`message.reasoning_details`) and
 * accepted back on assistant messages so multi-turn thinking can be replayed. The names follow
 * the convention several OpenAI-compatible gateways use.
 */
export type ReasoningDetail = {
    type: 'reasoning.text';
    text: string;
    signature?: string;
    index?: number;
}
/** Redacted (encrypted) reasoning; `data` is base64 of the bytes Bedrock returned. */
 | {
    type: 'reasoning.encrypted';
    data: string;
    index?: number;
};
/** Extension: a cache point after the whole message (Anthropic-style clients send it). */
interface MessageCacheMarker {
    cache_control?: CacheControl | null;
}
export interface ChatCompletionSystemMessageParam extends MessageCacheMarker {
    role: 'system';
    content: string | Array<ChatCompletionContentPartText>;
    name?: string;
}
export interface ChatCompletionDeveloperMessageParam extends MessageCacheMarker {
    role: 'developer';
    content: string | Array<ChatCompletionContentPartText>;
    name?: string;
}
export interface ChatCompletionUserMessageParam extends MessageCacheMarker {
    role: 'user';
    content: string | Array<ChatCompletionContentPart>;
    name?: string;
}
export interface ChatCompletionAssistantMessageParam extends MessageCacheMarker {
    role: 'assistant';
    content?: string | Array<ChatCompletionContentPartText | ChatCompletionContentPartRefusal> | null;
    refusal?: string | null;
    name?: string;
    audio?: {
        id: string;
    } | null;
    /** URL citations of an earlier answer, replayed by clients; listed in `dropped`. */
    annotations?: Array<{
        [key: string]: unknown;
    }> | null;
    tool_calls?: Array<ChatCompletionMessageToolCall>;
    /** Legacy single function call. */
    function_call?: {
        name: string;
        arguments: string;
    } | null;
    /** Extension: reasoning text as returned earlier (not replayed on its own: it has no signature). */
    reasoning_content?: string | null;
    /** Extension: reasoning blocks with signatures / redacted data, replayed to the model. */
    reasoning_details?: Array<ReasoningDetail> | null;
}
export interface ChatCompletionToolMessageParam extends MessageCacheMarker {
    role: 'tool';
    /**
     * Text parts (OpenAI); image and file parts too (Extension: sent as the `toolResult`'s image
     * and document blocks, which Converse takes).
     */
    content: string | Array<ChatCompletionContentPartText | ChatCompletionContentPartImage | ChatCompletionContentPartFile>;
    tool_call_id: string;
    /** Sent by LangChain and the OpenAI cookbook (not in OpenAI's type); listed in `dropped`. */
    name?: string;
}
/** Legacy `function` role: the result of a `function_call`. */
export interface ChatCompletionFunctionMessageParam {
    role: 'function';
    content: string | null;
    name: string;
}
export type ChatCompletionMessageParam = ChatCompletionSystemMessageParam | ChatCompletionDeveloperMessageParam | ChatCompletionUserMessageParam | ChatCompletionAssistantMessageParam | ChatCompletionToolMessageParam | ChatCompletionFunctionMessageParam;
export interface FunctionDefinition {
    name: string;
    description?: string;
    parameters?: {
        [key: string]: unknown;
    };
    strict?: boolean | null;
}
export interface ChatCompletionFunctionTool {
    type: 'function';
    function: FunctionDefinition;
    /** Extension: cache point after this tool definition. */
    cache_control?: CacheControl | null;
}
export interface ChatCompletionCustomTool {
    type: 'custom';
    custom: {
        name: string;
        description?: string;
        format?: unknown;
    };
}
export type ChatCompletionTool = ChatCompletionFunctionTool | ChatCompletionCustomTool;
export type ChatCompletionToolChoiceOption = 'none' | 'auto' | 'required' | {
    type: 'function';
    function: {
        name: string;
    };
} | {
    type: 'custom';
    custom: {
        name: string;
    };
} | {
    type: 'allowed_tools';
    allowed_tools: {
        mode: 'auto' | 'required';
        tools: Array<{
            [key: string]: unknown;
        }>;
    };
};
export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';
export type ResponseFormat = {
    type: 'text';
} | {
    type: 'json_object';
} | {
    type: 'json_schema';
    json_schema: {
        name: string;
        description?: string;
        schema?: {
            [key: string]: unknown;
        };
        strict?: boolean | null;
    };
};
/** An OpenAI chat-completions request (streaming or not). */
export interface ChatCompletionRequest {
    messages: Array<ChatCompletionMessageParam>;
    model: string;
    stream?: boolean | null;
    stream_options?: {
        include_usage?: boolean;
        include_obfuscation?: boolean;
    } | null;
    max_tokens?: number | null;
    max_completion_tokens?: number | null;
    temperature?: number | null;
    top_p?: number | null;
    stop?: string | null | Array<string>;
    tools?: Array<ChatCompletionTool>;
    tool_choice?: ChatCompletionToolChoiceOption;
    parallel_tool_calls?: boolean;
    /** Legacy functions; mapped to tools. */
    functions?: Array<FunctionDefinition>;
    /** Legacy function_call; mapped to tool_choice. */
    function_call?: 'none' | 'auto' | {
        name: string;
    };
    reasoning_effort?: ReasoningEffort | null;
    response_format?: ResponseFormat;
    metadata?: {
        [key: string]: string;
    } | null;
    n?: number | null;
    logprobs?: boolean | null;
    top_logprobs?: number | null;
    logit_bias?: {
        [key: string]: number;
    } | null;
    frequency_penalty?: number | null;
    presence_penalty?: number | null;
    seed?: number | null;
    audio?: unknown;
    modalities?: Array<'text' | 'audio'> | null;
    prediction?: unknown;
    web_search_options?: unknown;
    moderation?: unknown;
    verbosity?: 'low' | 'medium' | 'high' | null;
    service_tier?: 'auto' | 'default' | 'flex' | 'scale' | 'priority' | null;
    store?: boolean | null;
    user?: string;
    safety_identifier?: string | null;
    prompt_cache_key?: string | null;
    prompt_cache_retention?: 'in_memory' | '24h' | null;
    prompt_cache_options?: unknown;
}
export {};
