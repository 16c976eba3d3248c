import type { ParamPolicy } from '@bedrock-bridge/format';
import type { EmbeddingList, EmbeddingRequest } from '@bedrock-bridge/format/embeddings';
import type { ResponsesRequest } from '@bedrock-bridge/format/responses';
import type { TransportEvent } from '@bedrock-bridge/transport';
import type { ConversionNotes } from './chat-completion.js';
import type { ValidatedChatRequest } from './validate-chat-request.js';

/** What the server hands to the backend with each request. */
export interface BackendCallOptions {
  /** Aborted when the client disconnects or the server shuts down past its deadline. */
  signal: AbortSignal;
  /** Transport events of this request (attempts, retries, evictions). */
  onEvent: (event: TransportEvent) => void;
  /** What the conversion dropped or adjusted; called before anything is sent upstream. */
  onNotes?: (notes: ConversionNotes) => void;
  /** The request's parameter policy (server default, or the `x-bedrock-bridge-params` header). */
  paramPolicy?: ParamPolicy;
}

/** One entry of `GET /v1/models`. */
export interface OpenAIModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
  /** Extension: the model's context window in tokens, when known. */
  context_length?: number;
  [extension: string]: unknown;
}

/** What the HTTP layer needs from the composition (see `chat-completion.ts`). */
export interface OpenAIBackend {
  /** A whole `chat.completion`. */
  complete(request: ValidatedChatRequest, context: BackendCallOptions): Promise<object>;
  /** `chat.completion.chunk`s; lazy: nothing is sent upstream before iteration starts. */
  stream(request: ValidatedChatRequest, context: BackendCallOptions): AsyncIterable<object>;
  /** An OpenAI embeddings `list` (`POST /v1/embeddings`). */
  embed(request: EmbeddingRequest, context: BackendCallOptions): Promise<EmbeddingList>;
  /** `/v1/responses`; without it those routes answer 404. */
  responses?: ResponsesBackend;
  /** The models `GET /v1/models` lists. */
  listModels(signal?: AbortSignal): Promise<OpenAIModel[]>;
  /** One model as `GET /v1/models/{id}` answers it, `undefined` when it is not served. */
  getModel?(id: string, signal?: AbortSignal): Promise<OpenAIModel | undefined>;
}

/** The Responses API behind `/v1/responses` (see `responses/create-response.ts`). */
export interface ResponsesBackend {
  /** A whole `response` object (stored unless `store: false`). */
  create(request: ResponsesRequest, context: BackendCallOptions): Promise<object>;
  /** The Responses events; lazy: nothing is sent upstream before iteration starts. */
  stream(request: ResponsesRequest, context: BackendCallOptions): AsyncIterable<object>;
  /** A stored response (reasoning sealed only when `include` asks), or `undefined`. */
  get(id: string, include?: readonly string[]): Promise<object | undefined>;
  /** Deletes a stored response; `false` when there was none. */
  delete(id: string): Promise<boolean>;
  /** The input items of a stored response, oldest first, or `undefined` when there is none. */
  inputItems(id: string): Promise<object[] | undefined>;
}
