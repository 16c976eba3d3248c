import type { EmbeddingCall, EmbeddingCallsResult } from './embedding-options.js';
import type { EmbeddingList } from './openai-embeddings.js';
/** One call's answer: the model's JSON body (parsed) and the billed tokens, when known. */
export interface EmbeddingCallResult {
    call: EmbeddingCall;
    body: unknown;
    /** Bedrock's `x-amzn-bedrock-input-token-count` for this call. */
    inputTokenCount?: number;
}
/**
 * The answers of every call of `toEmbeddingCalls`, in any order, as OpenAI's `list` with each
 * vector at the index of its input. Usage is the sum of Bedrock's counts (the body's
 * `inputTextTokenCount`, else the call's `inputTokenCount` header). Throws when an answer is
 * missing or carries the wrong number of vectors: never a partial list.
 */
export declare function fromEmbeddingResults(results: readonly EmbeddingCallResult[], prepared: Pick<EmbeddingCallsResult, 'count' | 'answer'>, options: {
    model: string;
}): EmbeddingList;
