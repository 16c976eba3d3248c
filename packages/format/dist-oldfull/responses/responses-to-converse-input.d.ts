import type { ToConverseInputOptions } from '../converse-input-options.js';
import type { ChatCompletionRequest } from '../openai-request.js';
import { type ConverseInputResult } from '../to-converse-input.js';
import { type ItemConversionOptions } from './items-to-messages.js';
import type { ResponseInputItem, ResponsesRequest } from './responses-request.js';
/** Options of `responsesToConverseInput`: the chat conversion's options, plus the item sources. */
export interface ResponsesInputOptions extends ToConverseInputOptions, ItemConversionOptions {
    /**
     * The conversation so far, when the request continues one (`previous_response_id`): the
     * earlier input and output items, in order, placed before `input`. Default: none.
     */
    history?: readonly ResponseInputItem[];
}
/** What `responsesToConverseInput` returns: the chat conversion's result for the same request. */
export interface ResponsesInputResult extends ConverseInputResult {
    /** The chat request the Responses request became (what the conversion converted). */
    chatRequest: ChatCompletionRequest;
}
/**
 * Converts an OpenAI Responses request into a Converse(Stream) input through the same
 * conversion as chat completions (content parts, tools, reasoning, caching, history repair):
 * the items become chat messages first. Pure and synchronous; throws a `validation`
 * `BedrockBridgeError` whose `param` names the Responses field at fault (`input[2].content[0]`).
 * `store` and `previous_response_id` are the caller's (see `history`, `storedItem`).
 */
export declare function responsesToConverseInput(request: ResponsesRequest, options?: ResponsesInputOptions): ResponsesInputResult;
