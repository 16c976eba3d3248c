import { describe, expect, it } from 'vitest';
import type { ModelRules } from './model-rules.js';
import type { ChatCompletionRequest } from './openai-request.js';
import { thrown } from './test-support/thrown.js';
import { toConverseInput } from './to-converse-input.js';

/** Rules shaped like `@bedrock-bridge/models`' capabilities of a Claude 4.5 model. */
const claude: ModelRules = {
  known: true,
  maxOutputTokens: 64000,
  toolUse: true,
  forcedToolChoice: true,
  disableParallelToolUse: true,
  reasoning: 'anthropic-thinking',
  promptCaching: { locations: ['system', 'messages', 'tools'], maxCachePoints: 4, ttls: ['5m'] },
  maxTemperature: 1,
  nativeStructuredOutput: true,
  rejectedParams: [],
  rejectedWithReasoning: ['temperature', 'topP'],
  exclusiveParams: [['temperature', 'topP']],
  supportsPrefill: true,
};
/** A model that takes no forced tool choice and has no native structured output. */
const plain: ModelRules = { ...claude, forcedToolChoice: false, nativeStructuredOutput: false };

const tool = { type: 'function' as const, function: { name: 'f', parameters: {} } };
function req(extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest {
  return { model: 'm', messages: [{ role: 'user', content: 'hi' }], ...extra };
}
/** No message may name an option of this package: HTTP clients cannot set one. */
const OPTION_NAMES =
  /dropUnsupportedParams|clampTemperature|paramPolicy|reasoning option|set \w+Params/;

describe('model rules applied once, under one policy', () => {
  it('exclusive sampling parameters: the first is kept, the other refused or dropped', () => {
    const both = req({ temperature: 0.3, top_p: 0.9 });
    const error = thrown(() => toConverseInput(both, { rules: claude }));
    expect([error.code, error.param]).toEqual(['unsupported_parameter', 'top_p']);
    expect(error.message).toContain("'temperature' and 'top_p'");
    expect(error.message).not.toMatch(OPTION_NAMES);
    const dropped = toConverseInput(both, { rules: claude, paramPolicy: 'drop' });
    expect(dropped.input.inferenceConfig).toEqual({ temperature: 0.3 });
    expect(dropped.dropped).toEqual(['top_p']);
  });

  it('a forced tool choice on a model without it: refused, or sent as auto with a warning', () => {
    const request = req({ tools: [tool], tool_choice: 'required' });
    const error = thrown(() => toConverseInput(request, { rules: plain }));
    expect([error.code, error.param]).toEqual(['unsupported_parameter', 'tool_choice']);
    const sent = toConverseInput(request, { rules: plain, paramPolicy: 'drop' });
    expect(sent.input.toolConfig?.toolChoice).toBeUndefined();
    expect(sent.warnings[0]).toMatch(/^tool_choice: sent as "auto"/);
    expect(toConverseInput(request, { rules: claude }).input.toolConfig?.toolChoice).toEqual({
      any: {},
    });
  });

  it('response_format through a forced tool on a model that cannot be forced: refused or dropped', () => {
    const request = req({
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'city', schema: { type: 'object', properties: {} } },
      },
    });
    expect(thrown(() => toConverseInput(request, { rules: plain })).param).toBe('response_format');
    const sent = toConverseInput(request, { rules: plain, paramPolicy: 'drop' });
    expect(sent.input.toolConfig).toBeUndefined();
    expect(sent.dropped).toEqual(['response_format']);
  });

  it('a cache TTL the model does not list: refused, or left out with a warning', () => {
    const request = req({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'long', cache_control: { type: 'ephemeral', ttl: '1h' } },
          ],
        },
      ],
    });
    const error = thrown(() => toConverseInput(request, { rules: claude }));
    expect(error.param).toBe('messages[0].content[0].cache_control.ttl');
    const sent = toConverseInput(request, { rules: claude, paramPolicy: 'drop' });
    expect(sent.input.messages?.[0]?.content?.[1]).toEqual({ cachePoint: { type: 'default' } });
    expect(sent.warnings[0]).toMatch(/^messages\[0\]\.content\[0\]\.cache_control\.ttl: left out/);
    const noCache = toConverseInput(request, { rules: { ...claude, promptCaching: undefined } });
    expect(noCache.input.messages?.[0]?.content).toEqual([{ text: 'long' }]);
    expect(noCache.warnings[0]).toMatch(/no prompt caching/);
  });

  it("parallel_tool_calls false becomes Claude's disable_parallel_tool_use", () => {
    const request = req({ tools: [tool], parallel_tool_calls: false });
    const { input } = toConverseInput(request, { rules: claude });
    expect(input.additionalModelRequestFields).toEqual({
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
    });
    const other = { ...claude, disableParallelToolUse: false };
    expect(thrown(() => toConverseInput(request, { rules: other })).param).toBe(
      'parallel_tool_calls',
    );
    expect(toConverseInput(request, { rules: other, paramPolicy: 'drop' }).dropped).toEqual([
      'parallel_tool_calls',
    ]);
  });

  it('thinking: sampling parameters it rejects, and a forced tool under drop', () => {
    const hot = req({ reasoning_effort: 'low', temperature: 0.5 });
    expect(thrown(() => toConverseInput(hot, { rules: claude })).param).toBe('temperature');
    const cooled = toConverseInput(hot, { rules: claude, paramPolicy: 'drop' });
    expect(cooled.input.inferenceConfig?.temperature).toBeUndefined();
    expect(cooled.dropped).toEqual(['temperature']);
    const forced = req({ reasoning_effort: 'low', tools: [tool], tool_choice: 'required' });
    const sent = toConverseInput(forced, { rules: claude, paramPolicy: 'drop' });
    expect(sent.input.additionalModelRequestFields).toBeUndefined();
    expect(sent.dropped).toEqual(['reasoning_effort']);
  });

  it('an output limit above the model: refused, or clamped', () => {
    const request = req({ max_completion_tokens: 100_000 });
    expect(thrown(() => toConverseInput(request, { rules: claude })).param).toBe(
      'max_completion_tokens',
    );
    const sent = toConverseInput(request, { rules: claude, paramPolicy: 'drop' });
    expect(sent.input.inferenceConfig?.maxTokens).toBe(64000);
  });

  it('no error message names an option of this package', () => {
    const requests: Partial<ChatCompletionRequest>[] = [
      { seed: 1 },
      { temperature: 1.5 },
      { reasoning_effort: 'high' },
      { verbosity: 'low' },
      { max_tokens: 10_000_000 },
    ];
    for (const extra of requests) {
      const error = thrown(() =>
        toConverseInput(req(extra), { rules: { ...plain, reasoning: 'none' } }),
      );
      expect(error.message).not.toMatch(OPTION_NAMES);
      expect(error.param).toBeTruthy();
    }
  });
});

describe('repairs that change what the model reads are named in warnings', () => {
  it('an empty conversation, a missing tool result, tool history without tools', () => {
    const empty = toConverseInput(req({ messages: [{ role: 'system', content: 'be brief' }] }));
    expect(empty.warnings.join(' ')).toContain('(empty conversation)');
    const history: ChatCompletionRequest['messages'] = [
      { role: 'user', content: 'weather?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }],
      },
      { role: 'user', content: 'never mind' },
    ];
    const missing = toConverseInput(req({ messages: history, tools: [tool] }));
    expect(missing.warnings.join(' ')).toContain('tool call c1 has no result');
    const asText = toConverseInput(req({ messages: history }));
    expect(asText.warnings.join(' ')).toContain('sent as text');
  });
});
