import type { ContentBlock } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { fromConverseOutput } from './from-converse-output.js';

const opts = { model: 'claude', id: 'chatcmpl-x', created: 1 };
const answer = (content: ContentBlock[], stopReason = 'end_turn') =>
  fromConverseOutput(
    { output: { message: { role: 'assistant', content } }, stopReason: stopReason as never },
    opts,
  );

describe('fromConverseOutput', () => {
  it('maps every stop reason', () => {
    const table: Array<[string, string, boolean]> = [
      ['end_turn', 'stop', false],
      ['stop_sequence', 'stop', false],
      ['tool_use', 'stop', false],
      ['max_tokens', 'length', false],
      ['model_context_window_exceeded', 'length', false],
      ['content_filtered', 'content_filter', false],
      ['guardrail_intervened', 'content_filter', false],
      ['malformed_tool_use', 'stop', true],
      ['malformed_model_output', 'stop', true],
      ['some_future_reason', 'stop', true],
    ];
    for (const [reason, finish, unmapped] of table) {
      const choice = answer([{ text: 'x' }], reason).choices[0];
      expect([reason, choice?.finish_reason]).toEqual([reason, finish]);
      expect(choice?.bedrock?.stop_reason).toBe(reason);
      expect(choice?.bedrock?.unmapped_stop_reason === true).toBe(unmapped);
    }
    const withCall = answer([{ toolUse: { toolUseId: 't', name: 'f', input: {} } }], 'tool_use')
      .choices[0];
    expect(withCall?.finish_reason).toBe('tool_calls');
  });

  it('builds the message: text joined, content null without text, tool calls with JSON strings', () => {
    const c = answer(
      [
        { text: 'Hello ' },
        { text: 'world' },
        { toolUse: { toolUseId: 't1', name: 'f', input: { a: [1, { b: null }] } } },
      ],
      'tool_use',
    );
    expect(c).toEqual({
      id: 'chatcmpl-x',
      object: 'chat.completion',
      created: 1,
      model: 'claude',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Hello world',
            refusal: null,
            tool_calls: [
              {
                id: 't1',
                type: 'function',
                function: { name: 'f', arguments: '{"a":[1,{"b":null}]}' },
              },
            ],
          },
          finish_reason: 'tool_calls',
          logprobs: null,
          bedrock: { stop_reason: 'tool_use' },
        },
      ],
    });
    expect(
      answer([{ toolUse: { toolUseId: 't', name: 'f', input: {} } }]).choices[0]?.message.content,
    ).toBeNull();
  });

  it('gives raw (non-JSON) arguments back exactly as written', () => {
    const c = answer(
      [{ toolUse: { toolUseId: 't', name: 'f', input: { __raw_arguments: '{"q": oops' } } }],
      'tool_use',
    );
    const call = c.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.arguments).toBe('{"q": oops');
  });

  it('keeps reasoning text, signature and redacted data', () => {
    const c = answer([
      { reasoningContent: { reasoningText: { text: 'Hmm.', signature: 'sig1' } } },
      { reasoningContent: { redactedContent: new Uint8Array([255, 0, 1]) } },
      { text: 'Done.' },
    ]);
    expect(c.choices[0]?.message.reasoning_content).toBe('Hmm.');
    expect(c.choices[0]?.message.reasoning_details).toEqual([
      { type: 'reasoning.text', text: 'Hmm.', signature: 'sig1', index: 0 },
      { type: 'reasoning.encrypted', data: '/wAB', index: 1 },
    ]);
  });

  it('keeps citations, guardrail trace and additional response fields in the bedrock extension', () => {
    const c = fromConverseOutput(
      {
        output: {
          message: {
            role: 'assistant',
            content: [
              {
                citationsContent: {
                  content: [{ text: 'Cited text.' }],
                  citations: [
                    {
                      title: 'doc',
                      location: { documentPage: { documentIndex: 0, start: 1, end: 2 } },
                    },
                  ],
                },
              },
            ],
          },
        },
        stopReason: 'guardrail_intervened',
        trace: { guardrail: { actionReason: 'blocked' } },
        additionalModelResponseFields: { stop_sequence: null },
      },
      opts,
    );
    expect(c.choices[0]?.message.content).toBe('Cited text.');
    expect(c.choices[0]?.bedrock).toEqual({
      stop_reason: 'guardrail_intervened',
      citations: [
        { title: 'doc', location: { documentPage: { documentIndex: 0, start: 1, end: 2 } } },
      ],
      trace: { guardrail: { actionReason: 'blocked' } },
      additional_model_response_fields: { stop_sequence: null },
    });
  });

  it('reports usage with cached tokens counted in prompt_tokens', () => {
    const c = fromConverseOutput(
      {
        output: { message: { role: 'assistant', content: [{ text: 'x' }] } },
        stopReason: 'end_turn',
        usage: {
          inputTokens: 10,
          outputTokens: 5,
          totalTokens: 1015,
          cacheReadInputTokens: 900,
          cacheWriteInputTokens: 100,
        },
      },
      opts,
    );
    expect(c.usage).toEqual({
      prompt_tokens: 1010,
      completion_tokens: 5,
      total_tokens: 1015,
      prompt_tokens_details: { cached_tokens: 900, cache_write_tokens: 100 },
    });
  });

  it('generates an id and a creation time when not given', () => {
    const c = fromConverseOutput(
      { output: { message: { role: 'assistant', content: [] } }, stopReason: 'end_turn' },
      { model: 'm' },
    );
    expect(c.id).toMatch(/^chatcmpl-[0-9a-f-]{36}$/);
    expect(Math.abs(c.created - Date.now() / 1000)).toBeLessThan(3600);
  });
});
