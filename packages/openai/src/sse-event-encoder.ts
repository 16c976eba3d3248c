import { sseEvent } from './sse.js';

/**
 * `sseEvent` for the events of one stream, faster for the event most of a stream is made of: a
 * `chat.completion.chunk` carrying one text delta. Such a chunk is written from the JSON of the
 * fields every chunk of the stream shares (`id`, `object`, `created`, `model`: encoded once per
 * stream) and `JSON.stringify` of its text alone. Every other value, and any chunk that differs
 * from that exact shape in any way (another key, order, type or value, a `toJSON`), is encoded
 * by `sseEvent`: the text is always exactly `sseEvent(payload)`.
 */
export function sseEventEncoder(): (payload: unknown) => string {
  let id: unknown;
  let created: unknown;
  let model: unknown;
  /** `data: {"id":…,"object":"chat.completion.chunk","created":…,"model":…,"choices":[` */
  let head = '';

  return (payload) => {
    const text = textDelta(payload);
    if (text === undefined) return sseEvent(payload);
    const chunk = payload as TextDeltaChunk;
    if (head === '' || chunk.id !== id || chunk.created !== created || chunk.model !== model) {
      id = chunk.id;
      created = chunk.created;
      model = chunk.model;
      head = `data: {"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${JSON.stringify(created)},"model":${JSON.stringify(model)},"choices":[`;
    }
    const choice = chunk.choices[0];
    return `${head}{"index":${choice.index},"delta":{"content":${JSON.stringify(text)}},"finish_reason":null,"logprobs":null}]${chunk.usage === null ? ',"usage":null' : ''}}\n\n`;
  };
}

interface TextDeltaChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: [{ index: number; delta: { content: string } }];
  usage?: null;
}

const CHUNK_KEYS = ['id', 'object', 'created', 'model', 'choices', 'usage'] as const;
const CHOICE_KEYS = ['index', 'delta', 'finish_reason', 'logprobs'] as const;

/** A plain object (no prototype of its own) with no `toJSON` that `JSON.stringify` would call. */
function plain(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype &&
    (value as { toJSON?: unknown }).toJSON === undefined
  );
}

/** Whether `value`'s enumerable keys (own and inherited) are exactly `keys` (or its first `min`), in order. */
function keysAre(value: object, keys: readonly string[], min: number): boolean {
  let i = 0;
  for (const key in value) {
    if (key !== keys[i]) return false;
    i += 1;
  }
  return i === keys.length || i === min;
}

/**
 * The text of a chunk of exactly the shape `sseEventEncoder` writes itself, `undefined` for any
 * other value: `{id, object: 'chat.completion.chunk', created, model, choices: [{index, delta:
 * {content}, finish_reason: null, logprobs: null}]}`, then `usage: null` or nothing, every field
 * a string or a safe integer where the JSON of both is the same.
 */
function textDelta(value: unknown): string | undefined {
  if (!plain(value) || !keysAre(value, CHUNK_KEYS, 5)) return undefined;
  if (value.object !== 'chat.completion.chunk' || typeof value.id !== 'string') return undefined;
  if (typeof value.model !== 'string' || !Number.isSafeInteger(value.created)) return undefined;
  if (value.usage !== undefined && value.usage !== null) return undefined;
  const choices = value.choices;
  if (!Array.isArray(choices) || choices.length !== 1 || !keysAre(choices, ['0'], 1)) {
    return undefined;
  }
  if (Object.getPrototypeOf(choices) !== Array.prototype) return undefined;
  if ((choices as { toJSON?: unknown }).toJSON !== undefined) return undefined;
  const choice: unknown = choices[0];
  if (!plain(choice) || !keysAre(choice, CHOICE_KEYS, 4)) return undefined;
  if (choice.finish_reason !== null || choice.logprobs !== null) return undefined;
  if (!Number.isSafeInteger(choice.index)) return undefined;
  const delta = choice.delta;
  if (!plain(delta) || !keysAre(delta, ['content'], 1)) return undefined;
  return typeof delta.content === 'string' ? delta.content : undefined;
}
