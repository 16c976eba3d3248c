import { randomUUID } from 'node:crypto';
import type {
  Response,
  ResponseInputItem,
  ResponseMessageItem,
  ResponseOutputItem,
  ResponseStreamEvent,
  ResponsesRequest,
} from '@bedrock-bridge/format/responses';

function includesEncrypted(request: ResponsesRequest): boolean {
  return request.include?.includes('reasoning.encrypted_content') === true;
}

function itemForClient(item: ResponseOutputItem, encrypted: boolean): ResponseOutputItem {
  if (item.type !== 'reasoning' || encrypted || item.encrypted_content === undefined) return item;
  const { encrypted_content: _sealed, ...rest } = item;
  return rest;
}

function responseForClient(response: Response, encrypted: boolean): Response {
  return { ...response, output: response.output.map((i) => itemForClient(i, encrypted)) };
}

/**
 * What the client sees: reasoning items carry `encrypted_content` only when the request asked for
 * it (`include: ["reasoning.encrypted_content"]`); the stored copy always keeps it, so a stored
 * conversation replays its reasoning.
 */
export function forClient<T extends Response | ResponseStreamEvent>(
  value: T,
  request: ResponsesRequest,
): T {
  const encrypted = includesEncrypted(request);
  if ('object' in value && value.object === 'response')
    return responseForClient(value, encrypted) as T;
  const event = value as ResponseStreamEvent;
  if ('response' in event)
    return { ...event, response: responseForClient(event.response, encrypted) } as T;
  if ('item' in event) return { ...event, item: itemForClient(event.item, encrypted) } as T;
  return value;
}

/** A message item as OpenAI lists it: `type: 'message'`, content as parts, a status. */
function asMessageItem(item: ResponseInputItem): ResponseInputItem {
  const message = item as ResponseMessageItem;
  const partType = message.role === 'assistant' ? 'output_text' : 'input_text';
  const content =
    typeof message.content === 'string'
      ? [{ type: partType, text: message.content } as ResponseMessageItem['content'][number]]
      : message.content;
  return {
    ...message,
    type: 'message',
    content,
    status: message.status ?? 'completed',
  } as ResponseMessageItem;
}

/**
 * The request's input as stored items: a string becomes a user message, every item gets an id
 * (`msg_...` when it had none) and an `item_reference` is replaced by the item it points to.
 */
export function inputItemsOf(
  request: ResponsesRequest,
  stored: ReadonlyMap<string, ResponseInputItem>,
): ResponseInputItem[] {
  const id = () => `msg_${randomUUID().replaceAll('-', '')}`;
  if (typeof request.input === 'string') {
    return [
      {
        type: 'message',
        id: id(),
        role: 'user',
        content: [{ type: 'input_text', text: request.input }],
        status: 'completed',
      },
    ];
  }
  return (request.input ?? []).map((item) => {
    if (item.type === 'item_reference') return stored.get(item.id) ?? item;
    // A reasoning item sent back bare: keep the stored one, which carries its sealed blocks.
    if (item.type === 'reasoning' && !item.encrypted_content) return stored.get(item.id) ?? item;
    const withId = (
      typeof item.id === 'string' && item.id !== '' ? item : { ...item, id: id() }
    ) as ResponseInputItem;
    return withId.type === undefined || withId.type === 'message' ? asMessageItem(withId) : withId;
  });
}
