import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sseEvent } from './sse.js';
import { sseEventEncoder } from './sse-event-encoder.js';

/**
 * The encoder writes text-delta chunks from JSON it keeps per stream; whatever it is given, its
 * text must be exactly `sseEvent`'s.
 */
const textChunk = (content: string, index = 0, id = 'chatcmpl-1', created = 1, model = 'm') => ({
  id,
  object: 'chat.completion.chunk',
  created,
  model,
  choices: [{ index, delta: { content }, finish_reason: null, logprobs: null }],
});

/** Any text, lone surrogates, controls, quotes and backslashes included. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({
    unit: fc.constantFrom('"', '\\', '\n', '\u0000', '\u2028', '\ud800', '\udfff', 'é', '😀', 'a'),
  }),
);

describe('sseEventEncoder', () => {
  it('writes text-delta chunks exactly as sseEvent, across ids, models and usage', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            content: anyText,
            index: fc.oneof(fc.constant(0), fc.nat(5), fc.constant(-0)),
            id: fc.constantFrom('chatcmpl-1', 'chatcmpl-"2"', 'ü'),
            created: fc.oneof(fc.constant(1), fc.integer(), fc.constant(-0)),
            model: fc.constantFrom('m', 'anthropic.claude\u2028', ''),
            usage: fc.constantFrom('absent', 'null', 'undefined'),
          }),
          { maxLength: 8 },
        ),
        (specs) => {
          const encode = sseEventEncoder();
          for (const s of specs) {
            const chunk: Record<string, unknown> = textChunk(
              s.content,
              s.index,
              s.id,
              s.created,
              s.model,
            );
            if (s.usage !== 'absent') chunk.usage = s.usage === 'null' ? null : undefined;
            expect(encode(chunk)).toBe(sseEvent(chunk));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('writes every other shape exactly as sseEvent', () => {
    const base = () => textChunk('Hi');
    const variants: Array<() => unknown> = [
      () => ({ ...base(), extra: 1 }),
      () => {
        const { id, ...rest } = base();
        return { ...rest, id };
      },
      () => ({ ...base(), usage: { prompt_tokens: 1 } }),
      () => ({ ...base(), object: 'chat.completion' }),
      () => ({ ...base(), created: 1.5 }),
      () => ({ ...base(), created: Number.NaN }),
      () => ({ ...base(), created: '1' }),
      () => ({ ...base(), id: 7 }),
      () => ({ ...base(), choices: [] }),
      () => ({ ...base(), choices: [base().choices[0], base().choices[0]] }),
      () => ({ ...base(), choices: [{ ...base().choices[0], finish_reason: 'stop' }] }),
      () => ({ ...base(), choices: [{ ...base().choices[0], logprobs: undefined }] }),
      () => ({ ...base(), choices: [{ ...base().choices[0], index: 1.5 }] }),
      () => ({
        ...base(),
        choices: [{ ...base().choices[0], delta: { content: 'a', role: 'x' } }],
      }),
      () => ({ ...base(), choices: [{ ...base().choices[0], delta: { role: 'assistant' } }] }),
      () => ({ ...base(), choices: [{ ...base().choices[0], delta: { content: null } }] }),
      () => ({ ...base(), choices: [{ ...base().choices[0], delta: {} }] }),
      () => ({ ...base(), choices: [{ ...base().choices[0], bedrock: {} }] }),
      () => ({ ...base(), toJSON: () => 'replaced' }),
      () => ({
        ...base(),
        choices: [{ ...base().choices[0], delta: { content: 'a', toJSON: () => 1 } }],
      }),
      () => Object.assign(Object.create({ inherited: 1 }), base()),
      () => Object.assign(Object.create(null), base()),
      () => {
        const choices = base().choices;
        return { ...base(), choices: Object.assign(choices, { more: 1 }) };
      },
      () => {
        const choices = base().choices;
        return { ...base(), choices: Object.assign(choices, { toJSON: () => [] }) };
      },
      () => ({ type: 'response.output_text.delta', delta: 'Hi' }),
      () => ({ error: { message: 'x', type: 'server_error', param: null, code: null } }),
      () => 'text',
      () => null,
      () => [base()],
    ];
    const encode = sseEventEncoder();
    for (const make of variants) {
      // after a fast-path chunk too, so a stale shared prefix would show
      expect(encode(base())).toBe(sseEvent(base()));
      const value = make();
      expect(encode(value)).toBe(sseEvent(value));
    }
  });
});
