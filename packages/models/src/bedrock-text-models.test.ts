import { describe, expect, it } from 'vitest';
import listed from './__fixtures__/bedrock-text-models.json' with { type: 'json' };
import { getModelCapabilities } from './get-model-capabilities.js';
import { citedSources, MODEL_SOURCES } from './model-table.js';
import { resolveModelId } from './resolve-model-id.js';

interface ListedModel {
  id: string;
  key: string;
  context: number;
  output: number;
  listedBy: string[];
}

const MODELS = listed.models as ListedModel[];

// Every text model Bedrock lists today (the fixture names the lists that show each one) has a row
// of its own: known, a chat model, with the context and output its sources give.
describe(`Bedrock's text models as of ${listed.asOf}`, () => {
  it('lists each model once, from sources the table knows', () => {
    expect(new Set(MODELS.map((m) => m.id)).size).toBe(MODELS.length);
    for (const model of MODELS) {
      expect(model.listedBy.length, model.id).toBeGreaterThan(0);
      for (const key of model.listedBy) expect(MODEL_SOURCES.has(key), key).toBe(true);
    }
  });

  it.each(MODELS)('$id has its own row ($key)', (model) => {
    const caps = getModelCapabilities(model.id);
    expect([caps.known, caps.match, caps.matchedKey]).toEqual([true, 'exact', model.key]);
    expect(caps.chat).toBe(true);
    expect(caps.contextWindow).toBe(model.context);
    expect(caps.maxOutputTokens).toBe(model.output);
    expect(citedSources(caps.source).length).toBeGreaterThan(0);
  });

  it.each(listed.notConverse)('$id is not claimed as a Converse chat model', ({ id, reason }) => {
    expect(citedSources(reason).length).toBeGreaterThan(0);
    const caps = getModelCapabilities(id);
    expect(caps.known !== true || !caps.chat, caps.matchedKey).toBe(true);
  });
});

describe("today's models that main did not know (issue 14 item 12)", () => {
  it('Claude Opus 5.5, Sonnet 5.5 and Haiku 5.5 are rows, and new Claudes take the newest (Haiku 5.5)', () => {
    for (const id of [
      'global.anthropic.claude-opus-5-5',
      'us.anthropic.claude-sonnet-5-5',
      'eu.anthropic.claude-haiku-5-5',
    ]) {
      const caps = getModelCapabilities(id);
      expect([caps.known, caps.contextWindow, caps.maxOutputTokens], id).toEqual([
        true,
        1_000_000,
        128_000,
      ]);
      expect(caps.reasoning, id).toBe('anthropic-adaptive');
      expect(caps.rejectedParams, id).toEqual(['temperature', 'topP', 'topK']);
    }
    const next = getModelCapabilities('anthropic.claude-opus-6');
    expect([next.known, next.matchedKey]).toEqual(['family', 'anthropic.claude-haiku-5-5']);
    expect([next.contextWindow, next.maxOutputTokens]).toEqual([1_000_000, 128_000]);
  });

  it('Claude Fable 5.1 refuses a forced tool choice; Fable 5 takes it', () => {
    expect(getModelCapabilities('global.anthropic.claude-fable-5-1').forcedToolChoice).toBe(false);
    expect(getModelCapabilities('global.anthropic.claude-fable-5').forcedToolChoice).toBe(true);
  });

  it('Opus 4.6 and Sonnet 4.6 have the 1M window of their model cards, with no beta', () => {
    for (const id of ['anthropic.claude-opus-4-6-v1', 'us.anthropic.claude-sonnet-4-6']) {
      const caps = getModelCapabilities(id);
      expect([caps.contextWindow, caps.extendedContext], id).toEqual([1_000_000, undefined]);
    }
  });

  it('open-weight models stream tool calls where ConverseStream took a toolConfig', () => {
    for (const id of ['openai.gpt-oss-120b-1:0', 'qwen.qwen3-32b-v1:0', 'deepseek.v3.2']) {
      expect(getModelCapabilities(id).streamingToolUse, id).toBe(true);
    }
    for (const id of ['meta.llama3-3-70b-instruct-v1:0', 'writer.palmyra-vision-7b']) {
      expect(getModelCapabilities(id).streamingToolUse, id).toBe(false);
    }
  });

  it('forced tool choice as LangChain AWS infers it: Mistral Large and DeepSeek V3.2, not Ministral', () => {
    expect(getModelCapabilities('mistral.mistral-large-3-675b-instruct').forcedToolChoice).toBe(
      true,
    );
    expect(getModelCapabilities('deepseek.v3.2').forcedToolChoice).toBe(true);
    expect(getModelCapabilities('deepseek.v3-v1:0').forcedToolChoice).toBe(false);
    expect(getModelCapabilities('mistral.ministral-3-8b-instruct').forcedToolChoice).toBe(false);
    expect(getModelCapabilities('mistral.devstral-2-123b').forcedToolChoice).toBe(false);
  });

  it('images only where Converse took an image block', () => {
    expect(getModelCapabilities('mistral.ministral-3-8b-instruct').vision).toBe(true);
    expect(getModelCapabilities('moonshotai.kimi-k2.5').vision).toBe(true);
    expect(getModelCapabilities('mistral.devstral-2-123b').vision).toBe(false);
    expect(getModelCapabilities('zai.glm-5').vision).toBe(false);
  });

  it('sends the us. profile where us-east-1 needed one, and the bare id where it did not', () => {
    const send = (id: string) => resolveModelId(id, { region: 'us-east-1' }).modelId;
    expect(send('writer.palmyra-x4-v1:0')).toBe('us.writer.palmyra-x4-v1:0');
    expect(send('moonshotai.kimi-k3')).toBe('us.moonshotai.kimi-k3');
    expect(send('openai.gpt-5.6-sol')).toBe('us.openai.gpt-5.6-sol');
    expect(send('xai.grok-4.7')).toBe('us.xai.grok-4.7');
    expect(send('writer.palmyra-vision-7b')).toBe('writer.palmyra-vision-7b');
    expect(send('minimax.minimax-m2.5')).toBe('minimax.minimax-m2.5');
  });

  it('a speech model of the Nova 2 family is not a chat model', () => {
    const caps = getModelCapabilities('amazon.nova-2-5-sonic');
    expect([caps.known, caps.task, caps.chat]).toEqual([true, 'speech', false]);
  });
});
