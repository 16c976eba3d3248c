import type { ContentBlock } from '@aws-sdk/client-bedrock-runtime';
import { type ConversionState } from './conversion-state.js';
/** A text block, or nothing when the text is empty or whitespace only (Bedrock rejects those). */
export declare function textBlocks(text: string): ContentBlock[];
/** A cache point block (with the marker's TTL when it has one). */
export declare function cachePointBlock(ttl: '5m' | '1h' | undefined): ContentBlock.CachePointMember;
/**
 * One user content part -> Converse blocks (none for blank text), followed by a cache point
 * when the part carries a marker and the model caches message content.
 */
export declare function convertUserPart(part: unknown, ctx: ConversionState, param: string): ContentBlock[];
/** Message content (string or parts) -> blocks, every part converted with its own `param`. */
export declare function convertUserContent(content: unknown, ctx: ConversionState, param: string): ContentBlock[];
/** Text of a text-only content (tool results, system prompts), parts joined with newlines. */
export declare function textOfContent(content: unknown, param: string): string;
