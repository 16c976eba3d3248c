// The handler and the fetch built on it.

export type { CallObserver, HandlerCall, StreamOutcome } from './call-observer.js';
export {
  type ChatCompletionOptions,
  type ConversionNotes,
  chatCompletion,
  chatCompletionStream,
} from './chat-completion.js';
// The composition (the recipe) behind the handler.
export { type BackendOptions, type BackendStack, createBackend } from './create-backend.js';
export {
  type BedrockFetch,
  type BedrockFetchOptions,
  createBedrockFetch,
} from './create-bedrock-fetch.js';
export {
  createOpenAIHandler,
  type OpenAIHandler,
  type OpenAIHandlerOptions,
} from './create-openai-handler.js';
// The HTTP rules, for servers around the handler.
export { ECHO_LIMITS } from './echo-limits.js';
export {
  createRemoteImageFetcher,
  type RemoteImageFetcher,
  type RemoteImageOptions,
} from './fetch-remote-image.js';
export { createModelResolver, type ModelResolver } from './model-resolver.js';
export type {
  BackendCallOptions,
  OpenAIBackend,
  OpenAIModel,
  ResponsesBackend,
} from './openai-backend.js';
export {
  gatewayError,
  mappingForKind,
  type OpenAIErrorBody,
  type OpenAIErrorResponse,
  openAIErrorFromBridgeError,
} from './openai-error.js';
export { capText, paramFromPath } from './param-path.js';
export { PARAMS_HEADER, paramPolicyFromHeader } from './params-header.js';
export { checkJsonValue, DEFAULT_MAX_JSON_DEPTH, parseJsonBody } from './parse-json-body.js';
export { createReasoningMemory, type ReasoningMemory } from './reasoning-memory.js';
export type { OpenAIRequestParts } from './request-parts.js';
export { reasoningKeyFromSecret } from './responses/reasoning-seal.js';
export { SSE_DONE, SSE_HEADERS, sseEvent } from './sse.js';
export { type SseTextSource, takeSseTextSource } from './sse-text-source.js';
// What the handler remembers between requests.
export type { KeyValueStore } from './store/key-value-store.js';
export { MemoryStore, type MemoryStoreOptions } from './store/memory-store.js';
export { outgoing, toErrorResponse } from './to-error-response.js';
export { type ValidatedChatRequest, validateChatRequest } from './validate-chat-request.js';
export { validateEmbeddingsRequest } from './validate-embeddings-request.js';
export { validateResponsesRequest } from './validate-responses-request.js';
export { WARNINGS_HEADER, warningsHeader } from './warnings-header.js';
