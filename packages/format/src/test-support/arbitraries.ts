import fc from 'fast-check';
import type {
  ChatCompletionContentPartImage,
  ChatCompletionContentPartText,
  ChatCompletionMessageParam,
  ChatCompletionRequest,
} from '../openai-request.js';
import { dataUrl, IMAGES } from './images.js';

const labels = [
  'image/png',
  'image/jpeg',
  'image/jpg',
  'image/gif',
  'image/webp',
  'application/octet-stream',
  '',
];

/** Any text, including empty, whitespace-only and non-ASCII. */
export const textArb = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', '\n\t ', 'ok'),
);

/** Valid and invalid (to be renamed) tool names. */
export const toolNameArb = fc.oneof(
  fc.stringMatching(/^[a-zA-Z0-9_-]{1,20}$/),
  fc.string({ minLength: 1, maxLength: 80 }),
);

/** A tool-call arguments string: JSON objects, other JSON, broken JSON, empty. */
export const argumentsArb = fc.oneof(
  fc
    .dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
    .map((o) => JSON.stringify(o)),
  fc.jsonValue({ maxDepth: 1 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 30 }),
);

const imageArb = fc.record({
  bytes: fc.constantFrom(...Object.values(IMAGES)),
  label: fc.constantFrom(...labels),
});

/** A cache marker (Anthropic-style, with or without a TTL), or none most of the time. */
const cacheArb = fc.option(
  fc.constantFrom<{ type: 'ephemeral'; ttl?: '5m' | '1h' }>(
    { type: 'ephemeral' },
    { type: 'ephemeral', ttl: '5m' },
    { type: 'ephemeral', ttl: '1h' },
  ),
  { nil: undefined, freq: 4 },
);

/** Adds `cache_control` to a part, message or tool call when the marker is set. */
function marked<T extends object>(
  value: T,
  cache: { type: 'ephemeral'; ttl?: '5m' | '1h' } | undefined,
): T {
  return cache === undefined ? value : { ...value, cache_control: cache };
}

const userPartArb = fc.oneof(
  fc
    .tuple(textArb, cacheArb)
    .map(([text, cache]) => marked({ type: 'text' as const, text }, cache)),
  fc
    .tuple(imageArb, cacheArb)
    .map(([{ bytes, label }, cache]) =>
      marked({ type: 'image_url' as const, image_url: { url: dataUrl(label, bytes) } }, cache),
    ),
);

/**
 * How a generated tool call gets its id: unique and valid, unique but invalid for Bedrock
 * (mapped), or one of a few shared ids that repeat within a message and across turns.
 */
type CallIdKind = 'plain' | 'weird' | 'invalid' | { shared: string };

const callIdArb: fc.Arbitrary<CallIdKind> = fc.oneof(
  fc.constantFrom<CallIdKind>('plain', 'weird', 'invalid'),
  fc.constantFrom('x', 'call_1', 'functions.x:0').map((shared) => ({ shared })),
);

type Step =
  | { kind: 'system'; text: string }
  | { kind: 'user'; content: string | UserPart[]; cache: Cache }
  | {
      kind: 'assistant';
      text: string | null;
      calls: Array<{ tool: number; args: string; id: CallIdKind; cache: Cache }>;
      cache: Cache;
    }
  | { kind: 'tool'; ref: number; content: string | UserPart[]; cache: Cache };

type Cache = { type: 'ephemeral'; ttl?: '5m' | '1h' } | undefined;
type UserPart = ChatCompletionContentPartText | ChatCompletionContentPartImage;

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 1, arbitrary: textArb.map((text) => ({ kind: 'system' as const, text })) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.oneof(textArb, fc.array(userPartArb, { maxLength: 3 })), cacheArb)
      .map(([content, cache]) => ({ kind: 'user' as const, content, cache })),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('assistant' as const),
      text: fc.option(textArb, { nil: null }),
      calls: fc.array(
        fc.record({ tool: fc.nat(5), args: argumentsArb, id: callIdArb, cache: cacheArb }),
        { maxLength: 3 },
      ),
      cache: cacheArb,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('tool' as const),
      ref: fc.integer({ min: -1, max: 8 }),
      content: fc.oneof(textArb, fc.array(userPartArb, { maxLength: 2 })),
      cache: cacheArb,
    }),
  },
);

/**
 * Random valid OpenAI requests with tools, tool history (complete, partial, orphaned, with
 * repeated call ids) and images.
 */
export const requestArb: fc.Arbitrary<ChatCompletionRequest> = fc
  .record({
    tools: fc.uniqueArray(toolNameArb, { maxLength: 4 }),
    steps: fc.array(stepArb, { minLength: 1, maxLength: 12 }),
    choice: fc.constantFrom<'auto' | 'none' | 'required' | undefined>(
      'auto',
      'none',
      'required',
      undefined,
    ),
  })
  .map(({ tools, steps, choice }) => {
    const callIds: string[] = [];
    const messages: ChatCompletionMessageParam[] = steps.map(
      (step, i): ChatCompletionMessageParam => {
        switch (step.kind) {
          case 'system':
            return { role: 'system', content: step.text };
          case 'user':
            return marked({ role: 'user', content: step.content }, step.cache);
          case 'assistant': {
            const tool_calls = step.calls.map((c, j) => {
              const id =
                c.id === 'plain'
                  ? `call_${i}_${j}`
                  : c.id === 'weird'
                    ? `functions.call:${i}.${j}`
                    : c.id === 'invalid'
                      ? `call/${i} #${j}`
                      : c.id.shared;
              callIds.push(id);
              const name =
                tools.length > 0 ? (tools[c.tool % tools.length] as string) : `tool_${c.tool}`;
              return marked(
                { id, type: 'function' as const, function: { name, arguments: c.args } },
                c.cache,
              );
            });
            return marked(
              tool_calls.length > 0
                ? { role: 'assistant', content: step.text, tool_calls }
                : { role: 'assistant', content: step.text },
              step.cache,
            );
          }
          case 'tool':
            return marked(
              {
                role: 'tool',
                tool_call_id: callIds[step.ref] ?? `orphan_${i}`,
                content: step.content,
              },
              step.cache,
            );
          default: {
            const unreachable: never = step;
            return unreachable;
          }
        }
      },
    );
    const request: ChatCompletionRequest = {
      model: 'anthropic.claude-3-haiku-20240307-v1:0',
      messages,
    };
    if (tools.length > 0)
      request.tools = tools.map((name) => ({ type: 'function', function: { name } }));
    if (choice !== undefined && (tools.length > 0 || choice !== 'required'))
      request.tool_choice = choice;
    return request;
  });
