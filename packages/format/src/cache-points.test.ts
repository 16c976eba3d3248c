import { describe, expect, it } from 'vitest';
import type { ChatCompletionRequest } from './openai-request.js';
import { toConverseInput } from './to-converse-input.js';
import { validateConverseInput } from './validate-converse-input.js';

const req = (
  messages: ChatCompletionRequest['messages'],
  extra: Partial<ChatCompletionRequest> = {},
): ChatCompletionRequest => ({
  model: 'anthropic.claude-3-haiku-20240307-v1:0',
  messages,
  ...extra,
});

describe('toConverseInput: prompt caching', () => {
  const request = req(
    [
      {
        role: 'system',
        content: [
          { type: 'text', text: 'long system prompt', cache_control: { type: 'ephemeral' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'doc', cache_control: { type: 'ephemeral', ttl: '1h' } },
          { type: 'text', text: 'question' },
        ],
      },
    ],
    {
      tools: [{ type: 'function', function: { name: 'f' }, cache_control: { type: 'ephemeral' } }],
    },
  );

  it('drops cache markers when the model does not cache', () => {
    const { input } = toConverseInput(request);
    expect(JSON.stringify(input)).not.toContain('cachePoint');
  });

  it('turns markers into cachePoint blocks where the model allows them', () => {
    const { input, warnings } = toConverseInput(request, { promptCaching: true });
    // The user's 1h marker comes after the tool's and the system's default (5m) ones: Bedrock
    // rejects a 1h point after a 5m one, so the earlier ones are raised to 1h, with a warning.
    expect(input.system).toEqual([
      { text: 'long system prompt' },
      { cachePoint: { type: 'default', ttl: '1h' } },
    ]);
    expect(input.messages?.[0]?.content).toEqual([
      { text: 'doc' },
      { cachePoint: { type: 'default', ttl: '1h' } },
      { text: 'question' },
    ]);
    expect(input.toolConfig?.tools?.[1]).toEqual({ cachePoint: { type: 'default', ttl: '1h' } });
    expect(warnings).toEqual([
      '2 cache marker(s) before a 1h cache point were given ttl 1h (Bedrock rejects a 1h cache point after a 5m one).',
    ]);
    expect(validateConverseInput(input)).toEqual([]);
    const onlySystem = toConverseInput(request, { promptCaching: { locations: ['system'] } });
    expect(JSON.stringify(onlySystem.input.messages)).not.toContain('cachePoint');
    expect(JSON.stringify(onlySystem.input.toolConfig)).not.toContain('cachePoint');
  });

  it('adds automatic cache points and keeps at most maxCachePoints (the latest)', () => {
    const plain = req(
      [
        { role: 'system', content: 'sys' },
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'b' },
        { role: 'user', content: 'c' },
      ],
      { tools: [{ type: 'function', function: { name: 'f' } }] },
    );
    const { input } = toConverseInput(plain, { promptCaching: { automatic: true } });
    expect(input.system?.at(-1)).toEqual({ cachePoint: { type: 'default' } });
    expect(input.toolConfig?.tools?.at(-1)).toEqual({ cachePoint: { type: 'default' } });
    expect(input.messages?.at(-1)?.content).toEqual([
      { text: 'c' },
      { cachePoint: { type: 'default' } },
    ]);
    const capped = toConverseInput(plain, {
      promptCaching: { automatic: true, maxCachePoints: 1 },
    });
    expect((JSON.stringify(capped.input).match(/cachePoint/g) ?? []).length).toBe(1);
    expect(capped.input.messages?.at(-1)?.content?.at(-1)).toEqual({
      cachePoint: { type: 'default' },
    });
  });

  it('never puts automatic 5m points before an explicit 1h point (item 2)', () => {
    const oneHour = req(
      [
        { role: 'system', content: 'sys' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'big doc', cache_control: { type: 'ephemeral', ttl: '1h' } },
            { type: 'text', text: 'q' },
          ],
        },
      ],
      { tools: [{ type: 'function', function: { name: 'f' } }] },
    );
    const { input, warnings } = toConverseInput(oneHour, {
      modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
      promptCaching: { automatic: true },
    });
    expect(input.toolConfig?.tools?.at(-1)).toEqual({ cachePoint: { type: 'default', ttl: '1h' } });
    expect(input.system?.at(-1)).toEqual({ cachePoint: { type: 'default', ttl: '1h' } });
    // The automatic point after the last user turn comes after the 1h one: it may stay 5m.
    expect(input.messages?.at(-1)?.content?.at(-1)).toEqual({ cachePoint: { type: 'default' } });
    expect(warnings).toEqual([]);
    expect(validateConverseInput(input)).toEqual([]);
  });

  it('honours message-level and tool-call-level cache_control (item 3)', () => {
    const { input } = toConverseInput(
      req(
        [
          { role: 'system', content: 'sys', cache_control: { type: 'ephemeral' } },
          { role: 'user', content: 'look up x', cache_control: { type: 'ephemeral' } },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'c1',
                type: 'function',
                function: { name: 'f', arguments: '{}' },
                cache_control: { type: 'ephemeral' },
              },
            ],
          },
          {
            role: 'tool',
            tool_call_id: 'c1',
            content: 'x=1',
            cache_control: { type: 'ephemeral' },
          },
        ],
        { tools: [{ type: 'function', function: { name: 'f' } }] },
      ),
      { promptCaching: { maxCachePoints: 8 } },
    );
    expect(input.system).toEqual([{ text: 'sys' }, { cachePoint: { type: 'default' } }]);
    expect(input.messages?.[0]?.content).toEqual([
      { text: 'look up x' },
      { cachePoint: { type: 'default' } },
    ]);
    expect(input.messages?.[1]?.content).toEqual([
      { toolUse: { toolUseId: 'c1', name: 'f', input: {} } },
      { cachePoint: { type: 'default' } },
    ]);
    expect(input.messages?.[2]?.content).toEqual([
      { toolResult: { toolUseId: 'c1', content: [{ text: 'x=1' }] } },
      { cachePoint: { type: 'default' } },
    ]);
  });

  it('keeps the cache marker (and its TTL) of an orphan tool result and of a paired one', () => {
    const { input } = toConverseInput(
      req([
        { role: 'user', content: 'hi' },
        {
          role: 'tool',
          tool_call_id: 'gone',
          content: [
            { type: 'text', text: 'late', cache_control: { type: 'ephemeral', ttl: '1h' } },
          ],
        },
      ]),
      { promptCaching: true },
    );
    expect(input.messages?.[0]?.content).toEqual([
      { text: 'hi' },
      { text: '[tool result gone] late' },
      { cachePoint: { type: 'default', ttl: '1h' } },
    ]);
  });
});
