import type { CacheLocation, ToConverseInputOptions } from './converse-input-options.js';
import { ToolNameMap } from './tool-names.js';
import { ToolUseIds } from './tool-use-ids.js';

/** Mutable state shared by the converters during one `toConverseInput` call. */
export interface ConversionContext {
  readonly options: ToConverseInputOptions;
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

export function createConversionContext(options: ToConverseInputOptions): ConversionContext {
  const caching = options.promptCaching;
  const locations: readonly CacheLocation[] =
    caching === true
      ? ['system', 'messages', 'tools']
      : caching
        ? (caching.locations ?? ['system', 'messages', 'tools'])
        : [];
  return {
    options,
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
