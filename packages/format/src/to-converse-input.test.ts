import { describe, expect, it } from 'vitest';
import type { ChatCompletionRequest } from './openai-request.js';
import { dataUrl, IMAGES } from './test-support/images.js';
import { thrown } from './test-support/thrown.js';
import { toConverseInput } from './to-converse-input.js';
import { validateConverseInput } from './validate-converse-input.js';

const req = (
  messages: ChatCompletionRequest['messages'],
  extra: Partial<ChatCompletionRequest> = {},
): ChatCompletionRequest => ({
  model: 'anthropic.claude-3-haiku-20240307-v1:0',
  messages,
  ...extra,
});

describe('toConverseInput: roles', () => {
  it('puts system and developer messages (wherever they are) into system blocks', () => {
    const { input } = toConverseInput(
      req([
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'hi' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
      ]),
    );
    expect(input.system).toEqual([{ text: 'You are terse.' }, { text: 'Answer in French.' }]);
    expect(input.messages).toEqual([{ role: 'user', content: [{ text: 'hi' }] }]);
    expect(input.modelId).toBe('anthropic.claude-3-haiku-20240307-v1:0');
  });

  it('rejects an empty messages array, naming messages (no placeholder conversation)', () => {
    const error = thrown(() => toConverseInput(req([])));
    expect(error.kind).toBe('validation');
    expect(error.code).toBe('empty_messages');
    expect(error.param).toBe('messages');
  });

  it('names an unknown role and its index', () => {
    const error = thrown(() =>
      toConverseInput(
        req([{ role: 'user', content: 'a' }, { role: 'critic', content: 'b' } as never]),
      ),
    );
    expect(error.code).toBe('unknown_role');
    expect(error.param).toBe('messages[1].role');
    expect(error.message).toContain('"critic"');
  });

  it('maps legacy functions, function_call and the function role to tools', () => {
    const { input } = toConverseInput(
      req(
        [
          { role: 'user', content: 'weather?' },
          {
            role: 'assistant',
            content: null,
            function_call: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
          },
          { role: 'function', name: 'get_weather', content: '12C' },
        ],
        {
          functions: [
            {
              name: 'get_weather',
              parameters: { type: 'object', properties: { city: { type: 'string' } } },
            },
          ],
          function_call: { name: 'get_weather' },
        },
      ),
    );
    expect(input.toolConfig?.toolChoice).toEqual({ tool: { name: 'get_weather' } });
    const use = input.messages?.[1]?.content?.[0]?.toolUse;
    expect(use).toMatchObject({ name: 'get_weather', input: { city: 'Oslo' } });
    expect(input.messages?.[2]?.content?.[0]?.toolResult).toEqual({
      toolUseId: use?.toolUseId,
      content: [{ text: '12C' }],
    });
    expect(validateConverseInput(input)).toEqual([]);
  });
});

describe('toConverseInput: content parts', () => {
  it('decodes data-URL images to bytes with the sniffed format (image/jpg -> jpeg)', () => {
    const { input } = toConverseInput(
      req([
        {
          role: 'user',
          content: [
            { type: 'text', text: 'compare' },
            { type: 'image_url', image_url: { url: dataUrl('image/jpg', IMAGES.jpeg) } },
            { type: 'image_url', image_url: { url: dataUrl('image/jpeg', IMAGES.png) } },
          ],
        },
      ]),
    );
    const [, jpeg, png] = input.messages?.[0]?.content ?? [];
    expect(jpeg?.image?.format).toBe('jpeg');
    expect(jpeg?.image?.source?.bytes).toEqual(IMAGES.jpeg);
    expect(png?.image?.format).toBe('png');
  });

  it('takes remote images from imageBytes and explains how to enable them otherwise', () => {
    const url = 'https://example.com/cat.gif';
    const messages: ChatCompletionRequest['messages'] = [
      { role: 'user', content: [{ type: 'image_url', image_url: { url } }] },
    ];
    const error = thrown(() => toConverseInput(req(messages)));
    expect(error.code).toBe('remote_image_not_fetched');
    expect(error.param).toBe('messages[0].content[0]');
    expect(error.message).toContain('imageBytes');
    const { input } = toConverseInput(req(messages), { imageBytes: new Map([[url, IMAGES.gif]]) });
    expect(input.messages?.[0]?.content?.[0]?.image?.format).toBe('gif');
    const viaRecord = toConverseInput(req(messages), { imageBytes: { [url]: IMAGES.gif } });
    expect(viaRecord.input.messages?.[0]?.content?.[0]?.image?.source?.bytes).toEqual(IMAGES.gif);
  });

  it('turns file parts into documents with valid, unique names', () => {
    const pdf = new TextEncoder().encode('%PDF-1.7 ...');
    const file_data = `data:application/pdf;base64,${Buffer.from(pdf).toString('base64')}`;
    const csv = `data:text/csv;base64,${Buffer.from('a,b\n1,2').toString('base64')}`;
    const { input } = toConverseInput(
      req([
        {
          role: 'user',
          content: [
            { type: 'file', file: { file_data, filename: 'Q3 report (final)!!.v2.pdf' } },
            { type: 'file', file: { file_data, filename: 'Q3 report (final)!!.v2.pdf' } },
            { type: 'file', file: { file_data: csv, filename: 'data.csv' } },
            { type: 'file', file: { file_data, filename: 'été_résumé Ørsted 東京.pdf' } },
            { type: 'text', text: 'summarise' },
          ],
        },
      ]),
    );
    const docs = (input.messages?.[0]?.content ?? []).flatMap((b) =>
      b.document ? [b.document] : [],
    );
    expect(docs.map((d) => [d.name, d.format])).toEqual([
      ['Q3 report (final)-v2', 'pdf'],
      ['Q3 report (final)-v2 (2)', 'pdf'],
      ['data', 'csv'],
      ['ete-resume -rsted', 'pdf'], // accents dropped; Ø and 東京 have no ASCII base letter
    ]);
    expect(validateConverseInput(input)).toEqual([]);
  });

  it('rejects file_id, unknown file types and input_audio, naming the part', () => {
    expect(
      thrown(() =>
        toConverseInput(
          req([{ role: 'user', content: [{ type: 'file', file: { file_id: 'file-1' } }] }]),
        ),
      ).code,
    ).toBe('unsupported_file_reference');
    const exe = `data:application/octet-stream;base64,${Buffer.from('MZ').toString('base64')}`;
    expect(
      thrown(() =>
        toConverseInput(
          req([
            {
              role: 'user',
              content: [{ type: 'file', file: { file_data: exe, filename: 'a.exe' } }],
            },
          ]),
        ),
      ).code,
    ).toBe('unsupported_file_format');
    const audio = thrown(() =>
      toConverseInput(
        req([
          {
            role: 'user',
            content: [
              { type: 'text', text: 'hi' },
              { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
            ],
          },
        ]),
      ),
    );
    expect(audio.code).toBe('unsupported_content_part');
    expect(audio.param).toBe('messages[0].content[1]');
    expect(audio.message).toContain('input_audio');
  });
});

describe('toConverseInput: sampling, limits and other fields', () => {
  it('maps max tokens, temperature, top_p and stop', () => {
    const { input } = toConverseInput(
      req([{ role: 'user', content: 'x' }], {
        max_completion_tokens: 300,
        max_tokens: 100,
        temperature: 0.2,
        top_p: 0.9,
        stop: 'END',
      }),
    );
    expect(input.inferenceConfig).toEqual({
      maxTokens: 300,
      temperature: 0.2,
      topP: 0.9,
      stopSequences: ['END'],
    });
    const list = toConverseInput(req([{ role: 'user', content: 'x' }], { stop: ['a', '', 'b'] }));
    expect(list.input.inferenceConfig).toEqual({ stopSequences: ['a', 'b'] });
  });

  it('drops sampling params the model rejects and says so, or refuses them by policy', () => {
    const request = req([{ role: 'user', content: 'x' }], { temperature: 0.5, top_p: 0.5 });
    const result = toConverseInput(request, {
      rejectedParams: ['temperature'],
      paramPolicy: 'drop',
    });
    expect(result.input.inferenceConfig).toEqual({ topP: 0.5 });
    expect(result.dropped).toEqual(['temperature']);
    const error = thrown(() => toConverseInput(request, { rejectedParams: ['temperature'] }));
    expect([error.code, error.param]).toEqual(['unsupported_parameter', 'temperature']);
  });

  it('rejects fields with no Bedrock meaning, naming them, unless dropping is allowed', () => {
    const cases: Array<[Partial<ChatCompletionRequest>, string]> = [
      [{ n: 2 }, 'n'],
      [{ logprobs: true }, 'logprobs'],
      [{ audio: { voice: 'alloy', format: 'mp3' } }, 'audio'],
      [{ seed: 7 }, 'seed'],
      [{ presence_penalty: 0.5 }, 'presence_penalty'],
    ];
    for (const [extra, param] of cases) {
      const error = thrown(() => toConverseInput(req([{ role: 'user', content: 'x' }], extra)));
      expect([error.code, error.param]).toEqual(['unsupported_parameter', param]);
      expect(
        toConverseInput(req([{ role: 'user', content: 'x' }], extra), {
          dropUnsupportedParams: true,
        }).dropped,
      ).toEqual([param]);
    }
    expect(
      toConverseInput(
        req([{ role: 'user', content: 'x' }], { n: 1, logprobs: false, store: false }),
      ).dropped,
    ).toEqual([]);
    // Hints that cannot change the answer are never refused, always named.
    expect(
      toConverseInput(
        req([{ role: 'tool', content: 'r', tool_call_id: 'c', name: 'f' } as never], {
          user: 'u1',
          safety_identifier: 's',
        }),
      ).dropped,
    ).toEqual(expect.arrayContaining(['user', 'safety_identifier', 'messages[0].name']));
  });

  it('maps metadata to requestMetadata and validates it', () => {
    const { input } = toConverseInput(
      req([{ role: 'user', content: 'x' }], {
        metadata: { tenant: 'acme-1', 'trace:id': 'a/b+c' },
      }),
      { requestMetadata: { app: 'gw' } },
    );
    expect(input.requestMetadata).toEqual({ app: 'gw', tenant: 'acme-1', 'trace:id': 'a/b+c' });
    const error = thrown(() =>
      toConverseInput(req([{ role: 'user', content: 'x' }], { metadata: { 'bad key!': 'v' } })),
    );
    expect([error.code, error.param]).toEqual(['invalid_metadata', 'metadata.bad key!']);
  });

  it('passes guardrailConfig, additional fields, performanceConfig and serviceTier through', () => {
    const { input } = toConverseInput(
      req([{ role: 'user', content: 'x' }], { service_tier: 'flex' }),
      {
        modelId: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
        guardrailConfig: { guardrailIdentifier: 'g1', guardrailVersion: '1' },
        additionalModelRequestFields: { top_k: 40 },
        additionalModelResponseFieldPaths: ['/stop_sequence'],
        performanceConfig: { latency: 'optimized' },
      },
    );
    expect(input).toMatchObject({
      modelId: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
      guardrailConfig: { guardrailIdentifier: 'g1', guardrailVersion: '1' },
      additionalModelRequestFields: { top_k: 40 },
      additionalModelResponseFieldPaths: ['/stop_sequence'],
      performanceConfig: { latency: 'optimized' },
      serviceTier: { type: 'flex' },
    });
  });

  it('maps response_format json_schema to outputConfig, or to a forced tool', () => {
    const schema = { type: 'object', properties: { a: { type: 'number' } }, required: ['a'] };
    const request = req([{ role: 'user', content: 'x' }], {
      response_format: { type: 'json_schema', json_schema: { name: 'thing', schema } },
    });
    const native = toConverseInput(request);
    expect(native.input.outputConfig).toEqual({
      textFormat: {
        type: 'json_schema',
        structure: {
          jsonSchema: {
            schema: JSON.stringify({ ...schema, additionalProperties: false }),
            name: 'thing',
          },
        },
      },
    });
    const viaTool = toConverseInput(request, { structuredOutput: 'tool' });
    expect(viaTool.input.toolConfig?.toolChoice).toEqual({ tool: { name: 'structured_output' } });
    expect(viaTool.input.toolConfig?.tools?.[0]?.toolSpec?.inputSchema?.json).toEqual(schema);
    expect(viaTool.answer.structuredOutputTool).toBe('structured_output');
  });
});
