export type { EmbeddingCall, EmbeddingCallsResult, EmbeddingFamily, ToEmbeddingCallsOptions, } from './embedding-options.js';
export { type EmbeddingCallResult, fromEmbeddingResults } from './from-embedding-results.js';
export type { EmbeddingInput, EmbeddingList, EmbeddingObject, EmbeddingRequest, } from './openai-embeddings.js';
export { toEmbeddingCalls } from './to-embedding-calls.js';
