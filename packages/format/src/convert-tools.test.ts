import { describe, expect, it } from 'vitest';
import { fromConverseOutput } from './from-converse-output.js';
import type { ChatCompletionRequest } from './openai-request.js';
import { thrown } from './test-support/thrown.js';
import { toConverseInput } from './to-converse-input.js';
import { validateConverseInput } from './validate-converse-input.js';

const user: ChatCompletionRequest['messages'] = [{ role: 'user', content: 'hi' }];

describe('tools', () => {
  it('maps function tools to toolSpec, with an empty object schema when parameters are missing', () => {
    const { input } = toConverseInput({
      model: 'm',
      messages: user,
      tools: [
        { type: 'function', function: { name: 'now', description: '' } },
        {
          type: 'function',
          function: {
            name: 'add',
            description: 'Adds',
            parameters: { properties: { a: { type: 'number' } } },
          },
        },
      ],
    });
    expect(input.toolConfig).toEqual({
      tools: [
        { toolSpec: { name: 'now', inputSchema: { json: { type: 'object', properties: {} } } } },
        {
          toolSpec: {
            name: 'add',
            description: 'Adds',
            inputSchema: { json: { type: 'object', properties: { a: { type: 'number' } } } },
          },
        },
      ],
    });
  });

  it('rejects parameters that are not an object schema, naming the field', () => {
    const withParameters = (parameters: unknown): ChatCompletionRequest => ({
      model: 'm',
      messages: user,
      tools: [
        { type: 'function', function: { name: 'ok' } },
        { type: 'function', function: { name: 'f', parameters: parameters as never } },
      ],
    });
    for (const parameters of [{ type: 'string' }, { type: ['object', 'null'] }, [], 'object', 3]) {
      const error = thrown(() => toConverseInput(withParameters(parameters)));
      expect(error.kind).toBe('validation');
      expect(error.code).toBe('invalid_tool_parameters');
      expect(error.param).toBe('tools[1].function.parameters');
    }
    expect(thrown(() => toConverseInput(withParameters({ type: 'string' }))).message).toContain(
      'type "string"',
    );
    const legacy = thrown(() =>
      toConverseInput({
        model: 'm',
        messages: user,
        functions: [{ name: 'f', parameters: [] as never }],
      }),
    );
    expect(legacy.param).toBe('functions[0].parameters');
    // Still accepted: missing, null, empty, and an object schema with or without its type.
    for (const parameters of [undefined, null, {}, { properties: {} }, { type: 'object' }]) {
      const { input } = toConverseInput(withParameters(parameters));
      expect(validateConverseInput(input)).toEqual([]);
    }
  });

  it('rejects tools or functions that are not an array with a typed error naming the field', () => {
    for (const field of ['tools', 'functions'] as const) {
      for (const value of ['search', { type: 'function' }, 3, true]) {
        const error = thrown(() =>
          toConverseInput({ model: 'm', messages: user, [field]: value as never }),
        );
        expect(error.kind).toBe('validation');
        expect(error.code).toBe(`invalid_${field}`);
        expect(error.param).toBe(field);
        expect(error.message).toBe(`${field} must be an array.`);
      }
      // Absent and null still mean no tools.
      for (const value of [undefined, null]) {
        const { input } = toConverseInput({ model: 'm', messages: user, [field]: value as never });
        expect(input.toolConfig).toBeUndefined();
      }
    }
  });

  it('renames invalid tool names reversibly and restores them in answers', () => {
    const names = ['mcp.github/search', 'x'.repeat(80), 'ünïcode tool'];
    const result = toConverseInput({
      model: 'm',
      messages: user,
      tools: names.map((name) => ({ type: 'function' as const, function: { name } })),
      tool_choice: { type: 'function', function: { name: names[0] ?? '' } },
    });
    const bedrockNames = (result.input.toolConfig?.tools ?? []).map((t) => t.toolSpec?.name ?? '');
    for (const name of bedrockNames) expect(name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    expect(new Set(bedrockNames).size).toBe(3);
    expect(result.input.toolConfig?.toolChoice).toEqual({ tool: { name: bedrockNames[0] } });
    const answer = fromConverseOutput(
      {
        output: {
          message: {
            role: 'assistant',
            content: bedrockNames.map((name, i) => ({
              toolUse: { toolUseId: `t${i}`, name, input: {} },
            })),
          },
        },
        stopReason: 'tool_use',
      },
      { model: 'm', toolNames: result.toolNames },
    );
    expect(
      answer.choices[0]?.message.tool_calls?.map((c) =>
        c.type === 'function' ? c.function.name : '',
      ),
    ).toEqual(names);
  });

  it('maps tool_choice auto, required, named and allowed_tools', () => {
    const tools: ChatCompletionRequest['tools'] = [
      { type: 'function', function: { name: 'a' } },
      { type: 'function', function: { name: 'b' } },
    ];
    const choice = (tool_choice: ChatCompletionRequest['tool_choice']) =>
      toConverseInput({
        model: 'm',
        messages: user,
        tools,
        ...(tool_choice ? { tool_choice } : {}),
      }).input.toolConfig;
    expect(choice('auto')?.toolChoice).toBeUndefined();
    expect(choice('required')?.toolChoice).toEqual({ any: {} });
    expect(choice({ type: 'function', function: { name: 'b' } })?.toolChoice).toEqual({
      tool: { name: 'b' },
    });
    const allowed = choice({
      type: 'allowed_tools',
      allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'a' } }] },
    });
    expect(allowed?.tools?.map((t) => t.toolSpec?.name)).toEqual(['a']);
    expect(allowed?.toolChoice).toEqual({ any: {} });
    expect(thrown(() => choice({ type: 'function', function: { name: 'zzz' } })).code).toBe(
      'unknown_tool_choice',
    );
  });

  it('blames function_call, not tool_choice, when the legacy field names a missing function', () => {
    const functions = [{ name: 'get_weather', parameters: { type: 'object' } }];
    const missing = thrown(() =>
      toConverseInput({ model: 'm', messages: user, functions, function_call: { name: 'nope' } }),
    );
    expect(missing.code).toBe('unknown_tool_choice');
    expect(missing.param).toBe('function_call');
    expect(missing.message).toBe('function_call names "nope", which is not among the functions.');
    const noTools = thrown(() =>
      toConverseInput({ model: 'm', messages: user, function_call: { name: 'nope' } }),
    );
    expect(noTools.param).toBe('function_call');
    const modern = thrown(() =>
      toConverseInput({
        model: 'm',
        messages: user,
        functions,
        tool_choice: { type: 'function', function: { name: 'nope' } },
      }),
    );
    expect(modern.param).toBe('tool_choice');
  });

  it('rejects custom tools, duplicate names, and parallel_tool_calls false unless dropping', () => {
    expect(
      thrown(() =>
        toConverseInput({
          model: 'm',
          messages: user,
          tools: [{ type: 'custom', custom: { name: 'c' } }],
        }),
      ).param,
    ).toBe('tools[0]');
    expect(
      thrown(() =>
        toConverseInput({
          model: 'm',
          messages: user,
          tools: [
            { type: 'function', function: { name: 'a' } },
            { type: 'function', function: { name: 'a' } },
          ],
        }),
      ).code,
    ).toBe('duplicate_tool_name');
    const request: ChatCompletionRequest = {
      model: 'm',
      messages: user,
      tools: [{ type: 'function', function: { name: 'a' } }],
      parallel_tool_calls: false,
    };
    expect(thrown(() => toConverseInput(request)).param).toBe('parallel_tool_calls');
    expect(toConverseInput(request, { dropUnsupportedParams: true }).dropped).toEqual([
      'parallel_tool_calls',
    ]);
    expect(toConverseInput({ ...request, parallel_tool_calls: true }).dropped).toEqual([]);
  });
});
