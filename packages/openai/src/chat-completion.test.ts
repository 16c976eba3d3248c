import type { ChatCompletionChunk } from '@bedrock-bridge/format';
import { describe, expect, it } from 'vitest';
import { feedsReasoningMemory, rememberingReasoning } from './chat-completion.js';

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

describe('rememberingReasoning (the stream layer that feeds the reasoning memory)', () => {
  it('a memory that fails closes the chunk source (upstream released) and throws its error', async () => {
    let closed = false;
    let readPastFinish = false;
    async function* source(): AsyncGenerator<ChatCompletionChunk> {
      try {
        yield chunk({
          tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f' } }],
        });
        yield chunk({}, 'tool_calls');
        readPastFinish = true;
        yield chunk({ content: 'never read' });
      } finally {
        closed = true;
      }
    }
    const failure = new Error('memory store down');
    const memory = {
      remember: () => Promise.reject(failure),
      restore: () => Promise.reject(new Error('not used')),
    } as unknown as Parameters<typeof rememberingReasoning>[1];
    const seen: ChatCompletionChunk[] = [];
    const reading = (async () => {
      for await (const c of rememberingReasoning(source(), memory)) seen.push(c);
    })();
    await expect(reading).rejects.toBe(failure);
    expect(seen).toHaveLength(1);
    expect(readPastFinish).toBe(false);
    expect(closed).toBe(true);
  });

  it('the same failure when closing the source fails too: the memory error wins', async () => {
    const failure = new Error('memory store down');
    const source: AsyncIterable<ChatCompletionChunk> = {
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.resolve({ done: false as const, value: chunk({}, 'tool_calls') }),
        return: () => Promise.reject(new Error('close failed')),
      }),
    };
    const memory = {
      remember: () => Promise.reject(failure),
    } as unknown as Parameters<typeof rememberingReasoning>[1];
    const iterator = rememberingReasoning(
      {
        [Symbol.asyncIterator]: () => {
          const inner = source[Symbol.asyncIterator]();
          let first = true;
          return {
            next: () => {
              if (!first) return inner.next();
              first = false;
              return Promise.resolve({
                done: false as const,
                value: chunk({
                  tool_calls: [{ index: 0, id: 'c', type: 'function', function: { name: 'f' } }],
                }),
              });
            },
            return: () =>
              inner.return?.() ?? Promise.resolve({ done: true as const, value: undefined }),
          };
        },
      },
      memory,
    )[Symbol.asyncIterator]();
    await iterator.next();
    await expect(iterator.next()).rejects.toBe(failure);
  });
});
