/**
 * Which request field turns a model's reasoning on, if any.
 * - `anthropic-thinking`: `additionalModelRequestFields.thinking = { type: 'enabled', budget_tokens }`
 *   (models with `adaptiveThinking` also accept `{ type: 'adaptive' }`).
 * - `anthropic-adaptive`: only `thinking = { type: 'adaptive' }` with `output_config.effort`
 *   (Claude Opus 4.7 and later: budgets and sampling parameters are refused).
 * - `nova-reasoning`: `additionalModelRequestFields.reasoningConfig = { type: 'enabled', maxReasoningEffort }`.
 * - `openai-reasoning-effort`: `additionalModelRequestFields.reasoning_effort = 'low' | 'medium' | 'high'`.
 * - `always`: the model always reasons and takes no switch (DeepSeek-R1).
 * - `none`: no reasoning output.
 */
export type ReasoningStyle =
  | 'anthropic-thinking'
  | 'anthropic-adaptive'
  | 'nova-reasoning'
  | 'openai-reasoning-effort'
  | 'always'
  | 'none';

export const REASONING_STYLES: readonly ReasoningStyle[] = [
  'anthropic-thinking',
  'anthropic-adaptive',
  'nova-reasoning',
  'openai-reasoning-effort',
  'always',
  'none',
];

/** Anthropic's effort levels, lowest first. */
export type AnthropicEffort = 'low' | 'medium' | 'high' | 'xhigh' | 'max';

/**
 * What a model is for (its task). Only `chat` models work with Converse / ConverseStream;
 * `completion` is a legacy text-completion model, not an OpenAI chat completion.
 */
export type ModelTask =
  | 'chat'
  | 'completion'
  | 'embedding'
  | 'image'
  | 'video'
  | 'rerank'
  | 'speech';

export const MODEL_TASKS: readonly ModelTask[] = [
  'chat',
  'completion',
  'embedding',
  'image',
  'video',
  'rerank',
  'speech',
];

/** @deprecated Renamed `ModelTask` (`kind` names only error kinds). */
export type ModelKind = ModelTask;
/** @deprecated Renamed `MODEL_TASKS`. */
export const MODEL_KINDS: readonly ModelTask[] = MODEL_TASKS;

/** Sampling parameters, named as in Converse `inferenceConfig` (`topK` travels in additional fields). */
export type SamplingParam = 'temperature' | 'topP' | 'topK' | 'stopSequences';

export const SAMPLING_PARAMS: readonly SamplingParam[] = [
  'temperature',
  'topP',
  'topK',
  'stopSequences',
];

/** Where a Converse `cachePoint` block may be placed. */
export type CacheLocation = 'system' | 'messages' | 'tools';

/** Lifetimes a Converse `cachePoint.ttl` may ask for. */
export type CacheTtl = '5m' | '1h';

export const CACHE_TTLS: readonly CacheTtl[] = ['5m', '1h'];

export interface PromptCaching {
  /** Parts of the request that accept a `cachePoint` block. */
  readonly locations: readonly CacheLocation[];
  /** Minimum tokens before a checkpoint (smaller prefixes are not cached). */
  readonly minTokens: number;
  /** Most checkpoints one request may carry. */
  readonly maxCachePoints: number;
  /** Cache lifetimes the model accepts (`5m` is the default lifetime; `1h` only where listed). */
  readonly ttls: readonly CacheTtl[];
}

/** A larger context window reachable with an opt-in (Anthropic beta flag in `additionalModelRequestFields.anthropic_beta`). */
export interface ExtendedContextWindow {
  readonly contextWindow: number;
  readonly anthropicBeta: string;
}

/** @deprecated Renamed `ExtendedContextWindow` ("context" is the context window only). */
export type ExtendedContext = ExtendedContextWindow;

/** How a lookup found its facts. */
export type FactsMatch =
  /** A table row for exactly this model (any date, version or region prefix). */
  | 'exact'
  /** A row for a related model of the same family (e.g. a newer point release): facts are a best guess. */
  | 'family'
  /** No row: the documented conservative defaults. */
  | 'none';

/** @deprecated Renamed `FactsMatch`. */
export type MatchKind = FactsMatch;

/** Everything this package knows about a model; the facts `format` takes as options. */
export interface ModelCapabilities {
  /** The id that was looked up, unchanged. */
  readonly modelId: string;
  /** The foundation-model id the lookup used (region prefix and ARN removed, lower case). */
  readonly lookupId: string;
  /**
   * `true` when a table row describes exactly this model; `'family'` when the model is not in
   * the table but its family is (a newer Claude, Nova, Llama...): the facts are the family's
   * newest row's, and `source` says so; `false` for the conservative defaults.
   */
  readonly known: boolean | 'family';
  readonly match: FactsMatch;
  /** The table row used (undefined for defaults). */
  readonly matchedKey: string | undefined;
  readonly name: string;
  /** Provider segment of the id (`anthropic`, `amazon`, `meta`, ...). */
  readonly provider: string;
  /** What the model is for: `chat`, `embedding`, ... */
  readonly task: ModelTask;
  /** @deprecated Renamed `task` (`kind` names only error kinds). */
  readonly kind: ModelTask;
  /** True when the model can be used with Converse / ConverseStream for chat. */
  readonly chat: boolean;
  /** Input + output tokens the model accepts per request (a `:200k`-style id suffix wins). */
  readonly contextWindow: number;
  /** Largest `maxTokens` the model accepts. */
  readonly maxOutputTokens: number;
  /** A larger window behind an opt-in, if any. */
  readonly extendedContext: ExtendedContextWindow | undefined;
  readonly systemPrompt: boolean;
  readonly toolUse: boolean;
  /** Tool use also works with ConverseStream (otherwise call Converse when tools are present). */
  readonly streamingToolUse: boolean;
  /** `toolChoice` `any` / `tool` is accepted (otherwise only `auto`). */
  readonly forcedToolChoice: boolean;
  /**
   * Takes Anthropic's `tool_choice.disable_parallel_tool_use` in `additionalModelRequestFields`
   * (every Anthropic model with tool use): how OpenAI's `parallel_tool_calls: false` is honoured.
   */
  readonly disableParallelToolUse: boolean;
  readonly vision: boolean;
  readonly documents: boolean;
  readonly video: boolean;
  readonly reasoning: ReasoningStyle;
  /** Accepts `thinking: { type: 'adaptive' }` (Claude 4.6 and later). */
  readonly adaptiveThinking: boolean;
  /**
   * Effort levels (`output_config.effort`) the model takes with adaptive thinking, lowest first;
   * empty when it has none. Claude 4.6: low..max; Opus 4.7 and later add `xhigh`.
   */
  readonly adaptiveEfforts: readonly AnthropicEffort[];
  /** Explicit prompt caching with `cachePoint` blocks, or undefined when unsupported. */
  readonly promptCaching: PromptCaching | undefined;
  /**
   * Highest `inferenceConfig.temperature` accepted through Converse. 1 for every model: the
   * Converse API limits the field to 0..1 even where a model's native API goes to 2 (Jamba).
   */
  readonly maxTemperature: number;
  /**
   * Native structured output: Converse `outputConfig.textFormat` (`json_schema`) is accepted.
   * Otherwise a JSON-schema answer needs a forced tool (`forcedToolChoice`), or is unavailable.
   */
  readonly nativeStructuredOutput: boolean;
  /** Sampling parameters the model always rejects. */
  readonly rejectedParams: readonly SamplingParam[];
  /** Sampling parameters to drop while reasoning is on. */
  readonly rejectedWithReasoning: readonly SamplingParam[];
  /** Groups of which at most one member may be sent (e.g. temperature and topP on Claude 4.5). */
  readonly exclusiveParams: readonly (readonly SamplingParam[])[];
  /** A final assistant message is continued (prefill). Never with Anthropic thinking on. */
  readonly supportsPrefill: boolean;
  /**
   * Callable by its bare id on demand (ON_DEMAND) where it is offered. False: use an inference
   * profile (required, or preferred because on-demand exists in only a few regions). Discovery
   * data, when given to `resolveModelId`, wins over this table fact.
   */
  readonly onDemand: boolean;
  /** Geographic profile prefixes known to exist (`us`, `eu`, `global`, ...); empty when none or unknown. */
  readonly profiles: readonly string[];
  /** Where the facts come from. */
  readonly source: string;
}
