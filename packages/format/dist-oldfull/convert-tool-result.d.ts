import type { ToolResultContentBlock } from '@aws-sdk/client-bedrock-runtime';
import { type CacheMark, type ConversionState } from './conversion-state.js';
/** A tool message's content as `toolResult` content, and the cache marker it carries. */
export interface ConvertedToolResult {
    content: ToolResultContentBlock[];
    cache: CacheMark | undefined;
}
/**
 * A tool message's content -> `toolResult` content blocks: text parts as text (blank ones
 * dropped), image and file parts as the image and document blocks Converse takes inside a tool
 * result. A cache marker on the message or on any part asks for a cache point after the result
 * (cache points cannot sit inside it); the last marker's TTL wins.
 */
export declare function convertToolResult(message: {
    content?: unknown;
    cache_control?: unknown;
}, ctx: ConversionState, param: string): ConvertedToolResult;
