import { defaultCatalogue } from '@bedrock-bridge/emulator';
import { describe, expect, it } from 'vitest';
import { getModelCapabilities } from './get-model-capabilities.js';
import type { ReasoningStyle } from './model-capabilities.js';

/*
 * The emulator keeps its own encoding of what Bedrock accepts (its catalogue), on purpose
 * independent of this table: each checks the other. For every text model the emulator serves,
 * the table must know it, never promise more than the emulator takes (a window or an output cap
 * larger than the emulator's would send requests Bedrock refuses), and agree on the rules both
 * encode.
 */

const REASONING: Record<string, readonly ReasoningStyle[]> = {
  none: ['none'],
  'on-request': ['anthropic-thinking', 'anthropic-adaptive', 'nova-reasoning'],
  // gpt-oss always returns reasoning; reasoning_effort only sets how much.
  always: ['always', 'openai-reasoning-effort'],
};

const textModels = defaultCatalogue.models.filter(
  (m) => m.outputModalities.includes('TEXT') && m.maxOutputTokens > 0,
);

describe("the emulator's catalogue and the table agree", () => {
  it('has text models to compare', () => {
    expect(textModels.length).toBeGreaterThanOrEqual(20);
  });

  it.each(textModels.map((m) => [m.modelId, m] as const))('%s', (_id, model) => {
    const caps = getModelCapabilities(model.modelId);
    expect([caps.known, caps.chat]).toEqual([true, true]);
    expect(caps.contextWindow).toBeLessThanOrEqual(model.contextWindow);
    expect(caps.maxOutputTokens).toBeLessThanOrEqual(model.maxOutputTokens);
    expect(REASONING[model.reasoning]).toContain(caps.reasoning);
    // A model the emulator refuses tools on while streaming must not be streamed with tools.
    if (model.streamingToolUse === false) expect(caps.streamingToolUse).toBe(false);
    // Forced tool choice only where the emulator takes `any`/`tool`.
    if (model.toolChoice !== undefined && !model.toolChoice.includes('any')) {
      expect(caps.forcedToolChoice).toBe(false);
    }
    if (model.exclusiveSampling === true) {
      const exclusive = caps.exclusiveParams.some(
        (group) => group.includes('temperature') && group.includes('topP'),
      );
      const rejected = caps.rejectedParams.includes('temperature');
      expect(exclusive || rejected).toBe(true);
    }
    if (model.longContextWindow !== undefined) {
      expect(caps.extendedContext?.contextWindow).toBe(model.longContextWindow);
    }
    expect(caps.vision).toBe(model.inputModalities.includes('IMAGE'));
  });
});
