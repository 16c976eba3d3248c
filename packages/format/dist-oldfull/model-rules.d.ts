import type { AnthropicEffort, CacheLocation, DroppableParam, ReasoningStyle } from './converse-input-options.js';
/** A sampling parameter as Converse names it (`topK` travels in additional fields). */
export type SamplingParam = 'temperature' | 'topP' | 'topK' | 'stopSequences';
/** The one table from Converse's sampling names to the OpenAI fields that carry them. */
export declare const OPENAI_SAMPLING_FIELD: Readonly<Record<SamplingParam, DroppableParam | undefined>>;
/**
 * The facts about one model that decide what a request may carry. `@bedrock-bridge/models`'
 * `getModelCapabilities(id)` (and `resolveModelId(id).capabilities`) returns exactly this shape,
 * so pass it as the `rules` option; every field is optional for hand-written rules. An explicit
 * option of `toConverseInput` wins over the matching rule.
 */
export interface ModelRules {
    /**
     * A table row describes this model (`'family'`: a row of its family); `maxOutputTokens`
     * applies only then.
     */
    readonly known?: boolean | 'family' | undefined;
    /** Largest `maxTokens` the model accepts. */
    readonly maxOutputTokens?: number | undefined;
    readonly toolUse?: boolean | undefined;
    /** `tool_choice` `required` / a named tool is accepted (otherwise only `auto`). */
    readonly forcedToolChoice?: boolean | undefined;
    /** Takes Anthropic's `tool_choice.disable_parallel_tool_use` (for `parallel_tool_calls: false`). */
    readonly disableParallelToolUse?: boolean | undefined;
    /** How reasoning is switched on (`always`: it reasons with no switch). */
    readonly reasoning?: ReasoningStyle | 'openai-reasoning-effort' | 'always' | undefined;
    /** With `reasoning: 'anthropic-thinking'`: takes adaptive thinking (budgets deprecated). */
    readonly adaptiveThinking?: boolean | undefined;
    /** Effort levels adaptive thinking takes. */
    readonly adaptiveEfforts?: readonly AnthropicEffort[] | undefined;
    readonly promptCaching?: {
        readonly locations: readonly CacheLocation[];
        readonly maxCachePoints: number;
        readonly ttls: readonly ('5m' | '1h')[];
    } | undefined;
    /** Highest temperature accepted through Converse (0..1). */
    readonly maxTemperature?: number | undefined;
    /** Native structured output through `outputConfig` (else a forced tool). */
    readonly nativeStructuredOutput?: boolean | undefined;
    /** Sampling parameters the model always rejects. */
    readonly rejectedParams?: readonly SamplingParam[] | undefined;
    /** Sampling parameters it rejects while reasoning is on. */
    readonly rejectedWithReasoning?: readonly SamplingParam[] | undefined;
    /** Groups of which at most one member may be sent. */
    readonly exclusiveParams?: readonly (readonly SamplingParam[])[] | undefined;
    readonly supportsPrefill?: boolean | undefined;
}
/** The OpenAI fields of some sampling parameters (those that have one). */
export declare function openAIFields(params: readonly SamplingParam[]): DroppableParam[];
/** The model's reasoning style as `toConverseInput`'s `reasoning` option spells it. */
export declare function reasoningStyleOf(rules: ModelRules): ReasoningStyle | undefined;
