import type { CacheLocation, ToConverseInputOptions } from './converse-input-options.js';
import { type ModelRules } from './model-rules.js';
import type { ReasoningEffort } from './openai-request.js';
import { ToolNameMap } from './tool-names.js';
import { ToolUseIds } from './tool-use-ids.js';
/** Mutable state shared by the converters during one `toConverseInput` call. */
export interface ConversionState {
    /** The options with the `rules` they leave open filled in (explicit options win). */
    readonly options: ToConverseInputOptions;
    /** The model's rules (`options.rules`), `{}` when none were given. */
    readonly rules: ModelRules;
    readonly toolNames: ToolNameMap;
    /** Unique Bedrock tool-use ids for the conversation's tool calls. */
    readonly toolUseIds: ToolUseIds;
    readonly documentNames: Set<string>;
    /** Images and documents converted so far (Converse counts them per request). */
    readonly attachments: {
        images: number;
        documents: number;
    };
    /** Request fields dropped (unsupported by the model, with the options' consent). */
    readonly dropped: string[];
    /** Adjustments made with the options' consent (e.g. temperature clamped). */
    readonly warnings: string[];
    /** Whether cache markers at this location become cache points. */
    cacheAllowed(location: CacheLocation): boolean;
    /** Whether reasoning blocks on earlier assistant turns are replayed. */
    readonly replayReasoning: boolean;
}
/**
 * The one place a model's rules become conversion settings: each setting an explicit option
 * leaves unset is taken from `rules`.
 */
export declare function effectiveOptions(options: ToConverseInputOptions, effort: ReasoningEffort | null | undefined): ToConverseInputOptions;
export declare function createConversionState(given: ToConverseInputOptions, effort?: ReasoningEffort | null): ConversionState;
/** True when an OpenAI part or tool carries a cache marker. */
export declare function hasCacheMarker(part: unknown): boolean;
/** The TTL asked by a cache marker, if any. */
export declare function cacheTtl(part: unknown): '5m' | '1h' | undefined;
/** A cache marker found on a part, message or tool call: the TTL it asks (unset: the default). */
export interface CacheMark {
    ttl: '5m' | '1h' | undefined;
}
/** The cache marker of an OpenAI part, message, tool call or tool, if it carries one. */
export declare function cacheMarkOf(value: unknown): CacheMark | undefined;
