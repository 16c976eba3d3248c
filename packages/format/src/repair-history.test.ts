import type { Message } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import type { ChatCompletionRequest } from './openai-request.js';
import { PLACEHOLDERS } from './repair-history.js';
import { toConverseInput } from './to-converse-input.js';
import { validateConverseInput } from './validate-converse-input.js';

const tools: NonNullable<ChatCompletionRequest['tools']> = [
  {
    type: 'function',
    function: {
      name: 'search',
      parameters: { type: 'object', properties: { q: { type: 'string' } } },
    },
  },
];
const call = (id: string, args = '{"q":"x"}') => ({
  id,
  type: 'function' as const,
  function: { name: 'search', arguments: args },
});

function convert(
  messages: ChatCompletionRequest['messages'],
  extra: Partial<ChatCompletionRequest> = {},
  options = {},
): Message[] {
  const { input } = toConverseInput({ model: 'm', messages, tools, ...extra }, options);
  expect(validateConverseInput(input)).toEqual([]);
  return input.messages ?? [];
}

describe('history repair', () => {
  it('adds a placeholder text to a user turn that holds only documents (Converse requires one)', () => {
    const file_data = `data:text/plain;base64,${Buffer.from('hello').toString('base64')}`;
    const out = convert(
      [
        {
          role: 'user',
          content: [
            {
              type: 'file',
              file: { file_data, filename: 'a.txt' },
              cache_control: { type: 'ephemeral' },
            },
          ],
        },
        { role: 'assistant', content: 'read it' },
        {
          role: 'user',
          content: [
            { type: 'file', file: { file_data, filename: 'b.txt' } },
            { type: 'text', text: 'why?' },
          ],
        },
      ],
      {},
      { promptCaching: true },
    );
    expect(out[0]?.content?.map((b) => Object.keys(b)[0])).toEqual([
      'document',
      'text',
      'cachePoint',
    ]);
    expect(out[0]?.content?.[1]).toEqual({ text: PLACEHOLDERS.documentWithoutText });
    // A turn that has its own text gets nothing added.
    expect(out[2]?.content?.map((b) => Object.keys(b)[0])).toEqual(['document', 'text']);
    expect(out[2]?.content?.[1]).toEqual({ text: 'why?' });
  });

  it('merges consecutive same-role messages', () => {
    const out = convert([
      { role: 'user', content: 'a' },
      { role: 'user', content: 'b' },
      { role: 'assistant', content: 'c' },
      { role: 'assistant', content: 'd' },
      { role: 'user', content: 'e' },
    ]);
    expect(out).toEqual([
      { role: 'user', content: [{ text: 'a' }, { text: 'b' }] },
      { role: 'assistant', content: [{ text: 'c' }, { text: 'd' }] },
      { role: 'user', content: [{ text: 'e' }] },
    ]);
  });

  it('groups tool results into one user turn right after the calling turn, results first', () => {
    const out = convert([
      { role: 'user', content: 'go' },
      { role: 'assistant', content: 'calling', tool_calls: [call('c1'), call('c2')] },
      { role: 'tool', tool_call_id: 'c2', content: 'two' },
      { role: 'user', content: 'also this' },
      { role: 'tool', tool_call_id: 'c1', content: 'one' },
      { role: 'assistant', content: 'done' },
      { role: 'user', content: 'thanks' },
    ]);
    expect(out[2]).toEqual({
      role: 'user',
      content: [
        { toolResult: { toolUseId: 'c1', content: [{ text: 'one' }] } },
        { toolResult: { toolUseId: 'c2', content: [{ text: 'two' }] } },
        { text: 'also this' },
      ],
    });
    expect(out[3]).toEqual({ role: 'assistant', content: [{ text: 'done' }] });
  });

  it('answers a tool call without result with an error result that says so', () => {
    const out = convert([
      { role: 'user', content: 'go' },
      { role: 'assistant', content: null, tool_calls: [call('c1')] },
      { role: 'user', content: 'never mind' },
    ]);
    expect(out[2]?.content?.[0]).toEqual({
      toolResult: {
        toolUseId: 'c1',
        content: [{ text: PLACEHOLDERS.missingToolResult }],
        status: 'error',
      },
    });
    expect(out[2]?.content?.[1]).toEqual({ text: 'never mind' });
  });

  it('turns a result without a matching call into text', () => {
    const out = convert([
      { role: 'user', content: 'go' },
      { role: 'tool', tool_call_id: 'ghost', content: '42' },
    ]);
    expect(out).toEqual([
      { role: 'user', content: [{ text: 'go' }, { text: '[tool result ghost] 42' }] },
    ]);
  });

  it('starts with a user turn and never sends blank text', () => {
    const out = convert([
      { role: 'assistant', content: 'Hello! How can I help?' },
      { role: 'user', content: '   ' },
      {
        role: 'user',
        content: [
          { type: 'text', text: '' },
          { type: 'text', text: 'real' },
        ],
      },
    ]);
    expect(out).toEqual([
      { role: 'user', content: [{ text: PLACEHOLDERS.conversationStart }] },
      { role: 'assistant', content: [{ text: 'Hello! How can I help?' }] },
      { role: 'user', content: [{ text: 'real' }] },
    ]);
    expect(convert([{ role: 'user', content: '' }])).toEqual([
      { role: 'user', content: [{ text: PLACEHOLDERS.emptyConversation }] },
    ]);
  });

  it('keeps a trailing assistant message as prefill only when supported', () => {
    const messages: ChatCompletionRequest['messages'] = [
      { role: 'user', content: 'JSON please' },
      { role: 'assistant', content: '{"answer": ' },
    ];
    expect(convert(messages, {}, { supportsPrefill: true }).at(-1)).toEqual({
      role: 'assistant',
      content: [{ text: '{"answer":' }],
    });
    expect(convert(messages).at(-1)).toEqual({
      role: 'user',
      content: [{ text: PLACEHOLDERS.continueAfterAssistant }],
    });
  });

  it('keeps invalid tool-argument JSON as written', () => {
    const out = convert([
      { role: 'user', content: 'go' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [call('c1', '{"q": "unterminated'), call('c2', '[1,2]'), call('c3', '')],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'r1' },
      { role: 'tool', tool_call_id: 'c2', content: 'r2' },
      { role: 'tool', tool_call_id: 'c3', content: 'r3' },
    ]);
    expect(out[1]?.content?.map((b) => b.toolUse?.input)).toEqual([
      { __raw_arguments: '{"q": "unterminated' },
      { __raw_arguments: '[1,2]' },
      {},
    ]);
  });

  it('maps invalid tool-call ids consistently on calls and results', () => {
    const out = convert([
      { role: 'user', content: 'go' },
      { role: 'assistant', content: null, tool_calls: [call('call/search #0')] },
      { role: 'tool', tool_call_id: 'call/search #0', content: 'r' },
    ]);
    const id = out[1]?.content?.[0]?.toolUse?.toolUseId;
    expect(id).toMatch(/^[a-zA-Z0-9_.:-]{1,64}$/);
    expect(out[2]?.content?.[0]?.toolResult?.toolUseId).toBe(id);
  });

  it('keeps ids with dots and colons as they are (Bedrock takes [a-zA-Z0-9_.:-]{1,64})', () => {
    const out = convert([
      { role: 'user', content: 'go' },
      { role: 'assistant', content: null, tool_calls: [call('functions.search:0')] },
      { role: 'tool', tool_call_id: 'functions.search:0', content: 'r' },
    ]);
    expect(out[1]?.content?.[0]?.toolUse?.toolUseId).toBe('functions.search:0');
    expect(out[2]?.content?.[0]?.toolResult?.toolUseId).toBe('functions.search:0');
  });
});

describe('repeated tool-call ids', () => {
  const result = (toolUseId: string, text: string) => ({
    toolResult: { toolUseId, content: [{ text }] },
  });

  it('gives repeats in one message unique ids and pairs the results in call order', () => {
    const out = convert([
      { role: 'user', content: 'go' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [call('x', '{"q":"a"}'), call('x', '{"q":"b"}'), call('y')],
      },
      { role: 'tool', tool_call_id: 'x', content: 'for a' },
      { role: 'tool', tool_call_id: 'y', content: 'for y' },
      { role: 'tool', tool_call_id: 'x', content: 'for b' },
    ]);
    expect(out[1]?.content?.map((b) => [b.toolUse?.toolUseId, b.toolUse?.input])).toEqual([
      ['x', { q: 'a' }],
      ['x_2', { q: 'b' }],
      ['y', { q: 'x' }],
    ]);
    expect(out[2]).toEqual({
      role: 'user',
      content: [result('x', 'for a'), result('x_2', 'for b'), result('y', 'for y')],
    });
    expect(out).toHaveLength(3);
  });

  it('gives an id reused in a later turn a new id, and its result goes to the later call', () => {
    const out = convert([
      { role: 'user', content: 'go' },
      { role: 'assistant', content: null, tool_calls: [call('functions.search:0')] },
      { role: 'tool', tool_call_id: 'functions.search:0', content: 'first' },
      { role: 'assistant', content: null, tool_calls: [call('functions.search:0')] },
      { role: 'tool', tool_call_id: 'functions.search:0', content: 'second' },
    ]);
    const first = out[1]?.content?.[0]?.toolUse?.toolUseId ?? '';
    const second = out[3]?.content?.[0]?.toolUse?.toolUseId ?? '';
    expect(second).toBe(`${first}_2`);
    expect(out[2]?.content).toEqual([result(first, 'first')]);
    expect(out[4]?.content).toEqual([result(second, 'second')]);
  });

  it('gives a result to the latest turn still waiting for its id, then to earlier ones', () => {
    const out = convert([
      { role: 'user', content: 'go' },
      { role: 'assistant', content: null, tool_calls: [call('x')] },
      { role: 'user', content: 'hm?' },
      { role: 'assistant', content: null, tool_calls: [call('x')] },
      { role: 'tool', tool_call_id: 'x', content: 'late' },
      { role: 'tool', tool_call_id: 'x', content: 'extra' },
      { role: 'tool', tool_call_id: 'x', content: 'one too many' },
    ]);
    expect(out[2]?.content).toEqual([result('x', 'extra'), { text: 'hm?' }]);
    expect(out[4]?.content).toEqual([
      result('x_2', 'late'),
      { text: '[tool result x] one too many' },
    ]);
  });
});

describe('tool history without callable tools', () => {
  const history: ChatCompletionRequest['messages'] = [
    { role: 'user', content: 'go' },
    { role: 'assistant', content: null, tool_calls: [call('c1')] },
    { role: 'tool', tool_call_id: 'c1', content: 'found it' },
    { role: 'user', content: 'now summarise' },
  ];

  it('tool_choice none: no toolConfig, tool blocks rendered as text', () => {
    const { input } = toConverseInput({
      model: 'm',
      messages: history,
      tools,
      tool_choice: 'none',
    });
    expect(input.toolConfig).toBeUndefined();
    expect(input.messages?.[1]?.content).toEqual([{ text: '[tool call c1] search({"q":"x"})' }]);
    expect(input.messages?.[2]?.content).toEqual([
      { text: '[tool result c1] found it' },
      { text: 'now summarise' },
    ]);
    expect(validateConverseInput(input)).toEqual([]);
  });

  it('supportsToolUse false: tools stripped the same way, and forced choices refused', () => {
    const result = toConverseInput(
      { model: 'm', messages: history, tools },
      { supportsToolUse: false },
    );
    expect(result.input.toolConfig).toBeUndefined();
    expect(result.dropped).toEqual(['tools']);
    expect(validateConverseInput(result.input)).toEqual([]);
    expect(() =>
      toConverseInput(
        { model: 'm', messages: history, tools, tool_choice: 'required' },
        { supportsToolUse: false },
      ),
    ).toThrow(/tool use/);
  });

  it('history with tool calls but no tools in the request', () => {
    const { input } = toConverseInput({ model: 'm', messages: history });
    expect(input.toolConfig).toBeUndefined();
    expect(validateConverseInput(input)).toEqual([]);
  });
});

describe('tool history without tools offered', () => {
  const SENT_AS_TEXT = /tool calls and results in the history were sent as text/;

  it('is named in warnings only when the history holds a tool block', () => {
    const plain = toConverseInput({
      model: 'm',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
        { role: 'user', content: 'bye' },
      ],
    });
    expect(plain.warnings.join(' ')).not.toMatch(SENT_AS_TEXT);
    const withCall = toConverseInput({
      model: 'm',
      messages: [
        { role: 'user', content: 'find x' },
        { role: 'assistant', content: 'looking', tool_calls: [call('c1')] },
        { role: 'tool', tool_call_id: 'c1', content: 'found it' },
        { role: 'user', content: 'thanks' },
      ],
    });
    expect(withCall.warnings.join(' ')).toMatch(SENT_AS_TEXT);
    expect(withCall.input.messages?.[1]?.content).toEqual([
      { text: 'looking' },
      { text: '[tool call c1] search({"q":"x"})' },
    ]);
    // Turns without tool blocks keep their blocks as they were.
    expect(withCall.input.messages?.[0]?.content).toEqual([{ text: 'find x' }]);
  });
});
