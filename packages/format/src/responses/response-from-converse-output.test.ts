import { describe, expect, it } from 'vitest';
import type { ReasoningDetail } from '../openai-request.js';
import { responseFromConverseOutput } from './response-from-converse-output.js';

let n = 0;
const base = {
  request: { model: 'claude', input: 'x', store: false },
  id: 'resp_1',
  created: 1700000000,
  newId: (prefix: string) => `${prefix}_${++n}`,
};

describe('responseFromConverseOutput', () => {
  it('gives reasoning, message and function_call items, usage and a completed status', () => {
    const sealed: ReasoningDetail[][] = [];
    const response = responseFromConverseOutput(
      {
        output: {
          message: {
            role: 'assistant',
            content: [
              { reasoningContent: { reasoningText: { text: 'Hmm.', signature: 'sig' } } },
              { text: 'Calling.' },
              { toolUse: { toolUseId: 't1', name: 'lookup_x', input: { q: 1 } } },
            ],
          },
        },
        stopReason: 'tool_use',
        usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15, cacheReadInputTokens: 4 },
      },
      {
        ...base,
        toolNames: { lookup_x: 'lookup.x' },
        sealReasoning: (details) => {
          sealed.push(details);
          return 'SEALED';
        },
      },
    );
    expect(response).toMatchObject({
      id: 'resp_1',
      object: 'response',
      status: 'completed',
      store: false,
    });
    expect(response.output.map((i) => i.type)).toEqual(['reasoning', 'message', 'function_call']);
    expect(response.output[0]).toMatchObject({
      summary: [{ type: 'summary_text', text: 'Hmm.' }],
      encrypted_content: 'SEALED',
    });
    expect(sealed).toEqual([[{ type: 'reasoning.text', text: 'Hmm.', signature: 'sig' }]]);
    expect(response.output[1]).toMatchObject({
      content: [{ type: 'output_text', text: 'Calling.' }],
    });
    expect(response.output[2]).toMatchObject({
      call_id: 't1',
      name: 'lookup.x',
      arguments: '{"q":1}',
    });
    expect(response.usage).toEqual({
      input_tokens: 14,
      input_tokens_details: { cached_tokens: 4, cache_write_tokens: 0 },
      output_tokens: 5,
      output_tokens_details: { reasoning_tokens: 1 },
      total_tokens: 19,
    });
  });

  it('is incomplete with reason max_output_tokens when the token limit cut the answer', () => {
    const response = responseFromConverseOutput(
      {
        output: { message: { role: 'assistant', content: [{ text: 'Once upon' }] } },
        stopReason: 'max_tokens',
      },
      base,
    );
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(response.output[0]?.status).toBe('incomplete');
    expect(response.bedrock?.stop_reason).toBe('max_tokens');
  });
});
