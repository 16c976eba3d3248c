import type { ConverseStreamCommandInput } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { IMAGES } from './test-support/images.js';
import { thrown } from './test-support/thrown.js';
import { assertValidConverseInput, validateConverseInput } from './validate-converse-input.js';

const codes = (input: Partial<ConverseStreamCommandInput>) =>
  validateConverseInput({ modelId: 'm', ...input }).map((p) => p.code);
const use = (id: string, name = 'f') => ({ toolUse: { toolUseId: id, name, input: {} } });
const result = (id: string) => ({ toolResult: { toolUseId: id, content: [{ text: 'r' }] } });
const toolConfig = {
  tools: [{ toolSpec: { name: 'f', inputSchema: { json: { type: 'object' } } } }],
};

describe('validateConverseInput', () => {
  it('accepts a valid conversation', () => {
    expect(
      codes({
        system: [{ text: 's' }],
        messages: [
          {
            role: 'user',
            content: [{ text: 'a' }, { image: { format: 'png', source: { bytes: IMAGES.png } } }],
          },
          { role: 'assistant', content: [use('t1')] },
          { role: 'user', content: [result('t1'), { cachePoint: { type: 'default' } }] },
        ],
        toolConfig,
      }),
    ).toEqual([]);
  });

  it('finds alternation, first-user, empty and blank problems', () => {
    expect(codes({ messages: [] })).toEqual(['no_messages']);
    expect(codes({ messages: [{ role: 'assistant', content: [{ text: 'a' }] }] })).toEqual([
      'first_message_not_user',
    ]);
    expect(
      codes({
        messages: [
          { role: 'user', content: [{ text: 'a' }] },
          { role: 'user', content: [{ text: 'b' }] },
        ],
      }),
    ).toEqual(['roles_not_alternating']);
    expect(codes({ messages: [{ role: 'user', content: [] }] })).toEqual(['empty_content']);
    expect(codes({ messages: [{ role: 'user', content: [{ text: ' \n' }] }] })).toEqual([
      'blank_text',
    ]);
    expect(
      codes({
        messages: [{ role: 'user', content: [{ cachePoint: { type: 'default' } }, { text: 'a' }] }],
      }),
    ).toEqual(['leading_cache_point']);
    expect(
      codes({ system: [{ text: '' }], messages: [{ role: 'user', content: [{ text: 'a' }] }] }),
    ).toEqual(['blank_text']);
  });

  it('checks toolUse/toolResult pairing, ids, names and the toolConfig', () => {
    expect(
      codes({
        messages: [
          { role: 'user', content: [{ text: 'a' }] },
          { role: 'assistant', content: [use('t1')] },
        ],
        toolConfig,
      }),
    ).toEqual(['tool_use_without_result']);
    expect(codes({ messages: [{ role: 'user', content: [result('zz')] }], toolConfig })).toEqual([
      'tool_result_without_use',
    ]);
    expect(
      codes({
        messages: [
          { role: 'user', content: [{ text: 'a' }] },
          { role: 'assistant', content: [use('bad id')] },
          { role: 'user', content: [result('bad id')] },
        ],
        toolConfig,
      }),
    ).toEqual(['invalid_tool_use_id']);
    expect(
      codes({
        messages: [
          { role: 'user', content: [{ text: 'a' }] },
          { role: 'assistant', content: [use('t', 'bad name')] },
          { role: 'user', content: [result('t')] },
        ],
        toolConfig,
      }),
    ).toEqual(['invalid_tool_name']);
    expect(
      codes({
        messages: [
          { role: 'user', content: [{ text: 'a' }] },
          { role: 'assistant', content: [use('t')] },
          { role: 'user', content: [result('t')] },
        ],
      }),
    ).toEqual(['missing_tool_config']);
    expect(
      codes({
        messages: [{ role: 'user', content: [{ text: 'a' }] }],
        toolConfig: {
          tools: [{ toolSpec: { name: 'f', inputSchema: { json: { type: 'array' } } } }],
          toolChoice: { tool: { name: 'g' } },
        },
      }),
    ).toEqual(['invalid_input_schema', 'unknown_tool_choice']);
    expect(codes({ messages: [{ role: 'user', content: [use('t')] }], toolConfig })).toContain(
      'tool_use_not_in_assistant_turn',
    );
  });

  it('reports a toolUse id used twice, in one message or across the conversation', () => {
    const across = validateConverseInput({
      modelId: 'm',
      messages: [
        { role: 'user', content: [{ text: 'a' }] },
        { role: 'assistant', content: [use('t1')] },
        { role: 'user', content: [result('t1')] },
        { role: 'assistant', content: [{ text: 'again' }, use('t1')] },
        { role: 'user', content: [result('t1')] },
      ],
      toolConfig,
    });
    expect(across).toEqual([
      {
        path: 'messages[3].content[1].toolUse.toolUseId',
        code: 'duplicate_tool_use_id',
        message: expect.stringContaining('"t1" is already used by messages[1].content[0]'),
      },
    ]);
    expect(
      codes({
        messages: [
          { role: 'user', content: [{ text: 'a' }] },
          { role: 'assistant', content: [use('t1'), use('t1')] },
          { role: 'user', content: [result('t1')] },
        ],
        toolConfig,
      }),
    ).toEqual(['duplicate_tool_use_id']);
  });

  it('checks image formats against the bytes and document names', () => {
    expect(
      codes({
        messages: [
          { role: 'user', content: [{ image: { format: 'jpeg', source: { bytes: IMAGES.png } } }] },
        ],
      }),
    ).toEqual(['image_format_mismatch']);
    expect(
      codes({
        messages: [
          {
            role: 'user',
            content: [{ image: { format: 'bmp' as never, source: { bytes: IMAGES.png } } }],
          },
        ],
      }),
    ).toContain('invalid_image_format');
    const doc = (name: string) => ({
      document: { name, format: 'txt' as const, source: { bytes: new Uint8Array([65]) } },
    });
    expect(
      codes({
        messages: [
          {
            role: 'user',
            content: [
              doc('report.final'),
              doc('two  spaces'),
              doc('ok (1) [a]'),
              doc('OK (1) [a]'),
              { text: 'compare them' },
            ],
          },
        ],
      }),
    ).toEqual(['invalid_document_name', 'invalid_document_name', 'duplicate_document_name']);
  });

  it('requires a text block next to documents, and at most 5 documents and 20 images', () => {
    const doc = (name: string) => ({
      document: { name, format: 'txt' as const, source: { bytes: new Uint8Array([65]) } },
    });
    const image = { image: { format: 'png' as const, source: { bytes: IMAGES.png } } };
    expect(codes({ messages: [{ role: 'user', content: [doc('a')] }] })).toEqual([
      'document_without_text',
    ]);
    expect(codes({ messages: [{ role: 'user', content: [doc('a'), { text: 'read' }] }] })).toEqual(
      [],
    );
    const six = ['a', 'b', 'c', 'd', 'e', 'f'].map(doc);
    expect(codes({ messages: [{ role: 'user', content: [...six, { text: 'read' }] }] })).toEqual([
      'too_many_documents',
    ]);
    const images = (n: number) => Array.from({ length: n }, () => image);
    expect(codes({ messages: [{ role: 'user', content: images(20) }] })).toEqual([]);
    expect(codes({ messages: [{ role: 'user', content: images(21) }] })).toEqual([
      'too_many_images',
    ]);
  });

  it('checks inference config and request metadata', () => {
    const messages = [{ role: 'user' as const, content: [{ text: 'a' }] }];
    expect(
      codes({
        messages,
        inferenceConfig: { maxTokens: 0, temperature: 1.5, topP: -1, stopSequences: [''] },
      }),
    ).toEqual([
      'invalid_max_tokens',
      'invalid_temperature',
      'invalid_top_p',
      'empty_stop_sequence',
    ]);
    expect(codes({ messages, requestMetadata: { 'a!': 'b' } })).toEqual(['invalid_metadata']);
  });

  it('assertValidConverseInput throws a validation error listing every problem', () => {
    const error = thrown(() =>
      assertValidConverseInput({
        modelId: 'm',
        messages: [{ role: 'assistant', content: [{ text: '' }] }],
      }),
    );
    expect(error.kind).toBe('validation');
    expect(error.param).toBe('messages[0].role');
    expect(error.message).toContain('empty or whitespace only');
  });

  it('takes the current tool-use id pattern [a-zA-Z0-9_.:-]{1,64} (no stricter)', () => {
    expect(
      codes({
        messages: [
          { role: 'user', content: [{ text: 'a' }] },
          { role: 'assistant', content: [use('functions.get_weather:0')] },
          { role: 'user', content: [result('functions.get_weather:0')] },
        ],
        toolConfig,
      }),
    ).toEqual([]);
    const long = 'x'.repeat(65);
    expect(
      codes({
        messages: [
          { role: 'user', content: [{ text: 'a' }] },
          { role: 'assistant', content: [use(long)] },
          { role: 'user', content: [result(long)] },
        ],
        toolConfig,
      }),
    ).toEqual(['invalid_tool_use_id']);
  });

  it('accepts document names with underscores and single whitespace; rejects over 4.5 MB', () => {
    const doc = (name: string, size = 1) => ({
      document: { name, format: 'txt' as const, source: { bytes: new Uint8Array(size) } },
    });
    expect(
      codes({ messages: [{ role: 'user', content: [doc('q3_report\tfinal'), { text: 'read' }] }] }),
    ).toEqual([]);
    expect(
      codes({
        messages: [{ role: 'user', content: [doc('big', 4.5 * 1024 * 1024 + 1), { text: 'r' }] }],
      }),
    ).toEqual(['document_too_large']);
  });

  it('counts images and documents per request, not per message (Claude: together at most 20)', () => {
    const image = { image: { format: 'png' as const, source: { bytes: IMAGES.png } } };
    const doc = (name: string) => ({
      document: { name, format: 'txt' as const, source: { bytes: new Uint8Array([65]) } },
    });
    const turns = (perTurn: number, turnsCount: number) =>
      Array.from({ length: turnsCount * 2 - 1 }, (_, i) =>
        i % 2 === 0
          ? {
              role: 'user' as const,
              content: [...Array.from({ length: perTurn }, () => image), { text: 'look' }],
            }
          : { role: 'assistant' as const, content: [{ text: 'ok' }] },
      );
    // 3 turns of 7 images: 21 in the request.
    expect(codes({ messages: turns(7, 3) })).toEqual(['too_many_images']);
    expect(codes({ messages: turns(5, 4) })).toEqual([]);
    const docs = (from: number) => ({
      role: 'user' as const,
      content: [doc(`d${from}`), doc(`d${from + 1}`), doc(`d${from + 2}`), { text: 'read' }],
    });
    expect(
      codes({
        messages: [docs(1), { role: 'assistant', content: [{ text: 'ok' }] }, docs(4)],
      }),
    ).toEqual(['too_many_documents']);
    const claude = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
    const mixed = {
      modelId: claude,
      messages: [
        {
          role: 'user' as const,
          content: [...turns(18, 1)[0]!.content, doc('a'), doc('b'), doc('c')],
        },
      ],
    };
    expect(validateConverseInput(mixed as never).map((p) => p.code)).toEqual([
      'too_many_images_and_documents',
    ]);
    expect(validateConverseInput({ ...mixed, modelId: 'amazon.nova-pro-v1:0' } as never)).toEqual(
      [],
    );
  });

  it('reports a 1h cache point after a 5m one (prompt order: tools, system, messages)', () => {
    const input = {
      modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
      system: [{ text: 'sys' }, { cachePoint: { type: 'default' as const } }],
      messages: [
        {
          role: 'user' as const,
          content: [
            { text: 'q' },
            { cachePoint: { type: 'default' as const, ttl: '1h' as const } },
          ],
        },
      ],
    };
    const problems = validateConverseInput(input);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['messages[0].content[1].cachePoint.ttl', 'cache_ttl_order'],
    ]);
    const fine = structuredClone(input);
    fine.system[1] = { cachePoint: { type: 'default', ttl: '1h' } } as never;
    expect(validateConverseInput(fine)).toEqual([]);
  });

  it('reports more than 4 cache points for Claude only', () => {
    const point = { cachePoint: { type: 'default' as const } };
    const content = [
      { text: 'a' },
      point,
      { text: 'b' },
      point,
      { text: 'c' },
      point,
      { text: 'd' },
      point,
      { text: 'e' },
      point,
    ];
    const messages = [{ role: 'user' as const, content }];
    expect(codes({ messages })).toEqual([]);
    expect(
      validateConverseInput({ modelId: 'us.anthropic.claude-opus-4-1-v1:0', messages }).map(
        (p) => p.code,
      ),
    ).toEqual(['too_many_cache_points']);
  });

  it('reports a thinking budget below 1024 or not below maxTokens', () => {
    const messages = [{ role: 'user' as const, content: [{ text: 'a' }] }];
    const thinking = (budget: number) => ({
      thinking: { type: 'enabled', budget_tokens: budget },
    });
    expect(codes({ messages, additionalModelRequestFields: thinking(1000) })).toEqual([
      'invalid_thinking_budget',
    ]);
    expect(
      codes({
        messages,
        additionalModelRequestFields: thinking(2048),
        inferenceConfig: { maxTokens: 2048 },
      }),
    ).toEqual(['thinking_budget_not_below_max_tokens']);
    expect(
      codes({
        messages,
        additionalModelRequestFields: thinking(1024),
        inferenceConfig: { maxTokens: 2048 },
      }),
    ).toEqual([]);
  });
});
