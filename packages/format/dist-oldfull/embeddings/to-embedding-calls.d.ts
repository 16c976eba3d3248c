import type { EmbeddingCallsResult, ToEmbeddingCallsOptions } from './embedding-options.js';
import type { EmbeddingRequest } from './openai-embeddings.js';
/**
 * The OpenAI embeddings request as Bedrock InvokeModel calls for one model family: one call per
 * text for Titan, batches of up to `batchSize` texts for Cohere. Pure: no I/O. Throws a
 * `validation` error naming the field (`input[3]`, `dimensions`, `encoding_format`) when the
 * model cannot take the request and the options do not allow dropping the field.
 */
export declare function toEmbeddingCalls(request: EmbeddingRequest, options: ToEmbeddingCallsOptions): EmbeddingCallsResult;
