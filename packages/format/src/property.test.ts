import type {
  ContentBlock,
  ConverseResponse,
  ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectChatCompletion } from './collect-chat-completion.js';
import { fromConverseOutput } from './from-converse-output.js';
import { fromConverseStream } from './from-converse-stream.js';
import { parseDataUrl } from './image-bytes.js';
import { requestArb } from './test-support/arbitraries.js';
import { replay } from './test-support/fixtures.js';
import { toConverseInput } from './to-converse-input.js';
import { inputToArguments } from './tool-arguments.js';
import { restoreToolName, toBedrockToolUseId } from './tool-names.js';
import { validateConverseInput } from './validate-converse-input.js';

const optionsArb = fc.record({
  supportsToolUse: fc.boolean(),
  supportsPrefill: fc.boolean(),
  promptCaching: fc.constantFrom(false, true, { automatic: true }),
  // `tool_choice: required` for a model without tool use is a request the model cannot serve;
  // its error path has unit tests, here it is dropped.
  dropUnsupportedParams: fc.constant(true),
});

/** Every `text` string anywhere in the input (system, messages, tool results). */
function allTexts(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) allTexts(v, out);
  else if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'text' && typeof v === 'string') out.push(v);
      else allTexts(v, out);
    }
  }
  return out;
}

function countImages(request: { messages: readonly unknown[] }): number {
  let images = 0;
  for (const message of request.messages) {
    const content = (message as { content?: unknown }).content;
    if (!Array.isArray(content)) continue;
    for (const part of content) if ((part as { type?: unknown }).type === 'image_url') images++;
  }
  return images;
}

function sameJson(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return a === b;
  }
}

describe('property: any valid OpenAI request converts to input Bedrock accepts, losing nothing', () => {
  it('passes validateConverseInput and keeps texts, tool calls and images', () => {
    fc.assert(
      fc.property(requestArb, optionsArb, (request, options) => {
        // Bedrock takes at most 20 images a request: more is a clear error naming the part.
        if (countImages(request) > 20) {
          expect(() => toConverseInput(request, options)).toThrow(/at most 20 images/);
          return;
        }
        const { input, toolNames } = toConverseInput(request, options);
        expect(validateConverseInput(input)).toEqual([]);
        const texts = allTexts(input).join('\u0000');
        // Top-level blocks and the blocks inside tool results (images sent with a result).
        const blocks = (input.messages ?? []).flatMap((m) =>
          (m.content ?? []).flatMap((b): ContentBlock[] => [
            b,
            ...((b.toolResult?.content ?? []) as ContentBlock[]),
          ]),
        );
        for (const message of request.messages) {
          const content = 'content' in message ? message.content : null;
          const parts =
            typeof content === 'string' ? [content] : Array.isArray(content) ? content : [];
          for (const part of parts) {
            const text =
              typeof part === 'string' ? part : part.type === 'text' ? part.text : undefined;
            if (text !== undefined && text.trim() !== '') expect(texts).toContain(text.trimEnd());
            if (typeof part !== 'string' && part.type === 'image_url') {
              const bytes = parseDataUrl(part.image_url.url, 'p')?.bytes;
              expect(
                blocks.some(
                  (b) =>
                    b.image?.source?.bytes !== undefined &&
                    Buffer.from(b.image.source.bytes).equals(Buffer.from(bytes ?? [])),
                ),
              ).toBe(true);
            }
          }
        }
        if (input.toolConfig === undefined) return;
        // Every call, in order, as a toolUse with its original name and arguments (ids may
        // repeat in the request; validateConverseInput checked that Bedrock's are unique).
        const calls = request.messages.flatMap((m) =>
          m.role === 'assistant' ? (m.tool_calls ?? []) : [],
        );
        const uses = blocks.flatMap((b) => (b.toolUse === undefined ? [] : [b.toolUse]));
        expect(uses).toHaveLength(calls.length);
        calls.forEach((call, i) => {
          if (call.type !== 'function') return;
          const use = uses[i];
          expect(restoreToolName(use?.name ?? '', toolNames)).toBe(call.function.name);
          const args = call.function.arguments.trim() === '' ? '{}' : call.function.arguments;
          expect(sameJson(inputToArguments(use?.input), args)).toBe(true);
          expect(use?.toolUseId?.startsWith(toBedrockToolUseId(call.id).slice(0, 60))).toBe(true);
        });
      }),
      { numRuns: 2000 },
    );
    // 2,000 conversions take ~3 s alone; the shared build machine can triple that.
  }, 60_000);
});

const blockArb: fc.Arbitrary<ContentBlock> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }).map((text) => ({ text })),
  fc
    .record({
      id: fc.stringMatching(/^[a-zA-Z0-9_-]{1,12}$/),
      name: fc.stringMatching(/^[a-zA-Z0-9_-]{1,12}$/),
      input: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), {
        maxKeys: 3,
      }),
    })
    .map(({ id, name, input }) => ({ toolUse: { toolUseId: id, name, input: input as never } })),
  fc
    .record({
      text: fc.string({ maxLength: 20 }),
      signature: fc.option(fc.string({ minLength: 1, maxLength: 10 }), { nil: undefined }),
    })
    .map(({ text, signature }) => ({
      reasoningContent: { reasoningText: signature === undefined ? { text } : { text, signature } },
    })),
  fc
    .uint8Array({ minLength: 1, maxLength: 12 })
    .map((redactedContent) => ({ reasoningContent: { redactedContent } })),
);

/** Splits a string into 1..4 fragments at the given cut points. */
function fragments(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let last = 0;
  for (const p of points) {
    if (p > last) out.push(text.slice(last, p));
    last = Math.max(last, p);
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function toEvents(
  content: ContentBlock[],
  stopReason: string,
  cuts: number[],
): ConverseStreamOutput[] {
  const events: ConverseStreamOutput[] = [{ messageStart: { role: 'assistant' } }];
  content.forEach((block, i) => {
    const delta = (d: object) =>
      events.push({ contentBlockDelta: { contentBlockIndex: i, delta: d as never } });
    if (block.text !== undefined) for (const f of fragments(block.text, cuts)) delta({ text: f });
    if (block.toolUse !== undefined) {
      events.push({
        contentBlockStart: {
          contentBlockIndex: i,
          start: { toolUse: { toolUseId: block.toolUse.toolUseId, name: block.toolUse.name } },
        },
      });
      const json = JSON.stringify(block.toolUse.input);
      if (json !== '{}') for (const f of fragments(json, cuts)) delta({ toolUse: { input: f } });
    }
    const r = block.reasoningContent;
    if (r?.reasoningText !== undefined) {
      for (const f of fragments(r.reasoningText.text ?? '', cuts))
        delta({ reasoningContent: { text: f } });
      if ((r.reasoningText.text ?? '') === '') delta({ reasoningContent: { text: '' } });
      if (r.reasoningText.signature !== undefined)
        delta({ reasoningContent: { signature: r.reasoningText.signature } });
    }
    if (r?.redactedContent !== undefined)
      delta({ reasoningContent: { redactedContent: r.redactedContent } });
    events.push({ contentBlockStop: { contentBlockIndex: i } });
  });
  events.push({ messageStop: { stopReason: stopReason as never } });
  events.push({
    metadata: {
      usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
      metrics: { latencyMs: 1 },
    },
  });
  return events;
}

describe('property: streamed and whole answers agree', () => {
  it('collectChatCompletion(fromConverseStream(events)) equals fromConverseOutput(output)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(blockArb, { maxLength: 6 }),
        fc.constantFrom(
          'end_turn',
          'tool_use',
          'max_tokens',
          'stop_sequence',
          'guardrail_intervened',
          'malformed_tool_use',
          'something_new',
        ),
        fc.array(fc.nat(40), { maxLength: 3 }),
        async (content, stopReason, cuts) => {
          const output: ConverseResponse = {
            output: { message: { role: 'assistant', content } },
            stopReason: stopReason as never,
            usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
            metrics: { latencyMs: 1 },
          };
          const options = { model: 'm', id: 'chatcmpl-p', created: 5, includeUsage: true };
          const whole = fromConverseOutput(output, options);
          const streamed = await collectChatCompletion(
            fromConverseStream(replay(toEvents(content, stopReason, cuts)), options),
          );
          expect(streamed).toStrictEqual(whole);
          const text = content.map((b) => b.text ?? '').join('');
          expect(whole.choices[0]?.message.content).toBe(text === '' ? null : text);
          const calls = content.filter((b) => b.toolUse !== undefined);
          expect(whole.choices[0]?.message.tool_calls?.length ?? 0).toBe(calls.length);
        },
      ),
      { numRuns: 600 },
    );
  }, 60_000);
});
