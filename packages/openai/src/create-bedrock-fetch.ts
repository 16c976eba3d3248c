import type { ParamPolicy } from '@bedrock-bridge/format';
import { createTransport, type Transport, type TransportOptions } from '@bedrock-bridge/transport';
import type { CallObserver } from './call-observer.js';
import { type BackendOptions, createBackend } from './create-backend.js';
import { createOpenAIHandler, type OpenAIHandler } from './create-openai-handler.js';
import { fetchRequestParts } from './fetch-request-parts.js';

/** Options of `createBedrockFetch`. */
export interface BedrockFetchOptions extends BackendOptions {
  /**
   * How calls reach Bedrock (region, credentials, endpoint, timeouts, retries); see
   * `@bedrock-bridge/transport`. Default: the environment's (`AWS_REGION`, the default
   * credential chain, `AWS_BEARER_TOKEN_BEDROCK`).
   */
  transport?: TransportOptions | Transport;
  /**
   * What happens to a request field the model cannot take as sent: `'drop'` (named in
   * `x-bedrock-bridge-warnings`) or `'reject'` (a 400 naming it). A request picks its own with the
   * header `x-bedrock-bridge-params: drop | strict`. Default `'drop'`.
   */
  paramPolicy?: ParamPolicy;
  /**
   * Hears about each call (usage of the transport, warnings, failures, streams); given a `Request`
   * built for it (only when this is set). Default: none.
   */
  observe?: (request: Request) => CallObserver | undefined;
}

/** A `fetch` that answers the OpenAI API in-process, with `close()` for its upstream sockets. */
export type BedrockFetch = typeof fetch & {
  /** The handler behind it (for a server of your own). */
  readonly handler: OpenAIHandler;
  /** Closes the transport's pooled sockets (when this fetch created the transport). */
  close(): Promise<void>;
};

function isTransport(value: TransportOptions | Transport | undefined): value is Transport {
  return typeof (value as Transport | undefined)?.converse === 'function';
}

/**
 * A `fetch` any OpenAI client takes (`new OpenAI({ baseURL, apiKey, fetch })`, the AI SDK's
 * `createOpenAI({ baseURL, fetch })`, LangChain's `new ChatOpenAI({ configuration: { baseURL,
 * fetch } })`): each request is answered by `createOpenAIHandler` over `@bedrock-bridge/transport`
 * in this process, whatever host the URL names; no socket is opened except to Bedrock. An aborted
 * request rejects (or errors its body) with the signal's reason, as a network fetch does.
 */
export function createBedrockFetch(options: BedrockFetchOptions = {}): BedrockFetch {
  const owned = !isTransport(options.transport);
  const transport = isTransport(options.transport)
    ? options.transport
    : createTransport(options.transport ?? {});
  const backend = createBackend({ transport, region: transport.region.region }, options);
  const handler = createOpenAIHandler({
    backend,
    ...(options.paramPolicy === undefined ? {} : { paramPolicy: options.paramPolicy }),
  });
  const bedrockFetch = async (input: string | URL | Request, init?: RequestInit) => {
    // What OpenAI clients send (a URL and a string body) goes to the handler as it is, without a
    // `Request` built and its body read back; anything else through `new Request`.
    const call = fetchRequestParts(input, init) ?? new Request(input, init);
    const observer = options.observe?.(call instanceof Request ? call : new Request(input, init));
    const heard = observer === undefined ? {} : { observer };
    const response =
      call instanceof Request ? await handler(call, heard) : await handler.answer(call, heard);
    const signal = call.signal;
    if (signal?.aborted === true) {
      await response.body?.cancel(signal.reason);
      throw signal.reason;
    }
    return response;
  };
  return Object.assign(bedrockFetch as typeof fetch, {
    handler,
    close: async () => {
      if (owned) await transport.close();
    },
  });
}
