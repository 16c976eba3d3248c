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
export type {
  DiscoveredKind,
  DiscoveredModel,
  ModelResourceType,
} from './discovered-model.js';
// The facts are listed once, in facts.ts (itself a curated list): the root adds discovery to them.
export * from './facts.js';
