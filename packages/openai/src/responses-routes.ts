import type { ResponsesBackend } from './openai-backend.js';
import { gatewayError, type OpenAIErrorResponse } from './openai-error.js';

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

/** A 404 naming the stored response that is not there. */
function missing(id: string): OpenAIErrorResponse {
  return gatewayError(404, `No response found with id '${id}'.`, {
    code: 'not_found',
    param: 'id',
  });
}

/** What a stored-response route answers: a JSON value, or a failure. */
export type StoredAnswer = { ok: true; body: object } | { ok: false; failure: OpenAIErrorResponse };

/**
 * The stored-response routes of `/v1/responses`: `GET /v1/responses/{id}` (`include` or
 * `include[]` asks for sealed reasoning), `DELETE /v1/responses/{id}` and
 * `GET /v1/responses/{id}/input_items` (`limit` 1..100, default 20; `order` `desc` (default) or
 * `asc`; `after` an item id). `POST /v1/responses` is a model call (see `answerModelCall`).
 */
export async function answerStoredResponse(
  backend: ResponsesBackend,
  method: 'GET' | 'DELETE',
  id: string,
  sub: 'input_items' | undefined,
  query: URLSearchParams,
): Promise<StoredAnswer> {
  if (sub === undefined && method === 'GET') {
    const include = [...query.getAll('include'), ...query.getAll('include[]')];
    const found = await backend.get(id, include);
    return found ? { ok: true, body: found } : { ok: false, failure: missing(id) };
  }
  if (sub === undefined) {
    const deleted = await backend.delete(id);
    if (!deleted) return { ok: false, failure: missing(id) };
    return { ok: true, body: { id, object: 'response.deleted', deleted: true } };
  }
  const items = await backend.inputItems(id);
  if (items === undefined) return { ok: false, failure: missing(id) };
  const limitText = query.get('limit');
  const limit = limitText === null ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    const failure = gatewayError(400, "'limit' must be an integer from 1 to 100.", {
      param: 'limit',
    });
    return { ok: false, failure };
  }
  const order = query.get('order');
  if (order !== null && order !== 'asc' && order !== 'desc') {
    const failure = gatewayError(400, "'order' must be 'asc' or 'desc'.", { param: 'order' });
    return { ok: false, failure };
  }
  const ordered = order === 'asc' ? items : [...items].reverse();
  const idOf = (item: object) => (item as { id?: string }).id;
  const after = query.get('after');
  const start = after === null ? 0 : ordered.findIndex((i) => idOf(i) === after) + 1;
  const data = ordered.slice(start, start + limit);
  return {
    ok: true,
    body: {
      object: 'list',
      data,
      first_id: data.length > 0 ? (idOf(data[0] as object) ?? null) : null,
      last_id: data.length > 0 ? (idOf(data[data.length - 1] as object) ?? null) : null,
      has_more: start + limit < ordered.length,
    },
  };
}
