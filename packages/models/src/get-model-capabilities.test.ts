import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { describe, expect, it } from 'vitest';
import lookupCases from './__fixtures__/lookup-cases.json' with { type: 'json' };
import { getContextLength } from './get-context-length.js';
import { getModelCapabilities } from './get-model-capabilities.js';
import type { MatchKind, ReasoningStyle } from './model-capabilities.js';

interface Row {
  id: string;
  key: string | undefined;
  match: MatchKind;
  context: number;
  output?: number;
  chat?: boolean;
  tools?: boolean;
  vision?: boolean;
  reasoning?: ReasoningStyle;
}

const ACCOUNT = '123456789012';

// Real Bedrock ids (foundation models, profiles, ARNs, context variants) and what the table says;
// No `key` = no row: the conservative defaults (DEFAULT_CAPABILITIES.contextWindow = 32,000).
const ROWS = (lookupCases as (Omit<Row, 'key'> & { key?: string })[]).map((r) => ({
  ...r,
  key: r.key,
}));

describe('getModelCapabilities: table lookups', () => {
  it('covers at least 40 ids', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(ROWS)('$id -> $key ($match)', (row) => {
    const caps = getModelCapabilities(row.id);
    expect(caps.matchedKey).toBe(row.key);
    expect(caps.match).toBe(row.match);
    expect(caps.known).toBe(
      row.match === 'exact' ? true : row.match === 'family' ? 'family' : false,
    );
    expect(caps.contextWindow).toBe(row.context);
    expect(getContextLength(row.id)).toBe(row.context);
    if (row.output !== undefined) expect(caps.maxOutputTokens).toBe(row.output);
    if (row.chat !== undefined) expect(caps.chat).toBe(row.chat);
    if (row.tools !== undefined) expect(caps.toolUse).toBe(row.tools);
    if (row.vision !== undefined) expect(caps.vision).toBe(row.vision);
    if (row.reasoning !== undefined) expect(caps.reasoning).toBe(row.reasoning);
    expect(caps.source.length).toBeGreaterThan(10);
    expect(caps.maxOutputTokens).toBeLessThanOrEqual(caps.contextWindow);
  });
});

describe('getModelCapabilities: facts format relies on', () => {
  it("parallel_tool_calls: false has Anthropic's switch on Claude only", () => {
    const claude = getModelCapabilities('anthropic.claude-3-haiku-20240307-v1:0');
    expect(claude.disableParallelToolUse).toBe(true);
    expect(getModelCapabilities('amazon.nova-pro-v1:0').disableParallelToolUse).toBe(false);
    expect(getModelCapabilities('acme.unknown-model-v1:0').disableParallelToolUse).toBe(false);
  });

  it('Claude 4.5 rejects temperature together with topP, Claude 3.5 does not', () => {
    expect(
      getModelCapabilities('us.anthropic.claude-sonnet-4-5-20250929-v1:0').exclusiveParams,
    ).toEqual([['temperature', 'topP']]);
    expect(
      getModelCapabilities('anthropic.claude-3-5-sonnet-20240620-v1:0').exclusiveParams,
    ).toEqual([]);
  });

  it('Anthropic thinking drops temperature/topP/topK; R1 always reasons and keeps them', () => {
    const claude = getModelCapabilities('us.anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(claude.rejectedWithReasoning).toEqual(['temperature', 'topP', 'topK']);
    const r1 = getModelCapabilities('us.deepseek.r1-v1:0');
    expect(r1.reasoning).toBe('always');
    expect(r1.rejectedWithReasoning).toEqual([]);
  });

  it('prompt caching: Claude caches tools too, Nova only system and messages, Claude 3 Haiku none', () => {
    expect(
      getModelCapabilities('us.anthropic.claude-sonnet-4-20250514-v1:0').promptCaching,
    ).toEqual({
      locations: ['system', 'messages', 'tools'],
      minTokens: 1024,
      maxCachePoints: 4,
      ttls: ['5m'],
    });
    expect(getModelCapabilities('amazon.nova-pro-v1:0').promptCaching?.locations).toEqual([
      'system',
      'messages',
    ]);
    expect(
      getModelCapabilities('anthropic.claude-haiku-4-5-20251001-v1:0').promptCaching?.minTokens,
    ).toBe(4096);
    expect(
      getModelCapabilities('anthropic.claude-3-haiku-20240307-v1:0').promptCaching,
    ).toBeUndefined();
  });

  it('cache lifetimes, structured output and the temperature ceiling format needs', () => {
    const sonnet45 = getModelCapabilities('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(sonnet45.promptCaching?.ttls).toEqual(['5m', '1h']);
    expect(sonnet45.nativeStructuredOutput).toBe(true);
    expect(getModelCapabilities('anthropic.claude-opus-4-6-v1').promptCaching?.ttls).toEqual([
      '5m',
      '1h',
    ]);
    expect(getModelCapabilities('anthropic.claude-opus-4-1-20250805-v1:0')).toMatchObject({
      nativeStructuredOutput: true,
      promptCaching: { ttls: ['5m'] },
    });
    const sonnet37 = getModelCapabilities('anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(sonnet37.promptCaching?.ttls).toEqual(['5m']);
    expect(sonnet37.nativeStructuredOutput).toBe(false);
    expect(getModelCapabilities('openai.gpt-oss-20b-1:0').nativeStructuredOutput).toBe(true);
    expect(getModelCapabilities('amazon.nova-pro-v1:0').nativeStructuredOutput).toBe(false);
    expect(getModelCapabilities('ai21.jamba-1-5-large-v1:0').maxTemperature).toBe(1);
  });

  it('1M-context variants: extended window behind the Anthropic beta flag', () => {
    const id = 'global.anthropic.claude-sonnet-4-5-20250929-v1:0';
    expect(getModelCapabilities(id).extendedContext).toEqual({
      contextWindow: 1_000_000,
      anthropicBeta: 'context-1m-2025-08-07',
    });
    expect(getContextLength(id)).toBe(200_000);
    expect(getContextLength(id, { extended: true })).toBe(1_000_000);
    expect(getContextLength('anthropic.claude-haiku-4-5-20251001-v1:0', { extended: true })).toBe(
      200_000,
    );
  });

  it('streaming tool use, prefill and on-demand flags per family', () => {
    expect(getModelCapabilities('meta.llama3-1-70b-instruct-v1:0').streamingToolUse).toBe(false);
    expect(getModelCapabilities('cohere.command-r-plus-v1:0').streamingToolUse).toBe(false);
    expect(getModelCapabilities('amazon.nova-lite-v1:0').streamingToolUse).toBe(true);
    expect(getModelCapabilities('anthropic.claude-3-haiku-20240307-v1:0').supportsPrefill).toBe(
      true,
    );
    expect(getModelCapabilities('anthropic.claude-opus-4-6-v1').supportsPrefill).toBe(false);
    expect(getModelCapabilities('anthropic.claude-opus-4-6-v1').adaptiveThinking).toBe(true);
    expect(getModelCapabilities('anthropic.claude-sonnet-4-20250514-v1:0').onDemand).toBe(false);
    expect(getModelCapabilities('anthropic.claude-3-haiku-20240307-v1:0').onDemand).toBe(true);
    // A provisioned-throughput context variant is never callable on demand by its id.
    expect(getModelCapabilities('anthropic.claude-3-haiku-20240307-v1:0:200k').onDemand).toBe(
      false,
    );
  });

  it('unknown models get the documented conservative defaults', () => {
    const caps = getModelCapabilities('acme.unknown-model-v9:0');
    expect(caps).toMatchObject({
      known: false,
      match: 'none',
      provider: 'acme',
      chat: true,
      contextWindow: 32_000,
      maxOutputTokens: 4096,
      toolUse: true,
      streamingToolUse: false,
      vision: false,
      reasoning: 'none',
      promptCaching: undefined,
      maxTemperature: 1,
      nativeStructuredOutput: false,
      supportsPrefill: false,
    });
  });

  it('an application-profile ARN says it is unknown and how to resolve it', () => {
    const caps = getModelCapabilities(
      `arn:aws:bedrock:eu-west-1:${ACCOUNT}:application-inference-profile/xyz123`,
    );
    expect(caps.known).toBe(false);
    expect(caps.source).toMatch(/describeInferenceProfile/);
  });

  it('keeps no state: equal frozen results for the same id', () => {
    const a = getModelCapabilities('amazon.nova-pro-v1:0');
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.promptCaching)).toBe(true);
    expect(() => {
      (a.profiles as string[]).push('xx');
    }).toThrow(TypeError);
    expect(getModelCapabilities('amazon.nova-pro-v1:0')).toEqual(a);
  });

  it('rejects ids that are not ids with a typed validation error', () => {
    for (const bad of [
      '',
      '   ',
      'model with spaces',
      'arn:aws:s3:::bucket/key',
      'x'.repeat(3000),
    ]) {
      let caught: unknown;
      try {
        getModelCapabilities(bad);
      } catch (err) {
        caught = err;
      }
      expect(BedrockBridgeError.is(caught), bad.slice(0, 20)).toBe(true);
      expect((caught as BedrockBridgeError).kind).toBe('validation');
    }
  });
});

describe("getModelCapabilities: today's models and families (issue 14 item 12)", () => {
  it('knows Claude Opus 4.7: 1M context, 128K output, adaptive thinking only, no sampling', () => {
    const caps = getModelCapabilities('global.anthropic.claude-opus-4-7');
    expect(caps.known).toBe(true);
    expect(caps.contextWindow).toBe(1_000_000);
    expect(caps.maxOutputTokens).toBe(128_000);
    expect(caps.reasoning).toBe('anthropic-adaptive');
    expect(caps.adaptiveEfforts).toEqual(['low', 'medium', 'high', 'xhigh', 'max']);
    expect(caps.rejectedParams).toEqual(['temperature', 'topP', 'topK']);
    expect(caps.supportsPrefill).toBe(false);
    expect(caps.source).toContain('Adaptive thinking page');
  });

  it('gives an unlisted model of a known family its newest facts, saying so', () => {
    const caps = getModelCapabilities('us.anthropic.claude-opus-6-v1:0');
    expect(caps.known).toBe('family');
    expect(caps.match).toBe('family');
    expect(caps.matchedKey).toBe('anthropic.claude-haiku-5-5');
    expect(caps.maxOutputTokens).toBe(128_000);
    expect(caps.source).toMatch(
      /^Not in the built-in table: the facts of anthropic\.claude-haiku-5-5/,
    );
    const llama = getModelCapabilities('meta.llama5-400b-instruct-v1:0');
    expect([llama.known, llama.matchedKey]).toEqual(['family', 'meta.llama3-3-70b-instruct']);
    const stranger = getModelCapabilities('acme.brainy-v1:0');
    expect([stranger.known, stranger.match, stranger.maxOutputTokens]).toEqual([
      false,
      'none',
      4096,
    ]);
  });

  it('lists effort levels only for models with adaptive thinking', () => {
    expect(getModelCapabilities('anthropic.claude-sonnet-4-6').adaptiveEfforts).toEqual([
      'low',
      'medium',
      'high',
      'max',
    ]);
    expect(
      getModelCapabilities('anthropic.claude-sonnet-4-5-20250929-v1:0').adaptiveEfforts,
    ).toEqual([]);
  });
});
