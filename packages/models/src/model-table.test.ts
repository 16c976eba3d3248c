import { describe, expect, it } from 'vitest';
import { getModelCapabilities } from './get-model-capabilities.js';
import { CACHE_TTLS, REASONING_STYLES, SAMPLING_PARAMS } from './model-capabilities.js';
import {
  citedSources,
  expandModelTable,
  MODEL_FAMILIES,
  MODEL_SOURCES,
  MODEL_TABLE,
} from './model-table.js';
import { PROFILE_PREFIXES } from './region-prefixes.js';

describe('built-in model table', () => {
  it.each(MODEL_TABLE.map((row) => [row.key, row] as const))('%s is well-formed', (_key, row) => {
    expect(row.source.length).toBeGreaterThan(20);
    expect(row.key).toBe(row.key.toLowerCase());
    expect(row.key.startsWith(`${row.provider}.`) || row.key === row.provider).toBe(true);
    expect(REASONING_STYLES).toContain(row.reasoning);
    for (const p of [...row.rejectedParams, ...row.rejectedWithReasoning])
      expect(SAMPLING_PARAMS).toContain(p);
    for (const group of row.exclusiveParams) {
      expect(group.length).toBeGreaterThanOrEqual(2);
      for (const p of group) expect(SAMPLING_PARAMS).toContain(p);
    }
    for (const geo of row.profiles) expect(PROFILE_PREFIXES).toContain(geo);
    if (row.task === 'chat') {
      expect(row.contextWindow).toBeGreaterThanOrEqual(4096);
      expect(row.maxOutputTokens).toBeGreaterThan(0);
      expect(row.maxOutputTokens).toBeLessThanOrEqual(row.contextWindow);
    } else {
      expect(row.toolUse).toBe(false);
      expect(row.reasoning).toBe('none');
    }
    if (row.reasoning === 'none') expect(row.rejectedWithReasoning).toEqual([]);
    if (row.streamingToolUse) expect(row.toolUse).toBe(true);
    if (row.forcedToolChoice) expect(row.toolUse).toBe(true);
    if (row.promptCaching !== null) {
      expect(row.promptCaching.locations.length).toBeGreaterThan(0);
      expect(row.promptCaching.minTokens).toBeGreaterThan(0);
      expect(row.promptCaching.ttls).toContain('5m');
      for (const ttl of row.promptCaching.ttls) expect(CACHE_TTLS).toContain(ttl);
    }
    // Converse's inferenceConfig.temperature is 0..1 for every model.
    expect(row.maxTemperature).toBeGreaterThan(0);
    expect(row.maxTemperature).toBeLessThanOrEqual(1);
    if (row.nativeStructuredOutput) expect(row.task).toBe('chat');
    if (row.extendedContext !== null)
      expect(row.extendedContext.contextWindow).toBeGreaterThan(row.contextWindow);
  });

  it.each(MODEL_TABLE.map((row) => [row.key, row] as const))(
    '%s cites at least one listed source',
    (_key, row) => {
      const cited = citedSources(row.source);
      expect(cited.length, row.source).toBeGreaterThan(0);
      for (const key of cited) expect(MODEL_SOURCES.has(key), `[${key}] in ${row.key}`).toBe(true);
    },
  );

  it('lists only sources some row cites, each saying where it is', () => {
    const cited = new Set(MODEL_TABLE.flatMap((row) => citedSources(row.source)));
    for (const [key, where] of MODEL_SOURCES) {
      expect(cited.has(key), `${key} is cited by no row`).toBe(true);
      // A URL, an owner/repo path, or an explicit statement that the repository is not known.
      expect(where).toMatch(/https:\/\/|[\w.-]+\/[\w.-]+|repository not named/);
    }
  });

  it('has unique keys', () => {
    const keys = MODEL_TABLE.map((row) => row.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("names, for each family, a chat row of that family and not of a narrower one's", () => {
    const prefixes = MODEL_FAMILIES.map((family) => family.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const family of MODEL_FAMILIES) {
      const row = MODEL_TABLE.find((r) => r.key === family.newest);
      expect(row?.task, family.prefix).toBe('chat');
      expect(family.newest.startsWith(family.prefix), family.prefix).toBe(true);
      const narrower = prefixes.filter(
        (p) => p !== family.prefix && p.startsWith(family.prefix) && family.newest.startsWith(p),
      );
      expect(narrower, family.prefix).toEqual([]);
    }
  });

  it('names, for each family with dated rows, its latest release as the newest row', () => {
    const prefixes = MODEL_FAMILIES.map((family) => family.prefix);
    for (const family of MODEL_FAMILIES) {
      // Rows of this family and not of a narrower family's.
      const members = MODEL_TABLE.filter(
        (row) =>
          row.key.startsWith(family.prefix) &&
          !prefixes.some(
            (p) => p !== family.prefix && p.startsWith(family.prefix) && row.key.startsWith(p),
          ),
      );
      const dated = members.filter((row) => row.released !== null);
      if (dated.length === 0) continue;
      const newest = MODEL_TABLE.find((row) => row.key === family.newest);
      expect(newest?.released, `${family.prefix}: ${family.newest} has no release date`).not.toBe(
        null,
      );
      for (const row of dated) {
        expect(row.released, row.key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(
          (row.released as string) <= (newest?.released as string),
          `${row.key} (${row.released}) is newer than ${family.newest}`,
        ).toBe(true);
      }
    }
  });

  it('says where each release date comes from, and never inherits one through like', () => {
    for (const row of MODEL_TABLE) {
      if (row.released !== null) expect(row.source, row.key).toContain(`Released ${row.released}`);
    }
    const haiku55 = MODEL_TABLE.find((row) => row.key === 'anthropic.claude-haiku-5-5');
    expect(haiku55?.released).toBe('2026-10-07');
    // Sonnet 5.5 is dated; Mythos 5.1, like Opus 4.7 (dated), is not.
    expect(MODEL_TABLE.find((row) => row.key === 'anthropic.claude-mythos-5-1')?.released).toBe(
      null,
    );
  });

  it('covers the families the README promises', () => {
    const families: [string, string][] = [
      ['anthropic.claude-3-haiku-20240307-v1:0', 'chat'],
      ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'chat'],
      ['anthropic.claude-3-7-sonnet-20250219-v1:0', 'chat'],
      ['anthropic.claude-sonnet-4-20250514-v1:0', 'chat'],
      ['anthropic.claude-opus-4-1-20250805-v1:0', 'chat'],
      ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'chat'],
      ['anthropic.claude-haiku-4-5-20251001-v1:0', 'chat'],
      ['anthropic.claude-opus-4-5-20251101-v1:0', 'chat'],
      ['amazon.nova-micro-v1:0', 'chat'],
      ['amazon.nova-lite-v1:0', 'chat'],
      ['amazon.nova-pro-v1:0', 'chat'],
      ['amazon.nova-premier-v1:0', 'chat'],
      ['amazon.nova-2-lite-v1:0', 'chat'],
      ['meta.llama3-1-8b-instruct-v1:0', 'chat'],
      ['meta.llama3-2-90b-instruct-v1:0', 'chat'],
      ['meta.llama3-3-70b-instruct-v1:0', 'chat'],
      ['meta.llama4-scout-17b-instruct-v1:0', 'chat'],
      ['mistral.mistral-large-2407-v1:0', 'chat'],
      ['mistral.mistral-small-2402-v1:0', 'chat'],
      ['mistral.pixtral-large-2502-v1:0', 'chat'],
      ['deepseek.r1-v1:0', 'chat'],
      ['deepseek.v3-v1:0', 'chat'],
      ['cohere.command-r-v1:0', 'chat'],
      ['cohere.command-r-plus-v1:0', 'chat'],
      ['openai.gpt-oss-120b-1:0', 'chat'],
      ['qwen.qwen3-coder-30b-a3b-v1:0', 'chat'],
      ['amazon.titan-embed-text-v2:0', 'embedding'],
      ['cohere.embed-english-v3', 'embedding'],
      ['amazon.nova-canvas-v1:0', 'image'],
      ['stability.stable-image-core-v1:1', 'image'],
    ];
    for (const [id, task] of families) {
      const caps = getModelCapabilities(id);
      expect(caps.known, id).toBe(true);
      expect(caps.task, id).toBe(task);
      expect(caps.kind, `${id}: the deprecated alias`).toBe(task);
      expect(caps.chat, id).toBe(task === 'chat');
    }
  });

  it('expandModelTable names the bad row', () => {
    const base = {
      key: 'x.a',
      source: 'test row with all fields for the expansion check',
      name: 'A',
      provider: 'x',
      task: 'chat' as const,
      contextWindow: 8000,
      maxOutputTokens: 1000,
      systemPrompt: true,
      toolUse: false,
      streamingToolUse: false,
      forcedToolChoice: false,
      vision: false,
      documents: false,
      video: false,
      reasoning: 'none' as const,
      promptCaching: null,
      rejectedParams: [],
      rejectedWithReasoning: [],
      exclusiveParams: [],
      prefill: false,
      onDemand: true,
    };
    expect(
      expandModelTable([
        { ...base, released: '2026-01-02' },
        { key: 'x.b', like: 'x.a', source: 'inherits', contextWindow: 9000 },
      ])[1],
    ).toMatchObject({
      contextWindow: 9000,
      maxOutputTokens: 1000,
      source: 'inherits',
      released: null,
    });
    expect(() => expandModelTable([{ key: 'x.b', like: 'x.zzz', source: 's' }])).toThrow(
      /x\.b.*x\.zzz/,
    );
    expect(() => expandModelTable([{ key: 'x.c', source: 's', name: 'C' }])).toThrow(/x\.c.*lacks/);
    expect(() => expandModelTable([base, base])).toThrow(/duplicate key "x\.a"/);
  });
});
