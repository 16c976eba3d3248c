import type { ResponsesRequest } from '@bedrock-bridge/format/responses';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ResponsesBackend } from './gateway-backend.js';
import { gatewayError, type OpenAIErrorResponse } from './openai-error.js';
import { validateResponsesRequest } from './validate-responses-request.js';

/** A Responses event with answer text, reasoning or function-call arguments. */
export function carriesResponseToken(event: object): boolean {
  const type = (event as { type?: unknown }).type;
  return (
    type === 'response.output_text.delta' ||
    type === 'response.reasoning_summary_text.delta' ||
    type === 'response.function_call_arguments.delta'
  );
}

/** `response.failed` (or `error`): the stream has told the client it failed. */
export function isResponseFailure(event: object): boolean {
  const type = (event as { type?: unknown }).type;
  return type === 'response.failed' || type === 'error';
}

/**
 * Passes events through; an error thrown right after an event `isFailure` accepts ends the
 * iteration quietly (the client has been told) and is handed to `onFailure` for the log.
 */
export async function* settleFailureEvents<T extends object>(
  events: AsyncIterable<T>,
  isFailure: ((event: T) => boolean) | undefined,
  onFailure: (error: unknown) => void,
): AsyncGenerator<T, void, undefined> {
  let told = false;
  try {
    for await (const event of events) {
      told = isFailure?.(event) === true;
      yield event;
    }
  } catch (error) {
    if (!told) throw error;
    onFailure(error);
  }
}

function includeOf(query: unknown): string[] {
  const include = (query as { include?: unknown; 'include[]'?: unknown }) ?? {};
  const value = include.include ?? include['include[]'];
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? [value] : [];
}

/**
 * `/v1/responses`: `POST` (through `answer`, as chat completions), and for stored responses
 * `GET /v1/responses/{id}`, `DELETE /v1/responses/{id}` and `GET /v1/responses/{id}/input_items`
 * (`limit` 1..100, default 20; `order` `desc` (default) or `asc`; `after` an item id).
 */
export function registerResponsesRoutes(
  app: FastifyInstance,
  backend: ResponsesBackend,
  answer: (
    request: FastifyRequest,
    reply: FastifyReply,
    body: ResponsesRequest,
  ) => Promise<unknown>,
  sendError: (
    reply: FastifyReply,
    request: FastifyRequest,
    failure: OpenAIErrorResponse,
  ) => unknown,
): void {
  const missing = (id: string) =>
    gatewayError(404, `No response found with id '${id}'.`, { code: 'not_found', param: 'id' });

  app.post('/v1/responses', (request, reply) =>
    answer(request, reply, validateResponsesRequest(request.body)),
  );

  app.get<{ Params: { id: string } }>('/v1/responses/:id', async (request, reply) => {
    const found = await backend.get(request.params.id, includeOf(request.query));
    return found ?? sendError(reply, request, missing(request.params.id));
  });

  app.delete<{ Params: { id: string } }>('/v1/responses/:id', async (request, reply) => {
    const deleted = await backend.delete(request.params.id);
    if (!deleted) return sendError(reply, request, missing(request.params.id));
    return { id: request.params.id, object: 'response.deleted', deleted: true };
  });

  app.get<{ Params: { id: string }; Querystring: Record<string, string | undefined> }>(
    '/v1/responses/:id/input_items',
    async (request, reply) => {
      const items = await backend.inputItems(request.params.id);
      if (items === undefined) return sendError(reply, request, missing(request.params.id));
      const q = request.query;
      const limit = q.limit === undefined ? 20 : Number(q.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
        return sendError(
          reply,
          request,
          gatewayError(400, "'limit' must be an integer from 1 to 100.", { param: 'limit' }),
        );
      }
      if (q.order !== undefined && q.order !== 'asc' && q.order !== 'desc') {
        return sendError(
          reply,
          request,
          gatewayError(400, "'order' must be 'asc' or 'desc'.", { param: 'order' }),
        );
      }
      const ordered = q.order === 'asc' ? items : [...items].reverse();
      const idOf = (item: object) => (item as { id?: string }).id;
      const start = q.after === undefined ? 0 : ordered.findIndex((i) => idOf(i) === q.after) + 1;
      const data = ordered.slice(start, start + limit);
      return {
        object: 'list',
        data,
        first_id: data.length > 0 ? (idOf(data[0] as object) ?? null) : null,
        last_id: data.length > 0 ? (idOf(data[data.length - 1] as object) ?? null) : null,
        has_more: start + limit < ordered.length,
      };
    },
  );
}
