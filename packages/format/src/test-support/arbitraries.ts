import fc from 'fast-check';
import type { ChatCompletionMessageParam, ChatCompletionRequest } from '../openai-request.js';
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

const userPartArb = fc.oneof(
  textArb.map((text) => ({ type: 'text' as const, text })),
  imageArb.map(({ bytes, label }) => ({
    type: 'image_url' as const,
    image_url: { url: dataUrl(label, bytes) },
  })),
);

/**
 * How a generated tool call gets its id: unique and valid, unique but invalid for Bedrock
 * (mapped), or one of a few shared ids that repeat within a message and across turns.
 */
type CallIdKind = 'plain' | 'weird' | { shared: string };

const callIdArb: fc.Arbitrary<CallIdKind> = fc.oneof(
  fc.constantFrom<CallIdKind>('plain', 'weird'),
  fc.constantFrom('x', 'call_1', 'functions.x:0').map((shared) => ({ shared })),
);

type Step =
  | { kind: 'system'; text: string }
  | {
      kind: 'user';
      content:
        | string
        | Array<{ type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } }>;
    }
  | {
      kind: 'assistant';
      text: string | null;
      calls: Array<{ tool: number; args: string; id: CallIdKind }>;
    }
  | { kind: 'tool'; ref: number; text: string };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 1, arbitrary: textArb.map((text) => ({ kind: 'system' as const, text })) },
  {
    weight: 4,
    arbitrary: fc
      .oneof(textArb, fc.array(userPartArb, { maxLength: 3 }))
      .map((content) => ({ kind: 'user' as const, content })),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('assistant' as const),
      text: fc.option(textArb, { nil: null }),
      calls: fc.array(fc.record({ tool: fc.nat(5), args: argumentsArb, id: callIdArb }), {
        maxLength: 3,
      }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('tool' as const),
      ref: fc.integer({ min: -1, max: 8 }),
      text: textArb,
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
            return { role: 'user', content: step.content };
          case 'assistant': {
            const tool_calls = step.calls.map((c, j) => {
              const id =
                c.id === 'plain'
                  ? `call_${i}_${j}`
                  : c.id === 'weird'
                    ? `functions.call:${i}.${j}`
                    : c.id.shared;
              callIds.push(id);
              const name =
                tools.length > 0 ? (tools[c.tool % tools.length] as string) : `tool_${c.tool}`;
              return { id, type: 'function' as const, function: { name, arguments: c.args } };
            });
            return tool_calls.length > 0
              ? { role: 'assistant', content: step.text, tool_calls }
              : { role: 'assistant', content: step.text };
          }
          case 'tool':
            return {
              role: 'tool',
              tool_call_id: callIds[step.ref] ?? `orphan_${i}`,
              content: step.text,
            };
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
