// The public surface of @bedrock-bridge/models: discovery, resolution and the model facts (the
// facts alone, without the AWS SDK: @bedrock-bridge/models/facts). Everything else is internal.
export {
  type DescribeInferenceProfileOptions,
  describeInferenceProfile,
} from './describe-inference-profile.js';
export {
  type DiscoverModelsOptions,
  DiscoveryCache,
  type DiscoveryCacheEntry,
  discoverModels,
  type RefreshErrorInfo,
} from './discover-models.js';
export type { DiscoveredKind, DiscoveredModel } from './discovered-model.js';
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
  type MatchKind,
  MODEL_KINDS,
  type ModelCapabilities,
  type ModelKind,
  type PromptCaching,
  REASONING_STYLES,
  type ReasoningStyle,
  SAMPLING_PARAMS,
  type SamplingParam,
} from './model-capabilities.js';
export {
  expandModelTable,
  MODEL_FAMILIES,
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
