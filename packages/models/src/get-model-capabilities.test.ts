import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { describe, expect, it } from 'vitest';
import { getContextLength } from './get-context-length.js';
import {
  clearCapabilitiesMemo,
  DEFAULT_CAPABILITIES,
  getModelCapabilities,
} from './get-model-capabilities.js';
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

// Real Bedrock ids (foundation models, profiles, ARNs, context variants) and what the table says.
const ROWS: Row[] = [
  {
    id: 'anthropic.claude-3-haiku-20240307-v1:0',
    key: 'anthropic.claude-3-haiku',
    match: 'exact',
    context: 200_000,
    output: 4096,
    tools: true,
    vision: true,
  },
  {
    id: 'anthropic.claude-3-haiku-20240307-v1:0:48k',
    key: 'anthropic.claude-3-haiku',
    match: 'exact',
    context: 48_000,
  },
  {
    id: 'anthropic.claude-3-haiku-20240307-v1:0:200k',
    key: 'anthropic.claude-3-haiku',
    match: 'exact',
    context: 200_000,
  },
  {
    id: 'anthropic.claude-3-sonnet-20240229-v1:0:28k',
    key: 'anthropic.claude-3-sonnet',
    match: 'exact',
    context: 28_000,
  },
  {
    id: 'anthropic.claude-3-opus-20240229-v1:0',
    key: 'anthropic.claude-3-opus',
    match: 'exact',
    context: 200_000,
  },
  {
    id: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
    key: 'anthropic.claude-3-5-sonnet',
    match: 'exact',
    context: 200_000,
    output: 8192,
  },
  {
    id: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
    key: 'anthropic.claude-3-5-sonnet-20241022',
    match: 'exact',
    context: 200_000,
    output: 8192,
  },
  {
    id: 'anthropic.claude-3-5-haiku-20241022-v1:0',
    key: 'anthropic.claude-3-5-haiku',
    match: 'exact',
    context: 200_000,
    vision: false,
  },
  {
    id: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
    key: 'anthropic.claude-3-7-sonnet',
    match: 'exact',
    context: 200_000,
    output: 64_000,
    reasoning: 'anthropic-thinking',
  },
  {
    id: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
    key: 'anthropic.claude-sonnet-4',
    match: 'exact',
    context: 200_000,
    output: 64_000,
  },
  {
    id: 'apac.anthropic.claude-sonnet-4-20250514-v1:0',
    key: 'anthropic.claude-sonnet-4',
    match: 'exact',
    context: 200_000,
  },
  {
    id: 'us.anthropic.claude-opus-4-20250514-v1:0',
    key: 'anthropic.claude-opus-4',
    match: 'exact',
    context: 200_000,
    output: 32_000,
  },
  {
    id: 'us.anthropic.claude-opus-4-1-20250805-v1:0',
    key: 'anthropic.claude-opus-4-1',
    match: 'exact',
    context: 200_000,
    output: 32_000,
  },
  {
    id: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    key: 'anthropic.claude-sonnet-4-5',
    match: 'exact',
    context: 200_000,
    output: 64_000,
  },
  {
    id: 'jp.anthropic.claude-sonnet-4-5-20250929-v1:0',
    key: 'anthropic.claude-sonnet-4-5',
    match: 'exact',
    context: 200_000,
  },
  {
    id: 'au.anthropic.claude-haiku-4-5-20251001-v1:0',
    key: 'anthropic.claude-haiku-4-5',
    match: 'exact',
    context: 200_000,
  },
  {
    id: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0',
    key: 'anthropic.claude-haiku-4-5',
    match: 'exact',
    context: 200_000,
  },
  {
    id: 'global.anthropic.claude-opus-4-5-20251101-v1:0',
    key: 'anthropic.claude-opus-4-5',
    match: 'exact',
    context: 200_000,
    output: 64_000,
  },
  {
    id: 'anthropic.claude-opus-4-6-v1',
    key: 'anthropic.claude-opus-4-6',
    match: 'exact',
    context: 200_000,
    output: 128_000,
  },
  {
    id: 'us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0',
    key: 'anthropic.claude-sonnet-4-5',
    match: 'exact',
    context: 200_000,
  },
  {
    id: 'ca.anthropic.claude-sonnet-4-5-20250929-v1:0',
    key: 'anthropic.claude-sonnet-4-5',
    match: 'exact',
    context: 200_000,
  },
  {
    id: 'ap.anthropic.claude-3-5-sonnet-20240620-v1:0',
    key: 'anthropic.claude-3-5-sonnet',
    match: 'exact',
    context: 200_000,
  },
  {
    id: 'anthropic.claude-v2',
    key: 'anthropic.claude-v2',
    match: 'exact',
    context: 100_000,
    tools: false,
  },
  { id: 'anthropic.claude-v2:1', key: 'anthropic.claude-v2:1', match: 'exact', context: 200_000 },
  {
    id: 'anthropic.claude-instant-v1',
    key: 'anthropic.claude-instant',
    match: 'exact',
    context: 100_000,
  },
  {
    id: 'anthropic.claude-opus-4-9-20270101-v1:0',
    key: 'anthropic.claude-opus-4',
    match: 'family',
    context: 200_000,
  },
  {
    id: `arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`,
    key: 'anthropic.claude-3-haiku',
    match: 'exact',
    context: 200_000,
  },
  {
    id: `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0`,
    key: 'anthropic.claude-sonnet-4',
    match: 'exact',
    context: 200_000,
  },
  {
    id: `arn:aws-us-gov:bedrock:us-gov-west-1:${ACCOUNT}:inference-profile/us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0`,
    key: 'anthropic.claude-3-5-sonnet',
    match: 'exact',
    context: 200_000,
  },
  {
    id: `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/a1b2c3d4e5f6`,
    key: undefined,
    match: 'none',
    context: DEFAULT_CAPABILITIES.contextWindow,
  },
  {
    id: `arn:aws:bedrock:us-east-1:${ACCOUNT}:provisioned-model/abcdef123456`,
    key: undefined,
    match: 'none',
    context: DEFAULT_CAPABILITIES.contextWindow,
  },
  {
    id: 'amazon.nova-micro-v1:0',
    key: 'amazon.nova-micro',
    match: 'exact',
    context: 128_000,
    vision: false,
  },
  {
    id: 'amazon.nova-lite-v1:0',
    key: 'amazon.nova-lite',
    match: 'exact',
    context: 300_000,
    vision: true,
  },
  { id: 'amazon.nova-pro-v1:0:300k', key: 'amazon.nova-pro', match: 'exact', context: 300_000 },
  {
    id: 'us.amazon.nova-premier-v1:0',
    key: 'amazon.nova-premier',
    match: 'exact',
    context: 1_000_000,
    output: 32_000,
  },
  {
    id: 'global.amazon.nova-2-lite-v1:0',
    key: 'amazon.nova-2-lite',
    match: 'exact',
    context: 1_000_000,
    reasoning: 'nova-reasoning',
  },
  {
    id: 'amazon.nova-sonic-v1:0',
    key: 'amazon.nova-sonic',
    match: 'exact',
    context: 32_000,
    chat: false,
  },
  {
    id: 'amazon.nova-canvas-v1:0',
    key: 'amazon.nova-canvas',
    match: 'exact',
    context: 32_000,
    chat: false,
  },
  {
    id: 'amazon.titan-text-express-v1',
    key: 'amazon.titan-text-express',
    match: 'exact',
    context: 8192,
    tools: false,
  },
  {
    id: 'amazon.titan-text-premier-v1:0',
    key: 'amazon.titan-text-premier',
    match: 'exact',
    context: 32_000,
  },
  {
    id: 'amazon.titan-embed-text-v2:0',
    key: 'amazon.titan-embed-text',
    match: 'exact',
    context: 8192,
    chat: false,
  },
  {
    id: 'amazon.titan-image-generator-v2:0',
    key: 'amazon.titan-image-generator',
    match: 'exact',
    context: 32_000,
    chat: false,
  },
  {
    id: 'meta.llama3-8b-instruct-v1:0',
    key: 'meta.llama3-8b-instruct',
    match: 'exact',
    context: 8192,
    tools: false,
  },
  {
    id: 'meta.llama3-1-70b-instruct-v1:0',
    key: 'meta.llama3-1-70b-instruct',
    match: 'exact',
    context: 128_000,
    tools: true,
  },
  {
    id: 'meta.llama3-1-405b-instruct-v1:0',
    key: 'meta.llama3-1-405b-instruct',
    match: 'exact',
    context: 128_000,
    output: 4096,
  },
  {
    id: 'us.meta.llama3-2-11b-instruct-v1:0',
    key: 'meta.llama3-2-11b-instruct',
    match: 'exact',
    context: 128_000,
    vision: true,
  },
  {
    id: 'eu.meta.llama3-2-1b-instruct-v1:0',
    key: 'meta.llama3-2-1b-instruct',
    match: 'exact',
    context: 128_000,
    tools: false,
  },
  {
    id: 'us.meta.llama3-3-70b-instruct-v1:0',
    key: 'meta.llama3-3-70b-instruct',
    match: 'exact',
    context: 128_000,
  },
  {
    id: 'us.meta.llama4-maverick-17b-instruct-v1:0',
    key: 'meta.llama4-maverick-17b-instruct',
    match: 'exact',
    context: 1_000_000,
    output: 8192,
  },
  {
    id: 'us.meta.llama4-scout-17b-instruct-v1:0',
    key: 'meta.llama4-scout-17b-instruct',
    match: 'exact',
    context: 3_500_000,
  },
  {
    id: 'mistral.mistral-7b-instruct-v0:2',
    key: 'mistral.mistral-7b-instruct',
    match: 'exact',
    context: 32_000,
    tools: false,
  },
  {
    id: 'mistral.mixtral-8x7b-instruct-v0:1',
    key: 'mistral.mixtral-8x7b-instruct',
    match: 'exact',
    context: 32_000,
  },
  {
    id: 'mistral.mistral-large-2402-v1:0',
    key: 'mistral.mistral-large-2402',
    match: 'exact',
    context: 32_000,
    tools: true,
  },
  {
    id: 'mistral.mistral-large-2407-v1:0',
    key: 'mistral.mistral-large-2407',
    match: 'exact',
    context: 128_000,
  },
  {
    id: 'mistral.mistral-large-3-675b-instruct',
    key: 'mistral.mistral-large',
    match: 'family',
    context: 32_000,
  },
  {
    id: 'mistral.mistral-small-2402-v1:0',
    key: 'mistral.mistral-small-2402',
    match: 'exact',
    context: 32_000,
  },
  {
    id: 'us.mistral.pixtral-large-2502-v1:0',
    key: 'mistral.pixtral-large-2502',
    match: 'exact',
    context: 128_000,
    vision: true,
  },
  {
    id: 'us.deepseek.r1-v1:0',
    key: 'deepseek.r1',
    match: 'exact',
    context: 128_000,
    tools: false,
    reasoning: 'always',
  },
  {
    id: 'deepseek.v3-v1:0',
    key: 'deepseek.v3',
    match: 'exact',
    context: 128_000,
    tools: true,
    reasoning: 'none',
  },
  {
    id: 'cohere.command-r-v1:0',
    key: 'cohere.command-r',
    match: 'exact',
    context: 128_000,
    tools: true,
  },
  {
    id: 'cohere.command-r-plus-v1:0',
    key: 'cohere.command-r-plus',
    match: 'exact',
    context: 128_000,
  },
  {
    id: 'cohere.command-text-v14',
    key: 'cohere.command-text',
    match: 'exact',
    context: 4096,
    chat: false,
  },
  {
    id: 'cohere.embed-english-v3',
    key: 'cohere.embed-english',
    match: 'exact',
    context: 512,
    chat: false,
  },
  {
    id: 'cohere.embed-multilingual-v3',
    key: 'cohere.embed-multilingual',
    match: 'exact',
    context: 512,
    chat: false,
  },
  {
    id: 'cohere.embed-v4:0',
    key: 'cohere.embed-v4',
    match: 'exact',
    context: 128_000,
    chat: false,
  },
  {
    id: 'cohere.rerank-v3-5:0',
    key: 'cohere.rerank',
    match: 'exact',
    context: 32_000,
    chat: false,
  },
  {
    id: 'openai.gpt-oss-120b-1:0',
    key: 'openai.gpt-oss-120b',
    match: 'exact',
    context: 128_000,
    reasoning: 'openai-reasoning-effort',
  },
  {
    id: 'openai.gpt-oss-20b-1:0',
    key: 'openai.gpt-oss-20b',
    match: 'exact',
    context: 128_000,
    tools: true,
  },
  { id: 'qwen.qwen3-32b-v1:0', key: 'qwen.qwen3-32b', match: 'exact', context: 32_768 },
  {
    id: 'qwen.qwen3-235b-a22b-2507-v1:0',
    key: 'qwen.qwen3-235b-a22b-2507',
    match: 'exact',
    context: 262_144,
  },
  {
    id: 'qwen.qwen3-coder-480b-a35b-v1:0',
    key: 'qwen.qwen3-coder-480b-a35b',
    match: 'exact',
    context: 262_144,
  },
  { id: 'qwen.qwen3-next-80b-a3b', key: 'qwen.qwen3', match: 'family', context: 32_768 },
  {
    id: 'ai21.jamba-1-5-large-v1:0',
    key: 'ai21.jamba-1-5-large',
    match: 'exact',
    context: 256_000,
  },
  { id: 'writer.palmyra-x5-v1:0', key: 'writer.palmyra-x5', match: 'exact', context: 1_000_000 },
  {
    id: 'stability.sd3-5-large-v1:0',
    key: 'stability',
    match: 'exact',
    context: 10_000,
    chat: false,
  },
  {
    id: 'twelvelabs.marengo-embed-2-7-v1:0',
    key: 'twelvelabs',
    match: 'exact',
    context: 8192,
    chat: false,
  },
  {
    id: 'ANTHROPIC.CLAUDE-3-HAIKU-20240307-V1:0',
    key: 'anthropic.claude-3-haiku',
    match: 'exact',
    context: 200_000,
  },
  {
    id: '  anthropic.claude-3-haiku-20240307-v1:0  ',
    key: 'anthropic.claude-3-haiku',
    match: 'exact',
    context: 200_000,
  },
  {
    id: 'acme.brand-new-model-v1:0',
    key: undefined,
    match: 'none',
    context: DEFAULT_CAPABILITIES.contextWindow,
  },
  {
    id: 'anthropic.claude-next',
    key: undefined,
    match: 'none',
    context: DEFAULT_CAPABILITIES.contextWindow,
  },
  {
    id: 'nosuchgeo.acme.model',
    key: undefined,
    match: 'none',
    context: DEFAULT_CAPABILITIES.contextWindow,
  },
];

describe('getModelCapabilities: table lookups', () => {
  it('covers at least 40 ids', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(ROWS)('$id -> $key ($match)', (row) => {
    const caps = getModelCapabilities(row.id);
    expect(caps.matchedKey).toBe(row.key);
    expect(caps.match).toBe(row.match);
    expect(caps.known).toBe(row.match === 'exact');
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

  it('memoises: the same frozen object for the same id, recomputed after clearing', () => {
    const a = getModelCapabilities('amazon.nova-pro-v1:0');
    expect(getModelCapabilities('amazon.nova-pro-v1:0')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.promptCaching)).toBe(true);
    expect(() => {
      (a.profiles as string[]).push('xx');
    }).toThrow(TypeError);
    clearCapabilitiesMemo();
    const b = getModelCapabilities('amazon.nova-pro-v1:0');
    expect(b).not.toBe(a);
    expect(b).toEqual(a);
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
