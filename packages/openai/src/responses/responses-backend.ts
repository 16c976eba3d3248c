import type { ResponsesRequest } from '@bedrock-bridge/format/responses';
import type { ChatCompletionOptions } from '../chat-completion.js';
import type { BackendCallOptions, ResponsesBackend } from '../openai-backend.js';
import type { KeyValueStore } from '../store/key-value-store.js';
import { createResponse, createResponseStream, type ResponsesOptions } from './create-response.js';
import { createReasoningSeal, type ReasoningSeal, storedReasoningKey } from './reasoning-seal.js';
import { ResponseStore } from './response-store.js';
import { forClient } from './response-view.js';

/** What `createResponsesBackend` needs from the gateway's backend. */
export interface ResponsesBackendOptions {
  store: KeyValueStore;
  /** Default: made once and kept in `store` (see `storedReasoningKey`). */
  reasoningKey?: Uint8Array;
  /** How long a stored response is kept. Default 30 days. */
  ttlMs?: number;
  /** The chat recipe's per-call context (discovery, transport, fetched images). */
  contextFor(
    urls: { url: string; param: string }[],
    call: BackendCallOptions,
  ): Promise<ChatCompletionOptions>;
}

/** Remote (non-`data:`) `input_image` URLs of a Responses request, with the field each sits in. */
export function remoteInputImageUrls(request: ResponsesRequest): { url: string; param: string }[] {
  const found: { url: string; param: string }[] = [];
  if (!Array.isArray(request.input)) return found;
  request.input.forEach((item, i) => {
    if (typeof item !== 'object' || item === null) return; // format names the bad item
    if (!('role' in item) || item.role !== 'user' || !Array.isArray(item.content)) return;
    item.content.forEach((part, j) => {
      if (typeof part !== 'object' || part === null) return;
      const url = (part as { type: string; image_url?: unknown }).image_url;
      if (part.type === 'input_image' && typeof url === 'string' && !url.startsWith('data:')) {
        found.push({ url, param: `input[${i}].content[${j}].image_url` });
      }
    });
  });
  return found;
}

/** `/v1/responses` over the chat recipe's context, a `ResponseStore` and a reasoning seal. */
export function createResponsesBackend(options: ResponsesBackendOptions): ResponsesBackend {
  const store = new ResponseStore(options.store, options.ttlMs ? { ttlMs: options.ttlMs } : {});
  let seal: Promise<ReasoningSeal> | undefined;
  const sealer = () => {
    seal ??= (
      options.reasoningKey
        ? Promise.resolve(options.reasoningKey)
        : storedReasoningKey(options.store)
    ).then(createReasoningSeal);
    // A store that failed once is asked again next time.
    seal.catch(() => {
      seal = undefined;
    });
    return seal;
  };
  async function context(
    request: ResponsesRequest,
    call: BackendCallOptions,
  ): Promise<ResponsesOptions> {
    const base = await options.contextFor(remoteInputImageUrls(request), call);
    return { ...base, store, seal: await sealer() };
  }
  return {
    async create(request, call) {
      return createResponse(request, await context(request, call));
    },
    async *stream(request, call) {
      yield* createResponseStream(request, await context(request, call));
    },
    async get(id, include = []) {
      const stored = await store.get(id);
      return stored && forClient(stored.response, { include: [...include] });
    },
    delete: (id) => store.delete(id),
    async inputItems(id) {
      return (await store.get(id))?.input;
    },
  };
}
