import type { ChatCompletionChunk } from '@bedrock-bridge/format';
import { describe, expect, it } from 'vitest';
import { feedsReasoningMemory } from './chat-completion.js';

function chunk(delta: Record<string, unknown>, finish: string | null = null): ChatCompletionChunk {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finish }],
  } as ChatCompletionChunk;
}

describe('feedsReasoningMemory (what a stream keeps until its finish)', () => {
  it('keeps no text chunk: a long text answer holds none of its chunks while it streams', () => {
    expect(feedsReasoningMemory(chunk({ role: 'assistant', content: '' }))).toBe(false);
    expect(feedsReasoningMemory(chunk({ content: 'token ' }))).toBe(false);
    expect(feedsReasoningMemory(chunk({ reasoning_content: 'thinking' }))).toBe(false);
    expect(feedsReasoningMemory(chunk({}, 'stop'))).toBe(false);
  });

  it('keeps the chunks the memory reads: reasoning details and tool calls', () => {
    expect(
      feedsReasoningMemory(
        chunk({ reasoning_details: [{ type: 'reasoning.text', text: 'why', index: 0 }] }),
      ),
    ).toBe(true);
    expect(
      feedsReasoningMemory(
        chunk({
          tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f' } }],
        }),
      ),
    ).toBe(true);
  });
});
