/**
 * `@bedrock-bridge/models/facts`: the pure model facts (tables, capabilities, context lengths,
 * id parsing and resolution) without discovery. Nothing here imports `@bedrock-bridge/transport`
 * or the AWS SDK at run time (`facts-import-graph.test.ts` checks the built files), so a
 * `format` user can look up a context length without loading either.
 */

export {
  EMBEDDING_MODELS,
  type EmbeddingFamily,
  type EmbeddingModelFacts,
  getEmbeddingModel,
} from './embedding-models.js';
export { type ContextLengthOptions, getContextLength } from './get-context-length.js';
export {
  DEFAULT_CAPABILITIES,
  findModelRow,
  getModelCapabilities,
} from './get-model-capabilities.js';
export {
  type AnthropicEffort,
  CACHE_TTLS,
  type CacheLocation,
  type CacheTtl,
  type ExtendedContext,
  type ExtendedContextWindow,
  type FactsMatch,
  type MatchKind,
  MODEL_KINDS,
  MODEL_TASKS,
  type ModelCapabilities,
  type ModelKind,
  type ModelTask,
  type PromptCaching,
  REASONING_STYLES,
  type ReasoningStyle,
  SAMPLING_PARAMS,
  type SamplingParam,
} from './model-capabilities.js';
export {
  citedSources,
  expandModelTable,
  MODEL_FAMILIES,
  MODEL_SOURCES,
  MODEL_TABLE,
  type ModelFamily,
  type ModelRow,
} from './model-table.js';
export {
  type ModelIdForm,
  type ParsedArn,
  type ParsedModelId,
  parseModelId,
} from './parse-model-id.js';
export {
  KNOWN_PROVIDERS,
  PROFILE_PREFIXES,
  profilePrefixesForRegion,
  splitProfilePrefix,
} from './region-prefixes.js';
export {
  type ResolutionVia,
  type ResolvedModelId,
  type ResolveModelIdOptions,
  resolveModelId,
} from './resolve-model-id.js';
