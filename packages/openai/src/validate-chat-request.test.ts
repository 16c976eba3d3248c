import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { describe, expect, it } from 'vitest';
import { validateChatRequest } from './validate-chat-request.js';

const ok = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };

function failure(body: unknown): BedrockBridgeError {
  try {
    validateChatRequest(body);
  } catch (error) {
    if (BedrockBridgeError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('validateChatRequest', () => {
  it('accepts a minimal request and drops top-level nulls', () => {
    const request = validateChatRequest({ ...ok, temperature: null, stream: false });
    expect(request).toEqual({ ...ok, stream: false });
  });

  it('accepts what clients replay: assistant messages with refusal, annotations, reasoning', () => {
    const body = {
      ...ok,
      messages: [
        { role: 'system', content: 'be brief' },
        {
          role: 'user',
          content: [{ type: 'text', text: 'hi', cache_control: { type: 'ephemeral' } }],
        },
        {
          role: 'assistant',
          content: null,
          refusal: null,
          annotations: [],
          reasoning_details: [{ type: 'reasoning.text', text: 't', signature: 's' }],
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: '42' },
      ],
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
      tool_choice: { type: 'function', function: { name: 'f' } },
      stream: true,
      stream_options: { include_usage: true },
      reasoning_effort: 'low',
      max_completion_tokens: 100,
    };
    expect(() => validateChatRequest(body)).not.toThrow();
  });

  it('accepts message- and tool-call-level cache_control and tool results with images and files', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const body = {
      ...ok,
      messages: [
        { role: 'system', content: 'be brief', cache_control: { type: 'ephemeral', ttl: '1h' } },
        { role: 'user', content: 'look', cache_control: { type: 'ephemeral' } },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'c1',
              type: 'function',
              function: { name: 'f', arguments: '{}' },
              cache_control: { type: 'ephemeral' },
            },
          ],
        },
        {
          role: 'tool',
          tool_call_id: 'c1',
          cache_control: { type: 'ephemeral' },
          content: [
            { type: 'text', text: 'shot' },
            { type: 'image_url', image_url: { url: png } },
            {
              type: 'file',
              file: { filename: 'r.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' },
            },
          ],
        },
      ],
    };
    expect(() => validateChatRequest(body)).not.toThrow();
    const bad = failure({
      ...ok,
      messages: [{ role: 'tool', tool_call_id: 'c1', content: [{ type: 'input_audio' }] }],
    });
    expect(bad.param).toBe('messages[0].content[0].type');
  });

  it.each([
    [[], undefined, 'must be a JSON object'],
    ['text', undefined, 'must be a JSON object'],
    [{ messages: ok.messages }, 'model', 'Missing required parameter'],
    [{ ...ok, model: 3 }, 'model', 'expected string, but got an integer'],
    [{ ...ok, messages: [] }, 'messages', 'Invalid value'],
    [{ ...ok, messages: 'hi' }, 'messages', 'expected array'],
    [{ ...ok, messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role', 'role "system"'],
    [
      { ...ok, messages: [{ role: 'user', content: 5 }] },
      'messages[0].content',
      'a string or an array',
    ],
    [
      { ...ok, messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] },
      'messages[0].content[0].image_url.url',
      'Missing required parameter',
    ],
    [
      { ...ok, messages: [{ role: 'user', content: [{ type: 'video', video: 'x' }] }] },
      'messages[0].content[0].type',
      'content part of type',
    ],
    [{ ...ok, messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id', 'Missing'],
    [{ ...ok, temperature: 3 }, 'temperature', 'Invalid value'],
    [{ ...ok, temperature: '0.5' }, 'temperature', 'expected number'],
    [{ ...ok, max_tokens: 1.5 }, 'max_tokens', 'expected int'],
    [{ ...ok, max_tokens: 0 }, 'max_tokens', 'Invalid value'],
    [{ ...ok, stream: 'yes' }, 'stream', 'expected boolean'],
    [{ ...ok, stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop', 'Invalid value'],
    [{ ...ok, tools: [{ type: 'function', function: {} }] }, 'tools[0].function.name', 'Missing'],
    [{ ...ok, tool_choice: 'sometimes' }, 'tool_choice', '"none", "auto", "required"'],
    [
      { ...ok, frobnicate: true },
      'frobnicate',
      'Unrecognized request argument supplied: frobnicate',
    ],
    [
      { ...ok, messages: [{ role: 'user', content: 'x', extra: 1 }] },
      'messages[0].extra',
      'Unrecognized request argument',
    ],
  ])('rejects %j naming %s', (body, param, text) => {
    const error = failure(body);
    expect(error.kind).toBe('validation');
    expect(error.param).toBe(param);
    expect(error.message).toContain(text);
  });

  it.each([
    [{ n: 2 }],
    [{ logprobs: true, top_logprobs: 3 }],
    [{ logit_bias: { '50256': -100 } }],
    [{ modalities: ['text', 'audio'], audio: { voice: 'alloy', format: 'mp3' } }],
    [{ prediction: { type: 'content', content: 'x' } }],
    [{ frequency_penalty: 0.5, presence_penalty: 0.1, seed: 7, verbosity: 'low' }],
    [{ web_search_options: {}, store: true, metadata: { a: 'b' }, prompt_cache_key: 'k' }],
    [{ safety_identifier: 's', user: 'u', service_tier: 'flex' }],
  ])('leaves what Bedrock cannot honour to the parameter policy: %j', (extra) => {
    expect(() => validateChatRequest({ ...ok, ...extra })).not.toThrow();
  });

  it("accepts 'name' on every role, as LangChain and the cookbook send it", () => {
    const messages = [
      { role: 'system', content: 's', name: 'n' },
      { role: 'user', content: 'u', name: 'n' },
      {
        role: 'assistant',
        content: null,
        name: 'n',
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: '42', name: 'f' },
    ];
    expect(() => validateChatRequest({ ...ok, messages })).not.toThrow();
  });

  it("still applies OpenAI's own rule: stream_options only with stream", () => {
    const error = failure({ ...ok, stream_options: { include_usage: true } });
    expect(error.param).toBe('stream_options');
    expect(error.message).toMatch(/only allowed when/);
  });

  it('accepts harmless defaults of unsupported fields', () => {
    expect(() =>
      validateChatRequest({ ...ok, n: 1, logprobs: false, frequency_penalty: 0, logit_bias: {} }),
    ).not.toThrow();
  });
});
