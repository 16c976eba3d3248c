import type { ParamPolicy } from '@bedrock-bridge/format';
import { answerModelCall, type ModelCall } from './answer-model-call.js';
import type { HandlerCall } from './call-observer.js';
import { jsonResponse } from './json-response.js';
import type { OpenAIBackend } from './openai-backend.js';
import { gatewayError, type OpenAIErrorResponse } from './openai-error.js';
import { capText } from './param-path.js';
import { PARAMS_HEADER, paramPolicyFromHeader } from './params-header.js';
import { checkJsonValue, DEFAULT_MAX_JSON_DEPTH, parseJsonBody } from './parse-json-body.js';
import type { OpenAIRequestParts } from './request-parts.js';
import {
  answerStoredResponse,
  carriesResponseToken,
  isResponseFailure,
} from './responses-routes.js';
import { outgoing, toErrorResponse } from './to-error-response.js';
import { validateChatRequest } from './validate-chat-request.js';
import { validateEmbeddingsRequest } from './validate-embeddings-request.js';
import { validateResponsesRequest } from './validate-responses-request.js';

/** Options of `createOpenAIHandler`. */
export interface OpenAIHandlerOptions {
  /** The composition behind the routes (`createBackend`, or a wrapper around it). */
  backend: OpenAIBackend;
  /**
   * What happens to a request field the model cannot take as sent: `'drop'` (left out, or
   * clamped into range, and named in `x-bedrock-bridge-warnings`) or `'reject'` (a 400 naming the
   * field). A request picks its own with the header `x-bedrock-bridge-params: drop | strict`.
   * Default `'drop'`.
   */
  paramPolicy?: ParamPolicy;
  /** Deepest nesting of arrays and objects in a request body (400 above it). Default 64. */
  maxJsonDepth?: number;
  /** Strings masked in every error message that leaves the handler (API keys). Default: none. */
  secrets?: readonly string[];
}

/**
 * The OpenAI API as a fetch-style function, with `answer` for a caller that already took the
 * request apart (a server that parsed it, a `fetch` given a string body): the same routes, rules
 * and errors, without a web `Request` built and read back.
 */
export type OpenAIHandler = ((request: Request, call?: HandlerCall) => Promise<Response>) & {
  readonly answer: (parts: OpenAIRequestParts, call?: HandlerCall) => Promise<Response>;
};

/** A body as the parts hold it, or read on demand (a `Request`'s, only by the routes that take one). */
type BodySource = OpenAIRequestParts['body'] | (() => Promise<string>);

/** A chunk with answer text, reasoning or a tool call (not only the role or the finish). */
function carriesToken(chunk: object): boolean {
  const delta = (chunk as { choices?: { delta?: Record<string, unknown> }[] }).choices?.[0]?.delta;
  return Boolean(delta?.content || delta?.tool_calls || delta?.reasoning_content);
}

/** `/v1/<route>[/<id>[/<sub>]]` of a path, ids percent-decoded. */
function routeOf(pathname: string): string[] | undefined {
  const parts = pathname.split('/');
  if (parts[0] !== '' || parts[1] !== 'v1') return undefined;
  try {
    return parts.slice(2).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/**
 * The OpenAI API in-process: `POST /v1/chat/completions`, `POST /v1/responses` with
 * `GET`/`DELETE /v1/responses/{id}` and `GET /v1/responses/{id}/input_items`,
 * `POST /v1/embeddings`, `GET /v1/models` and `GET /v1/models/{id}`. Bodies are JSON, validated
 * strictly (a 400 names the field); every failure is OpenAI's error shape; streams are server-sent
 * events. Authentication, body size limits and logging are the server's (see the gateway); the
 * per-call `observer` tells it what happened.
 */
export function createOpenAIHandler(options: OpenAIHandlerOptions): OpenAIHandler {
  const { backend } = options;
  const maxDepth = options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH;
  const secrets = options.secrets ?? [];

  function fail(failure: OpenAIErrorResponse, call: HandlerCall): Response {
    const safe = outgoing(failure, secrets);
    call.observer?.failure?.(safe);
    return jsonResponse(safe.status, safe.body, safe.headers);
  }

  async function modelCall(
    parts: OpenAIRequestParts,
    source: BodySource,
    call: HandlerCall,
    make: (body: unknown) => ModelCall,
  ) {
    const paramPolicy =
      paramPolicyFromHeader(parts.headers?.[PARAMS_HEADER]) ?? options.paramPolicy ?? 'drop';
    const given = typeof source === 'function' ? await source() : source;
    let body: unknown;
    if (typeof given === 'object') body = checkJsonValue(given.json, maxDepth);
    else {
      const text = given ?? '';
      // No body at all is a request without fields (the validator names the first one missing);
      // an empty body labelled JSON is not JSON.
      const labelled = parts.headers?.['content-type']?.includes('json') === true;
      body = text === '' && !labelled ? undefined : parseJsonBody(text, maxDepth);
    }
    return answerModelCall(make(body), { paramPolicy, secrets }, parts.signal, call);
  }

  async function route(
    parts: OpenAIRequestParts,
    source: BodySource,
    call: HandlerCall,
  ): Promise<Response | undefined> {
    const path = routeOf(parts.pathname);
    const method = parts.method;
    const [name, id, sub, ...rest] = path ?? [];
    if (path === undefined || rest.length > 0) return undefined;
    if (name === 'chat' && id === 'completions' && sub === undefined && method === 'POST') {
      return modelCall(parts, source, call, (raw) => {
        const body = validateChatRequest(raw);
        const stream = body.stream === true;
        call.observer?.request?.({ model: body.model, stream, prompt: body.messages });
        return {
          stream,
          complete: (context) => backend.complete(body, context),
          events: (context) => backend.stream(body, context),
          isToken: carriesToken,
        };
      });
    }
    if (name === 'embeddings' && id === undefined && method === 'POST') {
      return modelCall(parts, source, call, (raw) => {
        const body = validateEmbeddingsRequest(raw);
        call.observer?.request?.({ model: body.model });
        return {
          stream: false,
          complete: (context) => backend.embed(body, context),
          events: () => {
            throw new Error('embeddings do not stream');
          },
          isToken: () => false,
        };
      });
    }
    if (name === 'models' && sub === undefined && method === 'GET') {
      const signal = call.signal ?? parts.signal;
      if (id === undefined) {
        return jsonResponse(200, { object: 'list', data: await backend.listModels(signal) });
      }
      const model = backend.getModel
        ? await backend.getModel(id, signal)
        : (await backend.listModels(signal)).find((m) => m.id === id);
      if (model !== undefined) return jsonResponse(200, model);
      return fail(
        gatewayError(
          404,
          `The model '${capText(id, 200)}' does not exist or is not served by this gateway. GET /v1/models lists the models it serves.`,
          { code: 'model_not_found', param: 'model' },
        ),
        call,
      );
    }
    const responses = backend.responses;
    if (name !== 'responses' || responses === undefined) return undefined;
    if (id === undefined && method === 'POST') {
      return modelCall(parts, source, call, (raw) => {
        const body = validateResponsesRequest(raw);
        const stream = body.stream === true;
        call.observer?.request?.({ model: body.model ?? '', stream, prompt: body.input });
        return {
          stream,
          complete: (context) => responses.create(body, context),
          events: (context) => responses.stream(body, context),
          isToken: carriesResponseToken,
          isFailureEvent: isResponseFailure,
        };
      });
    }
    const stored = sub === undefined || sub === 'input_items' ? sub : null;
    if (id === undefined || id === '' || stored === null) return undefined;
    if (!(method === 'GET' || (method === 'DELETE' && stored === undefined))) return undefined;
    const query = new URLSearchParams(parts.search ?? '');
    const answer = await answerStoredResponse(responses, method, id, stored, query);
    return answer.ok ? jsonResponse(200, answer.body) : fail(answer.failure, call);
  }

  async function answer(
    parts: OpenAIRequestParts,
    source: BodySource,
    call: HandlerCall,
  ): Promise<Response> {
    try {
      const answered = await route(parts, source, call);
      if (answered !== undefined) return answered;
      const target = `${parts.pathname}${parts.search ?? ''}`;
      return fail(
        gatewayError(404, `Invalid URL (${parts.method} ${target})`, { code: 'not_found' }),
        call,
      );
    } catch (err) {
      return fail(toErrorResponse(err), call);
    }
  }

  const handler = (request: Request, call: HandlerCall = {}) => {
    const url = new URL(request.url);
    const headers: Record<string, string | undefined> = {};
    for (const name of ['content-type', PARAMS_HEADER]) {
      const value = request.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    const parts: OpenAIRequestParts = {
      method: request.method,
      pathname: url.pathname,
      search: url.search,
      headers,
      signal: request.signal,
    };
    return answer(parts, () => request.text(), call);
  };
  return Object.assign(handler, {
    answer: (parts: OpenAIRequestParts, call: HandlerCall = {}) => answer(parts, parts.body, call),
  });
}
