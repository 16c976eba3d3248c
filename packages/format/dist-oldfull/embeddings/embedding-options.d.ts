/**
 * Which InvokeModel body a model takes (the same names as `@bedrock-bridge/models`'
 * `EmbeddingFamily`): `titan-text-v2` (`inputText`, `dimensions`, `normalize`), `titan-text-g1`
 * (`inputText` only), `titan-multimodal-g1` (`inputText`, `embeddingConfig.outputEmbeddingLength`),
 * `cohere-v3` (`texts`, `input_type`).
 */
export type EmbeddingFamily = 'titan-text-v2' | 'titan-text-g1' | 'titan-multimodal-g1' | 'cohere-v3';
/**
 * Options of `toEmbeddingCalls`: facts about the target model (usually from
 * `@bedrock-bridge/models`' `getEmbeddingModel`) and the policy for what it cannot honour.
 */
export interface ToEmbeddingCallsOptions {
    /** The Bedrock model id to call. Default: `request.model`. */
    modelId?: string;
    /** The body family of the model. Required. */
    family: EmbeddingFamily;
    /** Output sizes the model offers; the first is its default. Required, non-empty. */
    dimensions: readonly number[];
    /** Texts one call may carry. Default: `1` for Titan families, `96` for Cohere. */
    batchSize?: number;
    /** Most characters one text may have; a longer one is a `validation` error. Default: no limit. */
    maxInputChars?: number;
    /** Values `input_type` may take (Cohere). Default: none (the field is not sent). */
    inputTypes?: readonly string[];
    /** The input type sent when the request names none. Default: the first of `inputTypes`. */
    defaultInputType?: string;
    /**
     * Drop what the model cannot honour (`dimensions` it does not offer, `input_type` on a model
     * without input types) instead of a `validation` error; every drop is listed in `dropped`.
     * Default: `false`.
     */
    dropUnsupportedParams?: boolean;
}
/** One InvokeModel call: its JSON body and which inputs (by index) it carries, in order. */
export interface EmbeddingCall {
    modelId: string;
    body: Record<string, unknown>;
    indices: number[];
}
/** What `toEmbeddingCalls` returns. */
export interface EmbeddingCallsResult {
    /** The calls to make (any order, any concurrency): answers are put back by `indices`. */
    calls: EmbeddingCall[];
    /** How many inputs the request has (the answer has as many vectors). */
    count: number;
    /** Pass to `fromEmbeddingResults`. */
    answer: {
        encodingFormat: 'float' | 'base64';
        family: EmbeddingFamily;
    };
    /** Request fields not sent (with the options' consent, or fields Bedrock has no place for). */
    dropped: string[];
    /** Other adjustments the client should know of. */
    warnings: string[];
}
