import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { describe, expect, it } from 'vitest';
import type { ReasoningDetail } from '../openai-request.js';
import type { ResponseInputItem } from './responses-request.js';
import { responsesToConverseInput } from './responses-to-converse-input.js';

/** A stand-in seal for tests: JSON in base64 with a marker (the gateway uses AES-GCM). */
const seal = (details: ReasoningDetail[]) =>
  `sealed:${Buffer.from(JSON.stringify(details)).toString('base64')}`;
const openReasoning = (sealed: string): ReasoningDetail[] | undefined =>
  sealed.startsWith('sealed:')
    ? (JSON.parse(Buffer.from(sealed.slice(7), 'base64').toString()) as ReasoningDetail[])
    : undefined;

function thrown(fn: () => unknown): BedrockBridgeError {
  try {
    fn();
  } catch (error) {
    if (BedrockBridgeError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a throw');
}

describe('responsesToConverseInput', () => {
  it('takes a string input, instructions, sampling and max_output_tokens', () => {
    const { input } = responsesToConverseInput({
      model: 'm',
      instructions: 'Be brief.',
      input: 'Hello',
      temperature: 0.5,
      top_p: 0.9,
      max_output_tokens: 100,
      metadata: { team: 'a' },
    });
    expect(input.system).toEqual([{ text: 'Be brief.' }]);
    expect(input.messages).toEqual([{ role: 'user', content: [{ text: 'Hello' }] }]);
    expect(input.inferenceConfig).toEqual({ temperature: 0.5, topP: 0.9, maxTokens: 100 });
    expect(input.requestMetadata).toEqual({ team: 'a' });
  });

  it('turns a function-call loop into assistant toolUse and user toolResult turns', () => {
    const items: ResponseInputItem[] = [
      { role: 'user', content: [{ type: 'input_text', text: 'Weather in Paris?' }] },
      {
        type: 'message',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'Checking.', annotations: [] }],
      },
      {
        type: 'function_call',
        call_id: 'call_1',
        name: 'get_weather',
        arguments: '{"city":"Paris"}',
      },
      { type: 'function_call_output', call_id: 'call_1', output: '18C' },
    ];
    const { input } = responsesToConverseInput({
      model: 'm',
      input: items,
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          parameters: {
            $schema: 'http://json-schema.org/draft-07/schema#',
            type: 'object',
            properties: { city: { type: 'string' } },
          },
          strict: true,
        },
      ],
      tool_choice: 'auto',
    });
    expect(input.messages?.[1]).toEqual({
      role: 'assistant',
      content: [
        { text: 'Checking.' },
        { toolUse: { toolUseId: 'call_1', name: 'get_weather', input: { city: 'Paris' } } },
      ],
    });
    expect(input.messages?.[2]?.content?.[0]?.toolResult).toMatchObject({
      toolUseId: 'call_1',
      content: [{ text: '18C' }],
    });
    expect(input.toolConfig?.tools?.[0]?.toolSpec?.name).toBe('get_weather');
    expect(input.toolConfig?.tools).toHaveLength(1);
  });

  it('takes images in a function_call_output as tool-result image blocks', () => {
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const { input } = responsesToConverseInput({
      model: 'm',
      tools: [{ type: 'function', name: 'shot', parameters: null, strict: null }],
      input: [
        { role: 'user', content: 'take a screenshot' },
        { type: 'function_call', call_id: 's1', name: 'shot', arguments: '{}' },
        {
          type: 'function_call_output',
          call_id: 's1',
          output: [
            { type: 'input_text', text: 'here' },
            { type: 'input_image', image_url: `data:image/png;base64,${png}`, detail: 'auto' },
          ],
        },
      ],
    });
    const result = input.messages?.[2]?.content?.[0]?.toolResult;
    expect(result?.content?.[0]).toEqual({ text: 'here' });
    expect(result?.content?.[1]?.image?.format).toBe('png');
  });

  it('opens sealed reasoning and replays it first in the assistant turn, with its signature', () => {
    const sealed = seal([{ type: 'reasoning.text', text: 'Think.', signature: 'sig-1' }]);
    const { input } = responsesToConverseInput(
      {
        model: 'm',
        reasoning: { effort: 'low' },
        tools: [{ type: 'function', name: 'f', parameters: null, strict: null }],
        input: [
          { role: 'user', content: 'go' },
          { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: sealed },
          { type: 'function_call', call_id: 't1', name: 'f', arguments: '{}' },
          { type: 'function_call_output', call_id: 't1', output: 'done' },
        ],
      },
      { reasoning: 'anthropic-thinking', openReasoning },
    );
    expect(input.messages?.[1]?.content?.[0]).toEqual({
      reasoningContent: { reasoningText: { text: 'Think.', signature: 'sig-1' } },
    });
    expect(input.messages?.[1]?.content?.[1]?.toolUse?.toolUseId).toBe('t1');
  });

  it('refuses encrypted_content it cannot open, naming the item', () => {
    const error = thrown(() =>
      responsesToConverseInput(
        {
          model: 'm',
          input: [
            { role: 'user', content: 'go' },
            { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'forged' },
          ],
        },
        { reasoning: 'anthropic-thinking', openReasoning },
      ),
    );
    expect(error.param).toBe('input[1].encrypted_content');
    expect(error.code).toBe('invalid_encrypted_content');
  });

  it('resolves item_reference and history through the caller', () => {
    const stored = new Map<string, ResponseInputItem>([
      [
        'msg_1',
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hi!' }] },
      ],
    ]);
    const { input } = responsesToConverseInput(
      {
        model: 'm',
        input: [
          { type: 'item_reference', id: 'msg_1' },
          { role: 'user', content: 'And?' },
        ],
      },
      { storedItem: (id) => stored.get(id), history: [{ role: 'user', content: 'Hello' }] },
    );
    expect(input.messages?.map((m) => [m.role, m.content?.[0]?.text])).toEqual([
      ['user', 'Hello'],
      ['assistant', 'Hi!'],
      ['user', 'And?'],
    ]);
    const missing = thrown(() =>
      responsesToConverseInput({ model: 'm', input: [{ type: 'item_reference', id: 'gone' }] }),
    );
    expect(missing.param).toBe('input[0].id');
  });

  it('maps text.format json_schema to Converse structured output', () => {
    const { input } = responsesToConverseInput({
      model: 'm',
      input: 'x',
      text: {
        format: {
          type: 'json_schema',
          name: 'city',
          schema: { type: 'object', properties: { name: { type: 'string' } } },
          strict: true,
        },
      },
    });
    expect(input.outputConfig?.textFormat?.type).toBe('json_schema');
  });

  it('names Responses fields in errors, not chat ones', () => {
    expect(
      thrown(() =>
        responsesToConverseInput({ model: 'm', input: 'x', reasoning: { effort: 'high' } }),
      ).param,
    ).toBe('reasoning.effort');
    expect(
      thrown(() =>
        responsesToConverseInput({
          model: 'm',
          input: [
            {
              role: 'user',
              content: [
                { type: 'input_image', image_url: 'data:image/bmp;base64,Qk0=', detail: 'auto' },
              ],
            },
          ],
        }),
      ).param,
    ).toMatch(/^input\[0\]\.content\[0\]/);
    expect(
      thrown(() =>
        responsesToConverseInput({ model: 'm', input: 'x', tools: [{ type: 'web_search' }] }),
      ).param,
    ).toBe('tools[0].type');
    expect(
      thrown(() => responsesToConverseInput({ model: 'm', input: 'x', truncation: 'auto' })).param,
    ).toBe('truncation');
    expect(
      thrown(() =>
        responsesToConverseInput({ model: 'm', input: [{ type: 'computer_call' } as never] }),
      ).param,
    ).toBe('input[0].type');
  });

  it("drops unsupported fields under paramPolicy 'drop' and reports them", () => {
    const result = responsesToConverseInput(
      { model: 'm', input: 'x', truncation: 'auto', include: ['message.output_text.logprobs'] },
      { paramPolicy: 'drop' },
    );
    expect(result.dropped).toEqual(['truncation', 'include']);
  });
});
