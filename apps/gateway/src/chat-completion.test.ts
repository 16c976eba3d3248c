import { getModelCapabilities, type ModelCapabilities } from '@bedrock-bridge/models';
import { describe, expect, it } from 'vitest';
import { formatOptions } from './chat-completion.js';

/* The capability -> option mapping of the recipe (models' README has the table it follows). */

const SONNET_4_5 = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

describe('formatOptions', () => {
  it('maps Claude Sonnet 4.5 facts onto format options', () => {
    const options = formatOptions(SONNET_4_5, getModelCapabilities(SONNET_4_5));
    expect(options).toEqual({
      modelId: SONNET_4_5,
      supportsToolUse: true,
      supportsPrefill: true,
      reasoning: 'anthropic-thinking',
      promptCaching: { locations: ['system', 'messages', 'tools'], maxCachePoints: 4 },
      structuredOutput: 'output-config',
      maxTemperature: 1,
      rejectedParams: [],
      maxOutputTokens: 64_000,
    });
  });

  it('sends adaptive thinking with the effort levels to Claude 4.6 and Opus 4.7', () => {
    const sonnet46 = formatOptions(
      'us.anthropic.claude-sonnet-4-6',
      getModelCapabilities('us.anthropic.claude-sonnet-4-6'),
    );
    expect([sonnet46.reasoning, sonnet46.adaptiveEfforts]).toEqual([
      'anthropic-adaptive',
      ['low', 'medium', 'high', 'max'],
    ]);
    const opus47 = formatOptions(
      'global.anthropic.claude-opus-4-7',
      getModelCapabilities('global.anthropic.claude-opus-4-7'),
    );
    expect(opus47).toMatchObject({
      reasoning: 'anthropic-adaptive',
      adaptiveEfforts: ['low', 'medium', 'high', 'xhigh', 'max'],
      maxOutputTokens: 128_000,
      rejectedParams: ['temperature', 'top_p'],
    });
  });

  it('passes the output limit of a known model only (an unknown one has a guessed default)', () => {
    const unknown = getModelCapabilities('acme.mystery-model-v1:0');
    expect(unknown.known).toBe(false);
    expect(formatOptions('acme.mystery-model-v1:0', unknown)).not.toHaveProperty('maxOutputTokens');
  });

  it('adds the params rejected with reasoning only when the request asks for reasoning', () => {
    const caps = getModelCapabilities(SONNET_4_5);
    expect(formatOptions(SONNET_4_5, caps, { reasoning_effort: 'none' }).rejectedParams).toEqual(
      [],
    );
    // topK has no OpenAI field: nothing to drop.
    expect(formatOptions(SONNET_4_5, caps, { reasoning_effort: 'high' }).rejectedParams).toEqual([
      'temperature',
      'top_p',
    ]);
  });

  it('passes the model maximum temperature, renames and de-duplicates rejected params', () => {
    const caps: ModelCapabilities = {
      ...getModelCapabilities('amazon.nova-lite-v1:0'),
      maxTemperature: 0.8,
      rejectedParams: ['stopSequences', 'topP'],
      rejectedWithReasoning: ['topP', 'topK'],
    };
    const options = formatOptions('m', caps, { reasoning_effort: 'low' });
    expect(options.maxTemperature).toBe(0.8);
    expect(options.rejectedParams).toEqual(['stop', 'top_p']);
  });

  it('sends structured output through a forced tool without native support', () => {
    const llama = 'meta.llama3-1-70b-instruct-v1:0';
    expect(formatOptions(llama, getModelCapabilities(llama))).toMatchObject({
      structuredOutput: 'tool',
      promptCaching: false,
      reasoning: 'none',
    });
  });
});
