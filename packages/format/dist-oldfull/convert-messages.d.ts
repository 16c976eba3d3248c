import type { ContentBlock, SystemContentBlock, ToolResultContentBlock } from '@aws-sdk/client-bedrock-runtime';
import { type CacheMark, type ConversionState } from './conversion-state.js';
/** A tool call of an assistant message: its OpenAI id and the unique Bedrock id it was given. */
export interface ToolCallRef {
    callId: string;
    toolUseId: string;
}
/**
 * One converted message, before history repair. A result names the OpenAI `tool_call_id` it
 * answers; `repairHistory` pairs it with a call (ids may repeat in OpenAI histories).
 */
export type HistoryItem = {
    kind: 'user';
    blocks: ContentBlock[];
} | {
    kind: 'assistant';
    blocks: ContentBlock[];
    calls: ToolCallRef[];
} | {
    kind: 'result';
    callId: string;
    content: ToolResultContentBlock[];
    /** A cache marker on the tool message or its parts: a cache point follows the result. */
    cache: CacheMark | undefined;
};
export interface ConvertedMessages {
    system: SystemContentBlock[];
    items: HistoryItem[];
}
/**
 * OpenAI messages -> system blocks + history items. `system`/`developer` go to the system
 * prompt wherever they appear; `tool` and legacy `function` messages become results that
 * `repairHistory` places after the turn that called them.
 */
export declare function convertMessages(messages: unknown, ctx: ConversionState): ConvertedMessages;
