/**
 * The OpenAI embeddings request and answer shapes this package accepts and returns
 * (`POST /v1/embeddings`), structurally compatible with the `openai` package's
 * `EmbeddingCreateParams` and `CreateEmbeddingResponse`.
 */
export {};
