import type { GuardrailStreamConfiguration, PerformanceConfiguration, ServiceTier } from '@aws-sdk/client-bedrock-runtime';
import type { ModelRules } from './model-rules.js';
import type { ParamPolicy } from './param-policy.js';
/**
 * How a model family takes `reasoning_effort`:
 * - `anthropic-thinking`: `additionalModelRequestFields.thinking = { type: 'enabled', budget_tokens }`
 * - `anthropic-adaptive`: `additionalModelRequestFields.thinking = { type: 'adaptive' }` and
 *   `output_config = { effort }` (Claude Opus 4.6, Sonnet 4.6 and later; the only thinking
 *   Opus 4.7 and later take)
 * - `nova-reasoning`: `additionalModelRequestFields.reasoningConfig = { type: 'enabled', maxReasoningEffort }`
 * - `passthrough`: `additionalModelRequestFields.reasoning_effort = <effort>` (e.g. gpt-oss)
 * - `none`: the model does not reason; a `reasoning_effort` other than `none` is an error
 *   (or dropped under `paramPolicy: 'drop'`), and reasoning blocks are not replayed.
 */
export type ReasoningStyle = 'anthropic-thinking' | 'anthropic-adaptive' | 'nova-reasoning' | 'passthrough' | 'none';
/** Anthropic's effort levels (`output_config.effort`). */
export type AnthropicEffort = 'low' | 'medium' | 'high' | 'xhigh' | 'max';
/** Where a model accepts `cachePoint` blocks. */
export type CacheLocation = 'system' | 'messages' | 'tools';
/** OpenAI request fields a model may reject; listed ones are dropped (see `rejectedParams`). */
export type DroppableParam = 'temperature' | 'top_p' | 'stop' | 'max_tokens';
export interface PromptCachingOptions {
    /** Where cache points may go. Default: all of `system`, `messages`, `tools`. */
    locations?: readonly CacheLocation[];
    /**
     * Add cache points automatically: after the system prompt, after the tool definitions and at
     * the end of the last user turn (within the allowed locations). Default: `false` (only
     * explicit `cache_control` / `prompt_cache_breakpoint` markers become cache points).
     */
    automatic?: boolean;
    /** The most cache points one request may carry (Anthropic allows 4). Default: `4`. */
    maxCachePoints?: number;
    /** TTL for automatic cache points. Default: unset (the service default, 5 minutes). */
    ttl?: '5m' | '1h';
}
/**
 * Options of `toConverseInput`: capability facts about the target model (usually from
 * `@bedrock-bridge/models`' `getModelCapabilities`) and passthrough Converse fields.
 * No option reads an environment variable.
 */
export interface ToConverseInputOptions {
    /** The Bedrock model id or inference profile to call. Default: `request.model`. */
    modelId?: string;
    /**
     * The target model's rules: `getModelCapabilities(modelId)` (or `resolveModelId(...)
     * .capabilities`) from `@bedrock-bridge/models`. They fill in every option below that is left
     * unset (tool use, reasoning style, caching, structured output, temperature and output limits,
     * rejected parameters) and add the rules that have no option of their own: exclusive sampling
     * parameters, forced tool choice, cache TTLs, `disable_parallel_tool_use`. Default: none (only
     * the explicit options apply).
     */
    rules?: ModelRules;
    /**
     * What to do with a field the model cannot take as sent (see `ParamPolicy`): `'reject'` throws
     * a `validation` error naming the field; `'drop'` leaves unsupported fields out (listed in
     * `dropped`) and clamps out-of-range values (a `warnings` entry names the field).
     * Default: `'reject'` (or `'drop'` when the legacy `dropUnsupportedParams` is set).
     */
    paramPolicy?: ParamPolicy;
    /**
     * Whether the model supports tool use. When `false`, tools are not offered and any tool
     * calls/results in the history are rendered as text so the input stays valid. Default: `true`.
     */
    supportsToolUse?: boolean;
    /** How the model takes `reasoning_effort` (see `ReasoningStyle`). Default: `'none'`. */
    reasoning?: ReasoningStyle;
    /**
     * Thinking budgets (tokens) per effort for `anthropic-thinking`. Default: minimal 1024,
     * low 2048, medium 8192, high 16384, xhigh 32768, max 63999.
     */
    reasoningBudgets?: Partial<Record<'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max', number>>;
    /**
     * Effort levels the model takes with `anthropic-adaptive` (models' `adaptiveEfforts`).
     * `reasoning_effort` maps minimal -> low, low, medium, high, xhigh, max as named; a level the
     * model lacks becomes the nearest lower one it has, with a `warnings` entry.
     * Default: `['low', 'medium', 'high', 'max']`.
     */
    adaptiveEfforts?: readonly AnthropicEffort[];
    /**
     * `maxTokens` sent when the request sets none but reasoning needs room (thinking budget +
     * this, at most `maxOutputTokens`). Default: `4096`.
     */
    defaultMaxTokens?: number;
    /**
     * The model's output limit in tokens (from `@bedrock-bridge/models` capabilities). A requested
     * `max_tokens`/`max_completion_tokens` above it is a `validation` error (code
     * `max_tokens_out_of_range`, clamped to the limit under `paramPolicy: 'drop'`); a `maxTokens` computed for a
     * thinking budget never exceeds it, and the budget is lowered to fit (a `warnings` entry says
     * so). Must be a positive integer. Default: none (no limit is applied).
     */
    maxOutputTokens?: number;
    /**
     * Prompt caching support; `false`/unset leaves cache markers out (a `warnings` entry names the
     * first). Default: from `rules`, else `false`.
     */
    promptCaching?: PromptCachingOptions | boolean;
    /**
     * Whether a trailing assistant message may be sent as a prefill. Never while Anthropic
     * thinking is sent (Anthropic rejects it): the message is then followed by a `(continue)` user
     * turn, as without prefill, and a `warnings` entry says so. Default: `false`.
     */
    supportsPrefill?: boolean;
    /**
     * How `response_format: json_schema | json_object` is honoured: `output-config` uses
     * Converse's `outputConfig.textFormat` (native structured output); `tool` forces a tool whose
     * input schema is the requested schema, and the answer side turns its input back into text.
     * Default: `'output-config'`.
     */
    structuredOutput?: 'output-config' | 'tool';
    /** @deprecated Same as `paramPolicy: 'drop'`. Default: `false`. */
    dropUnsupportedParams?: boolean;
    /**
     * The highest `temperature` the model takes through Converse (models' `maxTemperature`).
     * Converse's `inferenceConfig.temperature` is limited to 0..1 for every model, while OpenAI
     * allows 0..2: a request above this maximum is a `validation` error (code
     * `temperature_out_of_range`), or clamped to it under `paramPolicy: 'drop'`.
     * Must be above 0 and at most 1. Default: `1`.
     */
    maxTemperature?: number;
    /**
     * Send `maxTemperature` instead of a higher requested `temperature`, with a note in the
     * result's `warnings`, even under `paramPolicy: 'reject'`. Default: `false`.
     */
    clampTemperature?: boolean;
    /**
     * Sampling fields this model rejects: an error under `paramPolicy: 'reject'`, dropped and
     * listed in `dropped` under `'drop'`. Default: from `rules`, else `[]`.
     */
    rejectedParams?: readonly DroppableParam[];
    /**
     * Bytes of remote images, fetched by the caller (this package does no I/O), keyed by the exact
     * URL in the request. `listRemoteImageUrls(request)` lists the URLs to fetch. Default: none
     * (a remote image URL is then an error).
     */
    imageBytes?: ReadonlyMap<string, Uint8Array> | Readonly<Record<string, Uint8Array>>;
    /** Passed through as `guardrailConfig`. Default: unset. */
    guardrailConfig?: GuardrailStreamConfiguration;
    /** Merged over the fields this package computes (yours win). Default: unset. */
    additionalModelRequestFields?: Record<string, unknown>;
    /** Passed through as `additionalModelResponseFieldPaths`. Default: unset. */
    additionalModelResponseFieldPaths?: string[];
    /** Passed through as `performanceConfig`. Default: unset. */
    performanceConfig?: PerformanceConfiguration;
    /** Passed through as `serviceTier` (wins over the request's `service_tier`). Default: unset. */
    serviceTier?: ServiceTier;
    /** Merged under the request's `metadata` into `requestMetadata`. Default: unset. */
    requestMetadata?: Record<string, string>;
}
