import { describe, expect, it } from 'vitest';
import type { ToConverseInputOptions } from './converse-input-options.js';
import type { ChatCompletionRequest } from './openai-request.js';
import { thrown } from './test-support/thrown.js';
import { toConverseInput } from './to-converse-input.js';
import { validateConverseInput } from './validate-converse-input.js';

const ask = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({
  model: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
  messages: [{ role: 'user', content: 'think hard' }],
  ...extra,
});
/** Sonnet 4.5: 64,000 output tokens. */
const sonnet: ToConverseInputOptions = { reasoning: 'anthropic-thinking', maxOutputTokens: 64000 };

function thinking(options: ToConverseInputOptions, extra: Partial<ChatCompletionRequest>) {
  const result = toConverseInput(ask(extra), options);
  expect(validateConverseInput(result.input)).toEqual([]);
  const fields = result.input.additionalModelRequestFields as {
    thinking: { budget_tokens: number };
  };
  return {
    maxTokens: result.input.inferenceConfig?.maxTokens,
    budget: fields.thinking.budget_tokens,
    warnings: result.warnings,
  };
}

describe('maxOutputTokens: the model output limit', () => {
  it('caps the computed maxTokens and lowers the thinking budget below it, saying so', () => {
    const max = thinking(sonnet, { reasoning_effort: 'max' });
    // 63,999 + 4,096 would be 68,095: capped at the limit, leaving 4,096 for the answer.
    expect(max).toEqual({
      maxTokens: 64000,
      budget: 59904,
      warnings: [expect.stringContaining('lowered from 63999 to 59904')],
    });
    // Never below Anthropic's minimum of 1024, always below maxTokens.
    const small = thinking({ ...sonnet, maxOutputTokens: 2000 }, { reasoning_effort: 'low' });
    expect(small).toMatchObject({ maxTokens: 2000, budget: 1024 });
    expect(small.budget).toBeLessThan(small.maxTokens ?? 0);
  });

  it('changes nothing when budget + defaultMaxTokens fits', () => {
    expect(thinking(sonnet, { reasoning_effort: 'xhigh' })).toEqual({
      maxTokens: 32768 + 4096,
      budget: 32768,
      warnings: [],
    });
    // Without the option, no limit applies (as before).
    expect(
      thinking({ reasoning: 'anthropic-thinking' }, { reasoning_effort: 'max' }),
    ).toMatchObject({ maxTokens: 63999 + 4096, budget: 63999 });
  });

  it('refuses thinking when the limit leaves no room for the smallest budget', () => {
    const error = thrown(() =>
      toConverseInput(ask({ reasoning_effort: 'minimal' }), { ...sonnet, maxOutputTokens: 1024 }),
    );
    expect(error.code).toBe('reasoning_budget_out_of_range');
    expect(error.param).toBe('reasoning_effort');
  });

  it('rejects a requested max tokens above the limit, naming the field and the limit', () => {
    const error = thrown(() => toConverseInput(ask({ max_tokens: 100000 }), sonnet));
    expect(error.kind).toBe('validation');
    expect(error.code).toBe('max_tokens_out_of_range');
    expect(error.param).toBe('max_tokens');
    expect(error.message).toContain('64000');
    expect(thrown(() => toConverseInput(ask({ max_completion_tokens: 64001 }), sonnet)).param).toBe(
      'max_completion_tokens',
    );
    expect(toConverseInput(ask({ max_tokens: 64000 }), sonnet).input.inferenceConfig).toEqual({
      maxTokens: 64000,
    });
  });

  it("clamps a max tokens above the limit under paramPolicy 'drop', named in warnings", () => {
    const plain = toConverseInput(ask({ max_tokens: 100000 }), {
      maxOutputTokens: 8192,
      paramPolicy: 'drop',
    });
    expect(plain.input.inferenceConfig).toEqual({ maxTokens: 8192 });
    expect(plain.warnings).toEqual([
      "max_tokens: 100000 lowered to 8192, this model's output limit.",
    ]);
    const withThinking = toConverseInput(ask({ max_tokens: 100000, reasoning_effort: 'low' }), {
      ...sonnet,
      paramPolicy: 'drop',
    });
    expect(withThinking.input.inferenceConfig?.maxTokens).toBe(sonnet.maxOutputTokens);
    expect(withThinking.warnings[0]).toMatch(/^max_tokens: /);
  });

  it('rejects a maxOutputTokens option that is not a positive integer', () => {
    for (const maxOutputTokens of [0, -5, 1.5, Number.NaN]) {
      const error = thrown(() => toConverseInput(ask({ max_tokens: 10 }), { maxOutputTokens }));
      expect(error.code).toBe('invalid_option');
      expect(error.param).toBe('maxOutputTokens');
    }
  });
});
