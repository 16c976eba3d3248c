import { describe, expect, it } from 'vitest';
import type { ToConverseInputOptions } from './converse-input-options.js';
import type { ChatCompletionRequest } from './openai-request.js';
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
      "temperature 1.5 clamped to 1, the model's maximum through Converse.",
    ]);
    expect(result.dropped).toEqual([]);
  });

  it('drops it with dropUnsupportedParams, listed in dropped', () => {
    const result = toConverseInput(withTemperature(2), { dropUnsupportedParams: true });
    expect(result.input.inferenceConfig).toBeUndefined();
    expect(result.dropped).toEqual(['temperature']);
    expect(result.warnings).toEqual([]);
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

  it('json_object always goes through a forced tool with an open object schema', () => {
    for (const structuredOutput of ['output-config', 'tool'] as const) {
      const result = toConverseInput(ask({ response_format: { type: 'json_object' } }), {
        structuredOutput,
      });
      expect(result.input.outputConfig).toBeUndefined();
      expect(result.input.toolConfig).toEqual({
        tools: [
          {
            toolSpec: {
              name: 'structured_output',
              description: 'Answer with a JSON object.',
              inputSchema: { json: { type: 'object' } },
            },
          },
        ],
        toolChoice: { tool: { name: 'structured_output' } },
      });
      expect(result.answer.structuredOutputTool).toBe('structured_output');
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

  it('json_object with tools is a clear error (the forced tool would hide them)', () => {
    const error = thrown(() =>
      toConverseInput(
        ask({
          response_format: { type: 'json_object' },
          tools: [{ type: 'function', function: { name: 'f' } }],
        }),
      ),
    );
    expect(error.code).toBe('unsupported_parameter');
    expect(error.param).toBe('response_format');
  });

  it('refuses a forced tool call together with Anthropic thinking', () => {
    const thinking: ToConverseInputOptions = { reasoning: 'anthropic-thinking' };
    const viaFormat = thrown(() =>
      toConverseInput(
        ask({ response_format: { type: 'json_object' }, reasoning_effort: 'low' }),
        thinking,
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
