import type { CacheLocation, ToConverseInputOptions } from './converse-input-options.js';
import { type ModelRules, openAIFields, reasoningStyleOf } from './model-rules.js';
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
  readonly attachments: { images: number; documents: number };
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
export function effectiveOptions(
  options: ToConverseInputOptions,
  effort: ReasoningEffort | null | undefined,
): ToConverseInputOptions {
  const rules = options.rules;
  if (rules === undefined) return options;
  // A copy made by `Object.assign` takes the properties set below at V8's fast path; a spread
  // copy turned each of those additions into a slow one (about 9 µs a request on Node 20). The
  // copies are the same except for an own `__proto__` key, which only a spread keeps as a key.
  const out: ToConverseInputOptions = Object.hasOwn(options, '__proto__')
    ? { ...options }
    : Object.assign({}, options);
  const reasoning = reasoningStyleOf(rules);
  if (out.reasoning === undefined && reasoning !== undefined) out.reasoning = reasoning;
  if (out.adaptiveEfforts === undefined && (rules.adaptiveEfforts?.length ?? 0) > 0)
    out.adaptiveEfforts = rules.adaptiveEfforts as NonNullable<typeof rules.adaptiveEfforts>;
  if (out.supportsToolUse === undefined && rules.toolUse !== undefined)
    out.supportsToolUse = rules.toolUse;
  if (out.supportsPrefill === undefined && rules.supportsPrefill !== undefined)
    out.supportsPrefill = rules.supportsPrefill;
  if (out.promptCaching === undefined) {
    const caching = rules.promptCaching;
    out.promptCaching = caching
      ? { locations: caching.locations, maxCachePoints: caching.maxCachePoints }
      : false;
  }
  if (out.structuredOutput === undefined && rules.nativeStructuredOutput !== undefined)
    out.structuredOutput = rules.nativeStructuredOutput ? 'output-config' : 'tool';
  if (out.maxTemperature === undefined && rules.maxTemperature !== undefined)
    out.maxTemperature = rules.maxTemperature;
  // Only a known model's limit: the conservative default of an unknown one would refuse
  // requests Bedrock accepts.
  if (out.maxOutputTokens === undefined && rules.known && rules.maxOutputTokens !== undefined)
    out.maxOutputTokens = rules.maxOutputTokens;
  if (out.rejectedParams === undefined) {
    const reasoningOn = effort != null && effort !== 'none';
    out.rejectedParams = openAIFields([
      ...(rules.rejectedParams ?? []),
      ...(reasoningOn ? (rules.rejectedWithReasoning ?? []) : []),
    ]);
  }
  return out;
}

export function createConversionState(
  given: ToConverseInputOptions,
  effort?: ReasoningEffort | null,
): ConversionState {
  const options = effectiveOptions(given, effort);
  const caching = options.promptCaching;
  const locations: readonly CacheLocation[] =
    caching === true
      ? ['system', 'messages', 'tools']
      : caching
        ? (caching.locations ?? ['system', 'messages', 'tools'])
        : [];
  return {
    options,
    rules: options.rules ?? {},
    toolNames: new ToolNameMap(),
    toolUseIds: new ToolUseIds(),
    documentNames: new Set(),
    attachments: { images: 0, documents: 0 },
    dropped: [],
    warnings: [],
    cacheAllowed: (location) => locations.includes(location),
    replayReasoning: (options.reasoning ?? 'none') !== 'none',
  };
}

/** True when an OpenAI part or tool carries a cache marker. */
export function hasCacheMarker(part: unknown): boolean {
  if (typeof part !== 'object' || part === null) return false;
  const p = part as { cache_control?: unknown; prompt_cache_breakpoint?: unknown };
  return (
    (p.cache_control !== undefined && p.cache_control !== null) ||
    (p.prompt_cache_breakpoint !== undefined && p.prompt_cache_breakpoint !== null)
  );
}

/** The TTL asked by a cache marker, if any. */
export function cacheTtl(part: unknown): '5m' | '1h' | undefined {
  const ttl = (part as { cache_control?: { ttl?: unknown } | null }).cache_control?.ttl;
  return ttl === '5m' || ttl === '1h' ? ttl : undefined;
}

/** A cache marker found on a part, message or tool call: the TTL it asks (unset: the default). */
export interface CacheMark {
  ttl: '5m' | '1h' | undefined;
}

/** The cache marker of an OpenAI part, message, tool call or tool, if it carries one. */
export function cacheMarkOf(value: unknown): CacheMark | undefined {
  return hasCacheMarker(value) ? { ttl: cacheTtl(value) } : undefined;
}
