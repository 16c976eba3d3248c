import type { ConverseStreamCommandInput } from '@aws-sdk/client-bedrock-runtime';
import type { ConversionState } from './conversion-state.js';
type Input = ConverseStreamCommandInput;
/**
 * Automatic cache points (after the system prompt, after the tools, at the end of the last user
 * turn) when the options ask for them, then at most `maxCachePoints` kept: the latest ones win,
 * because a later cache point covers a longer prefix.
 */
export declare function applyCachePoints(input: Input, ctx: ConversionState): void;
export {};
