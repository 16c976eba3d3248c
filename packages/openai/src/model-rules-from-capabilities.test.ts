import { type ChatCompletionRequest, toConverseInput } from '@bedrock-bridge/format';
import { getModelCapabilities } from '@bedrock-bridge/models';
import { describe, expect, it } from 'vitest';

/*
 * The recipe hands models' capabilities to format as they are (`rules`): these are the facts of
 * real table rows going through format's one place for rules.
 */

function convert(modelId: string, extra: Partial<ChatCompletionRequest>, policy?: 'drop') {
  const request: ChatCompletionRequest = {
    model: modelId,
    messages: [{ role: 'user', content: 'hi' }],
    ...extra,
  };
  const rules = getModelCapabilities(modelId);
  return toConverseInput(request, { modelId, rules, ...(policy ? { paramPolicy: policy } : {}) });
}

describe("models' capabilities as format's rules", () => {
  it('sends adaptive thinking with the effort levels to Claude 4.6 and Opus 4.7', () => {
    const sonnet46 = convert('us.anthropic.claude-sonnet-4-6', { reasoning_effort: 'high' });
    expect(sonnet46.input.additionalModelRequestFields).toHaveProperty('thinking.type', 'adaptive');
    const opus47 = convert(
      'global.anthropic.claude-opus-4-7',
      {
        reasoning_effort: 'high',
        temperature: 0.5,
      },
      'drop',
    );
    expect(opus47.input.additionalModelRequestFields).toHaveProperty('thinking.type', 'adaptive');
    expect(opus47.dropped).toContain('temperature');
  });

  it("applies a known model's output limit only (an unknown one has a guessed default)", () => {
    expect(
      convert('us.anthropic.claude-sonnet-4-5-20250929-v1:0', { max_tokens: 64_001 }, 'drop').input
        .inferenceConfig?.maxTokens,
    ).toBe(64_000);
    expect(
      convert('acme.mystery-model-v1:0', { max_tokens: 64_001 }).input.inferenceConfig,
    ).toEqual({
      maxTokens: 64_001,
    });
  });

  it('routes structured output natively or through a forced tool, as the row says', () => {
    const format = {
      type: 'json_schema' as const,
      json_schema: { name: 'x', schema: { type: 'object', properties: {} } },
    };
    expect(
      convert('us.anthropic.claude-sonnet-4-5-20250929-v1:0', { response_format: format }).input,
    ).toHaveProperty('outputConfig');
    expect(
      convert('anthropic.claude-3-haiku-20240307-v1:0', { response_format: format }).input,
    ).toHaveProperty('toolConfig.toolChoice.tool.name', 'structured_output');
  });
});
