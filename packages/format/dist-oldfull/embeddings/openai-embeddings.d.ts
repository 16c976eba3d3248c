/**
 * The OpenAI embeddings request and answer shapes this package accepts and returns
 * (`POST /v1/embeddings`), structurally compatible with the `openai` package's
 * `EmbeddingCreateParams` and `CreateEmbeddingResponse`.
 */
/** `input`: one text, several texts, or token ids (one array, or one array per input). */
export type EmbeddingInput = string | string[] | number[] | number[][];
/** An OpenAI embeddings request. */
export interface EmbeddingRequest {
    model: string;
    input: EmbeddingInput;
    /** Output size; only models with selectable sizes take it. */
    dimensions?: number;
    /** `float` (default): arrays of numbers; `base64`: little-endian float32 bytes, base64. */
    encoding_format?: 'float' | 'base64';
    /** End-user id for the caller's abuse monitoring; Bedrock has no such field. */
    user?: string;
    /**
     * Extension (as several OpenAI-compatible gateways take it): the Cohere `input_type`
     * (`search_document`, `search_query`, `classification`, `clustering`).
     */
    input_type?: string;
}
/** One vector of the answer, at the position of its input. */
export interface EmbeddingObject {
    object: 'embedding';
    index: number;
    /** Numbers, or a base64 string of float32 bytes with `encoding_format: 'base64'`. */
    embedding: number[] | string;
}
/** The OpenAI embeddings answer. */
export interface EmbeddingList {
    object: 'list';
    data: EmbeddingObject[];
    model: string;
    usage: {
        prompt_tokens: number;
        total_tokens: number;
    };
}
