import type { ConverseResponse, ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { describe, expect, it } from 'vitest';
import { collectChatCompletion } from './collect-chat-completion.js';
import { fromConverseOutput } from './from-converse-output.js';
import { fromConverseStream } from './from-converse-stream.js';
import type { ChatCompletionChunk } from './openai-answer.js';
import { drain, loadEvents, replay } from './test-support/fixtures.js';

const base = { model: 'claude', id: 'chatcmpl-1', created: 1700000000 };
const toolNames = { lookup_city_3k1xq9z: 'lookup.city' };

async function chunksOf(name: string, includeUsage = true): Promise<ChatCompletionChunk[]> {
  return drain(fromConverseStream(replay(loadEvents(name)), { ...base, toolNames, includeUsage }));
}

describe('fromConverseStream', () => {
  it('streams role, text, tool-call announcements then argument fragments, finish and usage', async () => {
    const chunks = await chunksOf('text-and-tools');
    const deltas = chunks.map((c) => c.choices[0]?.delta);
    expect(deltas[0]).toEqual({ role: 'assistant', content: '' });
    expect(deltas[1]).toEqual({ content: 'Let me ' });
    expect(deltas[3]).toEqual({
      tool_calls: [
        {
          index: 0,
          id: 'tooluse_A1',
          type: 'function',
          function: { name: 'get_weather', arguments: '' },
        },
      ],
    });
    expect(deltas[4]?.tool_calls?.[0]).toMatchObject({
      index: 1,
      id: 'tooluse_B2',
      function: { name: 'lookup.city' },
    });
    // interleaved blocks: fragments follow their contentBlockIndex, not arrival order
    expect(deltas[5]).toEqual({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] });
    expect(deltas[6]).toEqual({
      tool_calls: [{ index: 1, function: { arguments: '{"name":"Oslo"}' } }],
    });
    expect(deltas[7]).toEqual({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] });
    // a tool without arguments still gets a complete JSON object
    expect(deltas[9]).toEqual({ tool_calls: [{ index: 2, function: { arguments: '{}' } }] });
    const finish = chunks[chunks.length - 2];
    expect(finish?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(finish?.choices[0]?.bedrock).toEqual({ stop_reason: 'tool_use' });
    const usage = chunks[chunks.length - 1];
    expect(usage?.choices).toEqual([]);
    expect(usage?.usage).toEqual({
      prompt_tokens: 220,
      completion_tokens: 40,
      total_tokens: 260,
      prompt_tokens_details: { cached_tokens: 100, cache_write_tokens: 0 },
    });
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    expect(chunks.every((c) => c.id === 'chatcmpl-1' && c.object === 'chat.completion.chunk')).toBe(
      true,
    );
  });

  it('sends no usage chunk and no usage field unless asked', async () => {
    const chunks = await chunksOf('text-and-tools', false);
    expect(chunks[chunks.length - 1]?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(chunks.some((c) => 'usage' in c)).toBe(false);
  });

  it('streams reasoning text, signature and redacted data', async () => {
    const chunks = await chunksOf('reasoning');
    const completion = await collectChatCompletion(chunks);
    const message = completion.choices[0]?.message;
    expect(message?.reasoning_content).toBe('The user wants a haiku.');
    expect(message?.reasoning_details).toEqual([
      {
        type: 'reasoning.text',
        text: 'The user wants a haiku.',
        signature: 'EqQBCkgSIGsig',
        index: 0,
      },
      { type: 'reasoning.encrypted', data: 'AAECAwQFBgc=', index: 1 },
    ]);
    expect(message?.content).toBe('Autumn moonlight—\na worm digs silently.');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
  });

  it('trusts its events: no messageStop means the partial chunks and no finish chunk', async () => {
    const chunks = await drain(fromConverseStream(replay(loadEvents('no-message-stop')), base));
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(
      'The answer is forty',
    );
    expect(chunks.every((c) => c.choices[0]?.finish_reason === null)).toBe(true);
  });

  it('passes an error thrown by the events through unchanged (transport classified it)', async () => {
    const thrown = new BedrockBridgeError({ kind: 'rate_limit', message: 'Too many tokens' });
    async function* failing() {
      yield { messageStart: { role: 'assistant' as const } };
      throw thrown;
    }
    const plain = new Error('aborted');
    async function* failingPlain() {
      yield { messageStart: { role: 'assistant' as const } };
      throw plain;
    }
    const caught = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(await caught(drain(fromConverseStream(failing(), base)))).toBe(thrown);
    expect(await caught(drain(fromConverseStream(failingPlain(), base)))).toBe(plain);
  });

  it('keeps guardrail trace and citations in the bedrock extension, finish content_filter', async () => {
    const completion = await collectChatCompletion(await chunksOf('guardrail-citations'));
    expect(completion.choices[0]?.finish_reason).toBe('content_filter');
    expect(completion.choices[0]?.bedrock?.stop_reason).toBe('guardrail_intervened');
    expect(completion.choices[0]?.bedrock?.trace).toEqual({
      guardrail: { actionReason: 'Guardrail blocked.' },
    });
    expect(completion.choices[0]?.bedrock?.citations).toHaveLength(1);
  });

  it('keeps malformed_tool_use visible and the arguments exactly as the model wrote them', async () => {
    const completion = await collectChatCompletion(await chunksOf('malformed-tool-use'));
    const choice = completion.choices[0];
    expect(choice?.bedrock).toEqual({
      stop_reason: 'malformed_tool_use',
      unmapped_stop_reason: true,
    });
    const call = choice?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.arguments).toBe('{"city": "Par');
  });

  it('takes the kind of a block with an empty or unknown start from its first delta', async () => {
    const events: ConverseStreamOutput[] = [
      { messageStart: { role: 'assistant' } },
      { contentBlockStart: { contentBlockIndex: 0, start: {} as never } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: 'Hm.' } } } },
      {
        contentBlockDelta: {
          contentBlockIndex: 0,
          delta: { reasoningContent: { signature: 'sig' } },
        },
      },
      { contentBlockStop: { contentBlockIndex: 0 } },
      {
        contentBlockStart: {
          contentBlockIndex: 1,
          start: { $unknown: ['futureBlock', {}] } as never,
        },
      },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input: '{"a":' } } } },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input: '1}' } } } },
      { contentBlockStop: { contentBlockIndex: 1 } },
      { messageStop: { stopReason: 'tool_use' } },
    ];
    const completion = await collectChatCompletion(fromConverseStream(replay(events), base));
    expect(completion.choices[0]?.message).toEqual({
      role: 'assistant',
      content: null,
      refusal: null,
      reasoning_content: 'Hm.',
      reasoning_details: [{ type: 'reasoning.text', text: 'Hm.', signature: 'sig', index: 0 }],
      // No toolUse start: the call is kept, with a generated id (the name was never sent).
      tool_calls: [
        { id: 'call_1_0', type: 'function', function: { name: '', arguments: '{"a":1}' } },
      ],
    });
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('turns the structured-output tool into text content', async () => {
    const events = [
      { messageStart: { role: 'assistant' as const } },
      {
        contentBlockStart: {
          contentBlockIndex: 0,
          start: { toolUse: { toolUseId: 't', name: 'structured_output' } },
        },
      },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: '{"a":1}' } } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { messageStop: { stopReason: 'tool_use' as const } },
    ];
    const completion = await collectChatCompletion(
      fromConverseStream(replay(events), { ...base, structuredOutputTool: 'structured_output' }),
    );
    expect(completion.choices[0]?.message).toEqual({
      role: 'assistant',
      content: '{"a":1}',
      refusal: null,
    });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
  });
});

describe('collectChatCompletion', () => {
  it('folds a stream into the same object fromConverseOutput gives for the same content', async () => {
    const output: ConverseResponse = {
      output: {
        message: {
          role: 'assistant',
          content: [
            { text: 'Let me check both cities.' },
            { toolUse: { toolUseId: 'tooluse_A1', name: 'get_weather', input: { city: 'Paris' } } },
            {
              toolUse: {
                toolUseId: 'tooluse_B2',
                name: 'lookup_city_3k1xq9z',
                input: { name: 'Oslo' },
              },
            },
            { toolUse: { toolUseId: 'tooluse_C3', name: 'now', input: {} } },
          ],
        },
      },
      stopReason: 'tool_use',
      usage: {
        inputTokens: 120,
        outputTokens: 40,
        totalTokens: 260,
        cacheReadInputTokens: 100,
        cacheWriteInputTokens: 0,
      },
      metrics: { latencyMs: 321 },
    };
    const streamed = await collectChatCompletion(await chunksOf('text-and-tools'));
    expect(streamed).toStrictEqual(fromConverseOutput(output, { ...base, toolNames }));
  });

  it('has the same usage only when the stream carried usage chunks (includeUsage)', async () => {
    const output: ConverseResponse = {
      output: { message: { role: 'assistant', content: [{ text: 'Hi.' }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
      metrics: { latencyMs: 1 },
    };
    const events = [
      { messageStart: { role: 'assistant' as const } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hi.' } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { messageStop: { stopReason: 'end_turn' as const } },
      { metadata: { usage: output.usage, metrics: { latencyMs: 1 } } },
    ];
    const whole = fromConverseOutput(output, base);
    const withUsage = await collectChatCompletion(
      fromConverseStream(replay(events), { ...base, includeUsage: true }),
    );
    expect(withUsage).toStrictEqual(whole);
    const withoutUsage = await collectChatCompletion(fromConverseStream(replay(events), base));
    const { usage, ...rest } = whole;
    expect(usage).toBeDefined();
    expect(withoutUsage).toStrictEqual(rest);
  });

  it('does the same for reasoning with signature and redacted content', async () => {
    const output: ConverseResponse = {
      output: {
        message: {
          role: 'assistant',
          content: [
            {
              reasoningContent: {
                reasoningText: { text: 'The user wants a haiku.', signature: 'EqQBCkgSIGsig' },
              },
            },
            { reasoningContent: { redactedContent: new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]) } },
            { text: 'Autumn moonlight—\na worm digs silently.' },
          ],
        },
      },
      stopReason: 'end_turn',
      usage: { inputTokens: 30, outputTokens: 90, totalTokens: 120 },
      metrics: { latencyMs: 800 },
    };
    const streamed = await collectChatCompletion(await chunksOf('reasoning'));
    expect(streamed).toStrictEqual(fromConverseOutput(output, base));
  });
});
