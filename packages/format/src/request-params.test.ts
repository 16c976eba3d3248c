import { describe, expect, it } from 'vitest';
import type { ToConverseInputOptions } from './converse-input-options.js';
import type { ChatCompletionRequest } from './openai-request.js';
import { JSON_OBJECT_INSTRUCTION } from './request-params.js';
import { thrown } from './test-support/thrown.js';
import { toConverseInput } from './to-converse-input.js';

const withTemperature = (temperature: number): ChatCompletionRequest => ({
  model: 'amazon.nova-micro-v1:0',
  messages: [{ role: 'user', content: 'x' }],
  temperature,
});

describe('temperature range (Converse takes 0..1, OpenAI allows 0..2)', () => {
  it('passes 0..maxTemperature through unchanged, with no warning', () => {
    for (const t of [0, 0.7, 1]) {
      const result = toConverseInput(withTemperature(t));
      expect(result.input.inferenceConfig).toEqual({ temperature: t });
      expect(result.warnings).toEqual([]);
      expect(result.dropped).toEqual([]);
    }
  });

  it('rejects a temperature above the maximum, naming the field and the allowed range', () => {
    const error = thrown(() => toConverseInput(withTemperature(1.5)));
    expect(error.kind).toBe('validation');
    expect(error.code).toBe('temperature_out_of_range');
    expect(error.param).toBe('temperature');
    expect(error.message).toContain('1.5');
    expect(error.message).toContain('0 to 1');
  });

  it('uses the maxTemperature capability fact', () => {
    const options: ToConverseInputOptions = { maxTemperature: 0.5 };
    expect(toConverseInput(withTemperature(0.5), options).input.inferenceConfig).toEqual({
      temperature: 0.5,
    });
    const error = thrown(() => toConverseInput(withTemperature(0.8), options));
    expect(error.code).toBe('temperature_out_of_range');
    expect(error.message).toContain('0 to 0.5');
  });

  it('clamps only when clampTemperature is set, and says so in warnings', () => {
    const result = toConverseInput(withTemperature(1.5), { clampTemperature: true });
    expect(result.input.inferenceConfig).toEqual({ temperature: 1 });
    expect(result.warnings).toEqual([
      "temperature: 1.5 clamped to 1, the model's maximum through Converse.",
    ]);
    expect(result.dropped).toEqual([]);
  });

  it("clamps it under paramPolicy 'drop', named in warnings", () => {
    const result = toConverseInput(withTemperature(2), { paramPolicy: 'drop' });
    expect(result.input.inferenceConfig).toEqual({ temperature: 1 });
    expect(result.dropped).toEqual([]);
    expect(result.warnings).toEqual([
      "temperature: 2 clamped to 1, the model's maximum through Converse.",
    ]);
  });

  it('still rejects what OpenAI itself does not allow, whatever the options', () => {
    for (const t of [-0.1, 2.5, Number.NaN]) {
      const error = thrown(() =>
        toConverseInput(withTemperature(t), {
          clampTemperature: true,
          dropUnsupportedParams: true,
        }),
      );
      expect(error.code).toBe('invalid_parameter');
      expect(error.param).toBe('temperature');
    }
  });

  it('rejects a maxTemperature option outside (0, 1]', () => {
    for (const max of [0, 1.5, Number.NaN]) {
      const error = thrown(() => toConverseInput(withTemperature(0.1), { maxTemperature: max }));
      expect(error.code).toBe('invalid_option');
      expect(error.param).toBe('maxTemperature');
    }
  });
});

describe('response_format', () => {
  const ask = (extra: Partial<ChatCompletionRequest>): ChatCompletionRequest => ({
    model: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    messages: [{ role: 'user', content: 'Give me JSON about Paris.' }],
    ...extra,
  });

  it('json_object asks for JSON in the system prompt, never forcing an open {} schema', () => {
    for (const structuredOutput of ['output-config', 'tool'] as const) {
      const result = toConverseInput(ask({ response_format: { type: 'json_object' } }), {
        structuredOutput,
      });
      expect(result.input.outputConfig).toBeUndefined();
      expect(result.input.toolConfig).toBeUndefined();
      expect(result.input.system).toEqual([{ text: JSON_OBJECT_INSTRUCTION }]);
      expect(result.answer.structuredOutputTool).toBeUndefined();
    }
  });

  it('json_schema through the forced tool needs an object schema, naming the field', () => {
    const format = (schema: Record<string, unknown>) =>
      ask({ response_format: { type: 'json_schema', json_schema: { name: 'r', schema } } });
    const error = thrown(() =>
      toConverseInput(format({ type: 'array' }), { structuredOutput: 'tool' }),
    );
    expect(error.code).toBe('invalid_tool_parameters');
    expect(error.param).toBe('response_format.json_schema.schema');
    const { input } = toConverseInput(format({ properties: { a: { type: 'string' } } }), {
      structuredOutput: 'tool',
    });
    expect(input.toolConfig?.tools?.[0]?.toolSpec?.inputSchema?.json).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
    });
  });

  it('json_object works next to tools (nothing is forced)', () => {
    const { input } = toConverseInput(
      ask({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Give me JSON about Paris.' },
        ],
        response_format: { type: 'json_object' },
        tools: [{ type: 'function', function: { name: 'f' } }],
      }),
    );
    expect(input.toolConfig?.tools?.map((t) => t.toolSpec?.name)).toEqual(['f']);
    expect(input.toolConfig?.toolChoice).toBeUndefined();
    expect(input.system).toEqual([{ text: 'Be brief.' }, { text: JSON_OBJECT_INSTRUCTION }]);
  });

  it('refuses a forced tool call together with Anthropic thinking', () => {
    const thinking: ToConverseInputOptions = { reasoning: 'anthropic-thinking' };
    const viaFormat = thrown(() =>
      toConverseInput(
        ask({
          response_format: { type: 'json_schema', json_schema: { name: 'r', schema: {} } },
          reasoning_effort: 'low',
        }),
        { ...thinking, structuredOutput: 'tool' },
      ),
    );
    expect([viaFormat.code, viaFormat.param]).toEqual(['unsupported_parameter', 'response_format']);
    const viaChoice = thrown(() =>
      toConverseInput(
        ask({
          reasoning_effort: 'low',
          tools: [{ type: 'function', function: { name: 'f' } }],
          tool_choice: 'required',
        }),
        thinking,
      ),
    );
    expect([viaChoice.code, viaChoice.param]).toEqual(['unsupported_parameter', 'tool_choice']);
    // auto is fine.
    const auto = toConverseInput(
      ask({ reasoning_effort: 'low', tools: [{ type: 'function', function: { name: 'f' } }] }),
      thinking,
    );
    expect(auto.input.toolConfig?.toolChoice).toBeUndefined();
  });

  it('rejects an unknown response_format type, naming the field', () => {
    const error = thrown(() => toConverseInput(ask({ response_format: { type: 'xml' } as never })));
    expect([error.code, error.param]).toEqual(['unsupported_response_format', 'response_format']);
  });
});
