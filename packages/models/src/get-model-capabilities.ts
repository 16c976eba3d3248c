import type { FactsMatch, ModelCapabilities } from './model-capabilities.js';
import { MODEL_FAMILIES, MODEL_TABLE_BY_KEY, type ModelRow } from './model-table.js';
import { parseModelId } from './parse-model-id.js';

/**
 * What an unknown model is assumed to be (`known: false`, `match: 'none'`). Chosen so that a
 * wrong guess fails loudly rather than silently: a small context window (agents compress history
 * early instead of overflowing), a modest output cap, tools sent (Bedrock answers a clear
 * ValidationException if the model has none, whereas silently stripping them would change the
 * agent's behaviour) but not while streaming, no vision/documents/reasoning/caching/prefill.
 */
export const DEFAULT_CAPABILITIES = Object.freeze({
  task: 'chat',
  kind: 'chat',
  contextWindow: 32_000,
  maxOutputTokens: 4_096,
  systemPrompt: true,
  toolUse: true,
  streamingToolUse: false,
  forcedToolChoice: false,
  disableParallelToolUse: false,
  vision: false,
  documents: false,
  video: false,
  reasoning: 'none',
  adaptiveThinking: false,
  adaptiveEfforts: Object.freeze([]),
  promptCaching: undefined,
  maxTemperature: 1,
  nativeStructuredOutput: false,
  rejectedParams: Object.freeze([]),
  rejectedWithReasoning: Object.freeze([]),
  exclusiveParams: Object.freeze([]),
  supportsPrefill: false,
  onDemand: true,
  profiles: Object.freeze([]),
} as const);

/** A tail after the key that still names the same model: a date, a version, or both. */
const SAME_MODEL_TAIL = /^(?:-\d{8})?(?:-v\d+(?::\d+)?|-\d+:\d+|:\d+)?$/;
const BOUNDARY = new Set(['-', ':', '.']);

/**
 * The table row for a lookup id: the longest key that equals the id or is a prefix of it ending
 * at a `-`, `:` or `.`. Exact when what follows the key is only a date/version (or the row covers
 * every id under it).
 */
export function findModelRow(lookupId: string): { row: ModelRow; match: FactsMatch } | undefined {
  for (let end = lookupId.length; end > 0; end--) {
    if (end < lookupId.length && !BOUNDARY.has(lookupId[end] as string)) continue;
    const row = MODEL_TABLE_BY_KEY.get(lookupId.slice(0, end));
    if (row === undefined) continue;
    const exact = row.anyTail || SAME_MODEL_TAIL.test(lookupId.slice(end));
    return { row, match: exact ? 'exact' : 'family' };
  }
  return undefined;
}

/** What follows a key when the id names a later version of that line (`-9`, `.5`). */
const NEWER_VERSION_TAIL = /^[-.]\d/;

/** The newest row of the family this id belongs to (`anthropic.claude-`, `amazon.nova-`, ...). */
export function findFamilyRow(lookupId: string): ModelRow | undefined {
  const family = MODEL_FAMILIES.find((f) => lookupId.startsWith(f.prefix));
  return family === undefined ? undefined : MODEL_TABLE_BY_KEY.get(family.newest);
}

/**
 * The row describing a lookup id: its own row (a key equal to it, or a prefix followed only by
 * a date or version); for a variant of a listed model, that model's row; for a later version of
 * a listed line, the newest row of its family (`anthropic.claude-opus-4-9` is closer to the
 * newest Claude than to Opus 4), else the related row.
 */
function lookupRow(lookupId: string): { row: ModelRow; match: FactsMatch } | undefined {
  const found = findModelRow(lookupId);
  if (found?.match === 'exact') return found;
  // A variant of a listed model (`amazon.nova-2-pro-preview`) keeps that model's facts; a later
  // version of a listed line (`-4-9` after `claude-opus-4`) takes its family's newest.
  if (found !== undefined && !NEWER_VERSION_TAIL.test(lookupId.slice(found.row.key.length)))
    return { row: found.row, match: 'family' };
  const family = findFamilyRow(lookupId);
  if (family !== undefined) return { row: family, match: 'family' };
  return found;
}

/**
 * Capabilities of a model, from the built-in table. Accepts bare ids, versioned ids, profile ids
 * (`us.`, `eu.`, `apac.`, `jp.`, `au.`, `global.`, ...), foundation-model and inference-profile
 * ARNs, and `:200k`-style context variants. Never throws for an unknown model: it returns the
 * documented conservative defaults with `known: false`. Throws a `validation` error only for an
 * id that is not an id at all (empty, forbidden characters). Results are frozen; the function
 * keeps no state (a caller that looks the same id up often keeps its own result).
 *
 * An application-inference-profile ARN names no model; resolve it first (`resolveModelId` with
 * `discovered`, or `describeInferenceProfile`) and look up the foundation model it returns.
 */
export function getModelCapabilities(modelId: string): ModelCapabilities {
  return computeCapabilities(modelId);
}

function computeCapabilities(modelId: string): ModelCapabilities {
  const parsed = parseModelId(modelId);
  const lookupId = parsed.lookupId;
  const provider = lookupId.includes('.') ? lookupId.slice(0, lookupId.indexOf('.')) : '';
  const found = lookupId === '' ? undefined : lookupRow(lookupId);
  const suffix = parsed.contextSuffixTokens;

  if (found === undefined) {
    const contextWindow = suffix ?? DEFAULT_CAPABILITIES.contextWindow;
    return Object.freeze({
      ...DEFAULT_CAPABILITIES,
      modelId,
      lookupId,
      known: false,
      match: 'none',
      matchedKey: undefined,
      name: parsed.foundationModelId ?? parsed.input,
      provider,
      chat: true,
      contextWindow,
      maxOutputTokens: Math.min(DEFAULT_CAPABILITIES.maxOutputTokens, contextWindow),
      extendedContext: undefined,
      source:
        parsed.form === 'application-profile-arn' || parsed.form === 'other-arn'
          ? 'Not in the built-in table: this ARN does not name its model; resolve it with resolveModelId({ discovered }) or describeInferenceProfile, then look up the foundation model.'
          : 'Not in the built-in table: conservative defaults (see DEFAULT_CAPABILITIES).',
    } satisfies ModelCapabilities);
  }

  const { row, match } = found;
  const contextWindow = suffix ?? row.contextWindow;
  return Object.freeze({
    modelId,
    lookupId,
    known: match === 'exact' ? true : 'family',
    match,
    matchedKey: row.key,
    name: row.name,
    provider: row.provider,
    task: row.task,
    kind: row.task,
    chat: row.task === 'chat',
    contextWindow,
    maxOutputTokens: Math.min(row.maxOutputTokens, contextWindow),
    extendedContext: row.extendedContext ?? undefined,
    systemPrompt: row.systemPrompt,
    toolUse: row.toolUse,
    streamingToolUse: row.streamingToolUse,
    forcedToolChoice: row.forcedToolChoice,
    disableParallelToolUse: row.provider === 'anthropic' && row.toolUse,
    vision: row.vision,
    documents: row.documents,
    video: row.video,
    reasoning: row.reasoning,
    adaptiveThinking: row.adaptiveThinking,
    adaptiveEfforts: row.adaptiveEfforts,
    promptCaching: row.promptCaching ?? undefined,
    maxTemperature: row.maxTemperature,
    nativeStructuredOutput: row.nativeStructuredOutput,
    rejectedParams: row.rejectedParams,
    rejectedWithReasoning: row.rejectedWithReasoning,
    exclusiveParams: row.exclusiveParams,
    supportsPrefill: row.prefill,
    onDemand: suffix === undefined ? row.onDemand : false,
    profiles: row.profiles,
    source:
      match === 'exact'
        ? row.source
        : `Not in the built-in table: the facts of ${row.key}, the newest related model of its family (known: 'family'). ${row.source}`,
  } satisfies ModelCapabilities);
}
