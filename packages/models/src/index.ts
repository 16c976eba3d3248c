export * from './discovered-model.js';
export * from './get-context-length.js';
export * from './get-model-capabilities.js';
export * from './model-capabilities.js';
export * from './model-table.js';
export * from './parse-model-id.js';
export * from './region-prefixes.js';
export * from './resolve-model-id.js';
