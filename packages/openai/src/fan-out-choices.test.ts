import type { ChatCompletion, ChatCompletionChunk } from '@bedrock-bridge/format';
import { describe, expect, it } from 'vitest';
import { choiceCount, MAX_CHOICES, mergeCompletions, mergeStreams } from './fan-out-choices.js';

function answer(text: string, tokens: number): ChatCompletion {
  return {
    id: `id-${text}`,
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text, refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 2, completion_tokens: tokens, total_tokens: 2 + tokens },
  };
}

function chunk(id: string, content: string | undefined, usage?: number): ChatCompletionChunk {
  return {
    id,
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices:
      content === undefined
        ? []
        : [{ index: 0, delta: { content }, finish_reason: null, logprobs: null }],
    ...(usage === undefined
      ? {}
      : { usage: { prompt_tokens: 1, completion_tokens: usage, total_tokens: 1 + usage } }),
  } as ChatCompletionChunk;
}

async function* from(chunks: ChatCompletionChunk[]) {
  for (const c of chunks) {
    await new Promise((resolve) => setImmediate(resolve));
    yield c;
  }
}

describe('n > 1 as concurrent calls', () => {
  it('numbers the choices by call and sums the usage', () => {
    const merged = mergeCompletions([answer('a', 3), answer('b', 4)]);
    expect(merged.choices.map((c) => [c.index, c.message.content])).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
    expect(merged.usage).toEqual({ prompt_tokens: 4, completion_tokens: 7, total_tokens: 11 });
  });

  it('interleaves streams with their index, one id, one summed usage chunk at the end', async () => {
    const out: ChatCompletionChunk[] = [];
    const streams = [
      from([chunk('x', 'a1'), chunk('x', 'a2'), chunk('x', undefined, 2)]),
      from([chunk('y', 'b1'), chunk('y', undefined, 5)]),
    ];
    for await (const c of mergeStreams(streams)) out.push(c);
    const texts = out.flatMap((c) => c.choices.map((ch) => `${ch.index}:${ch.delta.content}`));
    expect(texts.sort()).toEqual(['0:a1', '0:a2', '1:b1']);
    expect(new Set(out.map((c) => c.id))).toEqual(new Set(['x']));
    expect(out.at(-1)?.usage).toEqual({ prompt_tokens: 2, completion_tokens: 7, total_tokens: 9 });
    expect(out.filter((c) => c.usage != null)).toHaveLength(1);
  });

  it(`refuses more than ${MAX_CHOICES} choices, naming n`, () => {
    expect(choiceCount({ model: 'm', messages: [], n: 3 })).toBe(3);
    expect(() => choiceCount({ model: 'm', messages: [], n: MAX_CHOICES + 1 })).toThrow(/at most/);
  });
});
