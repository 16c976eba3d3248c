import type { ConverseResponse, ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { collectChatCompletion } from './collect-chat-completion.js';
import { fromConverseOutput } from './from-converse-output.js';
import { fromConverseStream } from './from-converse-stream.js';
import { replay } from './test-support/fixtures.js';
import { toConverseInput } from './to-converse-input.js';
import { validateConverseInput } from './validate-converse-input.js';

const base = { model: 'claude', id: 'chatcmpl-abc', created: 1700000000 };

function answer(content: unknown[], stopReason = 'end_turn', usage?: unknown): ConverseResponse {
  const out = { output: { message: { role: 'assistant', content } }, stopReason } as never;
  if (usage !== undefined) Object.assign(out, { usage });
  return out;
}

/** Answer -> the same answer through a stream, folded. */
async function streamed(events: ConverseStreamOutput[], options = {}) {
  return collectChatCompletion(fromConverseStream(replay(events), { ...base, ...options }));
}

describe('an empty toolUseId (item 1)', () => {
  it('gets a stable, unique id in whole answers and streams, and the round trip keeps the result', async () => {
    const out = answer(
      [
        { toolUse: { toolUseId: '', name: 'get_weather', input: { city: 'Paris' } } },
        { toolUse: { toolUseId: '', name: 'get_weather', input: { city: 'Rome' } } },
      ],
      'tool_use',
    );
    const whole = fromConverseOutput(out, base);
    const ids = whole.choices[0]?.message.tool_calls?.map((c) => c.id);
    expect(ids).toEqual(['call_abc_0', 'call_abc_1']);
    const events: ConverseStreamOutput[] = [
      { messageStart: { role: 'assistant' } },
      {
        contentBlockStart: {
          contentBlockIndex: 0,
          start: { toolUse: { toolUseId: '', name: 'get_weather' } },
        },
      },
      {
        contentBlockDelta: {
          contentBlockIndex: 0,
          delta: { toolUse: { input: '{"city":"Paris"}' } },
        },
      },
      { contentBlockStop: { contentBlockIndex: 0 } },
      {
        contentBlockStart: {
          contentBlockIndex: 1,
          start: { toolUse: { toolUseId: '', name: 'get_weather' } },
        },
      },
      {
        contentBlockDelta: {
          contentBlockIndex: 1,
          delta: { toolUse: { input: '{"city":"Rome"}' } },
        },
      },
      { contentBlockStop: { contentBlockIndex: 1 } },
      { messageStop: { stopReason: 'tool_use' } },
    ];
    const folded = await streamed(events);
    expect(folded.choices[0]?.message.tool_calls?.map((c) => c.id)).toEqual(ids);

    const message = whole.choices[0]?.message;
    const { input } = toConverseInput({
      model: 'm',
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        { role: 'assistant', content: null, tool_calls: message?.tool_calls ?? [] },
        { role: 'tool', tool_call_id: ids?.[0] ?? '', content: 'sunny' },
        { role: 'tool', tool_call_id: ids?.[1] ?? '', content: 'rainy' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: {} } }],
    });
    expect(input.messages?.[2]?.content).toEqual([
      { toolResult: { toolUseId: 'call_abc_0', content: [{ text: 'sunny' }] } },
      { toolResult: { toolUseId: 'call_abc_1', content: [{ text: 'rainy' }] } },
    ]);
    expect(validateConverseInput(input)).toEqual([]);
  });

  it('pairs an assistant call with an empty id and the tool message answering that empty id', () => {
    const { input } = toConverseInput({
      model: 'm',
      messages: [
        { role: 'user', content: 'go' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: '', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: '', content: 'done' },
      ],
      tools: [{ type: 'function', function: { name: 'f' } }],
    });
    const result = input.messages?.[2]?.content?.[0]?.toolResult;
    expect(result?.content).toEqual([{ text: 'done' }]);
    expect(result?.status).toBeUndefined();
    expect(result?.toolUseId).toBe(input.messages?.[1]?.content?.[0]?.toolUse?.toolUseId);
    expect(validateConverseInput(input)).toEqual([]);
  });
});

describe('structured output through the forced tool (item 5)', () => {
  const options = { ...base, structuredOutputTool: 'structured_output' };
  it('keeps a preamble out of content, in whole answers and streams', async () => {
    const out = answer(
      [
        { text: 'Here is your data:' },
        { toolUse: { toolUseId: 't1', name: 'structured_output', input: { a: 1 } } },
      ],
      'tool_use',
    );
    const whole = fromConverseOutput(out, options);
    expect(whole.choices[0]?.message.content).toBe('{"a":1}');
    expect(JSON.parse(whole.choices[0]?.message.content ?? '')).toEqual({ a: 1 });
    expect(whole.choices[0]?.bedrock?.structured_output_preamble).toBe('Here is your data:');
    expect(whole.choices[0]?.finish_reason).toBe('stop');

    const events: ConverseStreamOutput[] = [
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Here is ' } } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'your data:' } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      {
        contentBlockStart: {
          contentBlockIndex: 1,
          start: { toolUse: { toolUseId: 't1', name: 'structured_output' } },
        },
      },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input: '{"a":' } } } },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input: '1}' } } } },
      { contentBlockStop: { contentBlockIndex: 1 } },
      { messageStop: { stopReason: 'tool_use' } },
      {
        metadata: {
          usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
          metrics: { latencyMs: 1 },
        },
      },
    ];
    const chunks = [];
    for await (const c of fromConverseStream(replay(events), options)) chunks.push(c);
    const contents = chunks.map((c) => c.choices[0]?.delta.content).filter((t) => t);
    expect(contents.join('')).toBe('{"a":1}');
    const folded = await collectChatCompletion(fromConverseStream(replay(events), options));
    expect(folded).toEqual({ ...whole, usage: undefined, choices: folded.choices });
    expect(folded.choices).toEqual(whole.choices);
  });

  it('sends the text when the model answers without the tool (nothing is lost)', async () => {
    const events: ConverseStreamOutput[] = [
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'I cannot.' } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { messageStop: { stopReason: 'end_turn' } },
    ];
    const folded = await streamed(events, { structuredOutputTool: 'structured_output' });
    expect(folded.choices[0]?.message.content).toBe('I cannot.');
    expect(folded.choices[0]?.bedrock?.structured_output_preamble).toBeUndefined();
  });
});

describe('server-side tool use (item 6)', () => {
  it('is reported in the bedrock extension, never as a tool call, and finishes with stop', async () => {
    const out = answer([
      {
        toolUse: {
          toolUseId: 'srv1',
          name: 'nova_grounding',
          input: { query: 'news' },
          type: 'server_tool_use',
        },
      },
      { text: 'Today, ...' },
    ]);
    const whole = fromConverseOutput(out, base);
    const choice = whole.choices[0];
    expect(choice?.message.tool_calls).toBeUndefined();
    expect(choice?.finish_reason).toBe('stop');
    expect(choice?.message.content).toBe('Today, ...');
    expect(choice?.bedrock?.server_tool_uses).toEqual([
      { id: 'srv1', name: 'nova_grounding', input: { query: 'news' } },
    ]);
    const events: ConverseStreamOutput[] = [
      { messageStart: { role: 'assistant' } },
      {
        contentBlockStart: {
          contentBlockIndex: 0,
          start: {
            toolUse: { toolUseId: 'srv1', name: 'nova_grounding', type: 'server_tool_use' },
          },
        },
      },
      {
        contentBlockDelta: {
          contentBlockIndex: 0,
          delta: { toolUse: { input: '{"query":"news"}' } },
        },
      },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'Today, ...' } } },
      { contentBlockStop: { contentBlockIndex: 1 } },
      { messageStop: { stopReason: 'end_turn' } },
    ];
    const chunks = [];
    for await (const c of fromConverseStream(replay(events), base)) chunks.push(c);
    expect(chunks.some((c) => c.choices[0]?.delta.tool_calls !== undefined)).toBe(false);
    const folded = await streamed(events);
    expect(folded.choices).toEqual(whole.choices);
  });
});

describe('redactedContent as a base64 string (item 8)', () => {
  const bytes = new Uint8Array([1, 2, 3, 250]);
  const b64 = Buffer.from(bytes).toString('base64');
  it('is decoded from raw JSON like the SDK bytes', async () => {
    const raw = JSON.parse(
      `{"output":{"message":{"role":"assistant","content":[{"reasoningContent":{"redactedContent":"${b64}"}},{"text":"ok"}]}},"stopReason":"end_turn"}`,
    ) as ConverseResponse;
    const fromRaw = fromConverseOutput(raw, base);
    const fromSdk = fromConverseOutput(
      answer([{ reasoningContent: { redactedContent: bytes } }, { text: 'ok' }]),
      base,
    );
    expect(fromRaw).toEqual(fromSdk);
    expect(fromRaw.choices[0]?.message.reasoning_details).toEqual([
      { type: 'reasoning.encrypted', data: b64, index: 0 },
    ]);
    const events = [
      { messageStart: { role: 'assistant' } },
      JSON.parse(
        `{"contentBlockDelta":{"contentBlockIndex":0,"delta":{"reasoningContent":{"redactedContent":"${b64}"}}}}`,
      ),
      { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'ok' } } },
      { messageStop: { stopReason: 'end_turn' } },
    ] as ConverseStreamOutput[];
    expect((await streamed(events)).choices).toEqual(fromSdk.choices);
  });

  it('that is not base64 is a validation error naming the field, not a TypeError', () => {
    const raw = answer([{ reasoningContent: { redactedContent: 'not base64!' } }]);
    expect(() => fromConverseOutput(raw, base)).toThrow(/redactedContent is not valid base64/);
  });
});

describe('usage detail (item 9)', () => {
  it('reports cache writes per TTL and reasoning tokens, in answers and streams', async () => {
    const usage = {
      inputTokens: 10,
      outputTokens: 50,
      totalTokens: 1260,
      cacheReadInputTokens: 0,
      cacheWriteInputTokens: 1200,
      cacheDetails: [
        { ttl: '1h', inputTokens: 1000 },
        { ttl: '5m', inputTokens: 200 },
      ],
    };
    const thinking = 'Let me think about it carefully.'; // 32 characters
    const whole = fromConverseOutput(
      answer(
        [
          { reasoningContent: { reasoningText: { text: thinking, signature: 's' } } },
          { text: 'ok' },
        ],
        'end_turn',
        usage,
      ),
      base,
    );
    expect(whole.usage).toEqual({
      prompt_tokens: 1210,
      completion_tokens: 50,
      total_tokens: 1260,
      prompt_tokens_details: {
        cached_tokens: 0,
        cache_write_tokens: 1200,
        cache_creation: { ephemeral_5m_input_tokens: 200, ephemeral_1h_input_tokens: 1000 },
      },
      completion_tokens_details: { reasoning_tokens: 8 },
    });
    const events: ConverseStreamOutput[] = [
      { messageStart: { role: 'assistant' } },
      {
        contentBlockDelta: {
          contentBlockIndex: 0,
          delta: { reasoningContent: { text: thinking.slice(0, 9) } },
        },
      },
      {
        contentBlockDelta: {
          contentBlockIndex: 0,
          delta: { reasoningContent: { text: thinking.slice(9) } },
        },
      },
      {
        contentBlockDelta: {
          contentBlockIndex: 0,
          delta: { reasoningContent: { signature: 's' } },
        },
      },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'ok' } } },
      { messageStop: { stopReason: 'end_turn' } },
      { metadata: { usage: usage as never, metrics: { latencyMs: 1 } } },
    ];
    const folded = await streamed(events, { includeUsage: true });
    expect(folded.usage).toEqual(whole.usage);
  });

  it('never reports more reasoning tokens than completion tokens', () => {
    const whole = fromConverseOutput(
      answer([{ reasoningContent: { reasoningText: { text: 'x'.repeat(400) } } }], 'end_turn', {
        inputTokens: 1,
        outputTokens: 20,
        totalTokens: 21,
      }),
      base,
    );
    expect(whole.usage?.completion_tokens_details).toEqual({ reasoning_tokens: 20 });
  });
});
