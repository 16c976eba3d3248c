export * from './assemble-model-list.js';
export * from './describe-inference-profile.js';
export * from './discover-models.js';
export * from './discovered-model.js';
export {
  EMBEDDING_MODELS,
  type EmbeddingFamily,
  type EmbeddingModelFacts,
  getEmbeddingModel,
} from './embedding-models.js';
export * from './get-context-length.js';
export * from './get-model-capabilities.js';
export * from './model-capabilities.js';
export * from './model-table.js';
export * from './parse-model-id.js';
export * from './region-prefixes.js';
export * from './resolve-model-id.js';
