import { openAIFields, reasoningStyleOf } from './model-rules.js';
import { ToolNameMap } from './tool-names.js';
import { ToolUseIds } from './tool-use-ids.js';
/**
 * The one place a model's rules become conversion settings: each setting an explicit option
 * leaves unset is taken from `rules`.
 */
export function effectiveOptions(options, effort) {
    const rules = options.rules;
    if (rules === undefined)
        return options;
    const out = { ...options };
    const reasoning = reasoningStyleOf(rules);
    if (out.reasoning === undefined && reasoning !== undefined)
        out.reasoning = reasoning;
    if (out.adaptiveEfforts === undefined && (rules.adaptiveEfforts?.length ?? 0) > 0)
        out.adaptiveEfforts = rules.adaptiveEfforts;
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
export function createConversionState(given, effort) {
    const options = effectiveOptions(given, effort);
    const caching = options.promptCaching;
    const locations = caching === true
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
export function hasCacheMarker(part) {
    if (typeof part !== 'object' || part === null)
        return false;
    const p = part;
    return ((p.cache_control !== undefined && p.cache_control !== null) ||
        (p.prompt_cache_breakpoint !== undefined && p.prompt_cache_breakpoint !== null));
}
/** The TTL asked by a cache marker, if any. */
export function cacheTtl(part) {
    const ttl = part.cache_control?.ttl;
    return ttl === '5m' || ttl === '1h' ? ttl : undefined;
}
/** The cache marker of an OpenAI part, message, tool call or tool, if it carries one. */
export function cacheMarkOf(value) {
    return hasCacheMarker(value) ? { ttl: cacheTtl(value) } : undefined;
}
