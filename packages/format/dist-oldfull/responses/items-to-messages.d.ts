import type { ChatCompletionMessageParam, ReasoningDetail } from '../openai-request.js';
import type { ResponseInputItem } from './responses-request.js';
/** How items become chat messages: stored items, and the gateway's reasoning seal. */
export interface ItemConversionOptions {
    /**
     * Items of stored responses, by item id: what an `item_reference` points to, and the
     * reasoning of a `reasoning` item sent back without `encrypted_content`. Default: none.
     */
    storedItem?: (id: string) => ResponseInputItem | undefined;
    /**
     * Opens a reasoning item's `encrypted_content` (sealed by the same gateway) into Bedrock's
     * reasoning blocks; `undefined` when it cannot be opened (wrong key, tampered). Default: none
     * (`encrypted_content` is then an error).
     */
    openReasoning?: (sealed: string) => ReasoningDetail[] | undefined;
}
/** Chat messages, and for each one the Responses field it came from (for error `param`s). */
export interface ConvertedItems {
    messages: ChatCompletionMessageParam[];
    /** `messages[i]` -> its Responses param; `tool_calls[k]` -> the function_call item's param. */
    origins: Array<{
        param: string;
        calls: string[];
        reasoning?: string;
    }>;
}
/**
 * Responses input items -> chat messages. Consecutive assistant-side items (assistant messages,
 * function calls, reasoning) become one assistant message, so reasoning, text and tool calls of a
 * turn reach Bedrock in one assistant turn; `function_call_output` items become tool messages.
 */
export declare function itemsToMessages(items: ReadonlyArray<{
    item: unknown;
    param: string;
}>, options: ItemConversionOptions): ConvertedItems;
