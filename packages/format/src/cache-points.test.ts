import { describe, expect, it } from 'vitest';
import type { ChatCompletionRequest } from './openai-request.js';
import { toConverseInput } from './to-converse-input.js';

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
    const { input } = toConverseInput(request, { promptCaching: true });
    expect(input.system).toEqual([
      { text: 'long system prompt' },
      { cachePoint: { type: 'default' } },
    ]);
    expect(input.messages?.[0]?.content).toEqual([
      { text: 'doc' },
      { cachePoint: { type: 'default', ttl: '1h' } },
      { text: 'question' },
    ]);
    expect(input.toolConfig?.tools?.[1]).toEqual({ cachePoint: { type: 'default' } });
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
});
