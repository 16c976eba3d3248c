export { fromEmbeddingResults } from './from-embedding-results.js';
export { toEmbeddingCalls } from './to-embedding-calls.js';
