import type { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';
import type { HttpHandlerOptions, HttpRequest, HttpResponse } from '@smithy/types';
import { ATTEMPT_HOOKS, type AttemptSendOptions } from './attempt.js';
import { TAKEN_EVENT_STREAM } from './stream-output-plugin.js';

/**
 * Wraps the SDK's HTTP handler to see each response's headers as they arrive: for `converse`
 * that ends the first-byte deadline (a stream's runs on until its first event) and routes the
 * body through the idle/length watch; for both it reads `Retry-After`. The attempt rides in the
 * handler options (`Attempt.sendOptions`); requests without one pass through untouched. Once an
 * attempt's response headers arrive, its request's body is let go (see `handle`).
 */
export class ObservingHandler {
  readonly #inner: NodeHttpHandler | NodeHttp2Handler;
  readonly metadata: { handlerProtocol: string };

  constructor(inner: NodeHttpHandler | NodeHttp2Handler) {
    this.#inner = inner;
    this.metadata = inner.metadata;
  }

  async handle(
    request: HttpRequest,
    options: HttpHandlerOptions = {},
  ): Promise<{ response: HttpResponse }> {
    const attempt = (options as Partial<AttemptSendOptions>)[ATTEMPT_HOOKS];
    const out = (await this.#inner.handle(request as never, options as never)) as {
      response: HttpResponse;
    };
    if (attempt !== undefined) {
      // Sent by now (the handler answers once it has written the body): the SDK's handler keeps
      // `request` until the response ends, so a stream would hold its request body (a slice of an
      // 8 KiB pool slab) for its whole life. This attempt's request is never sent again (the
      // transport retries with a new command, serialized and signed anew).
      (request as { body?: unknown }).body = undefined;
      const body = attempt.onResponse({
        statusCode: out.response.statusCode,
        headers: out.response.headers,
        body: out.response.body,
      });
      out.response.body = body;
      // Tells `streamOutputPlugin` the SDK has nothing to decode.
      if (attempt.eventStream !== undefined) {
        (out.response as HttpResponse & { [TAKEN_EVENT_STREAM]?: true })[TAKEN_EVENT_STREAM] = true;
      }
    }
    return out;
  }

  updateHttpClientConfig(key: never, value: never): void {
    (this.#inner.updateHttpClientConfig as (k: never, v: never) => void)(key, value);
  }

  httpHandlerConfigs(): unknown {
    return this.#inner.httpHandlerConfigs();
  }

  destroy(): void {
    this.#inner.destroy();
  }
}
