import { describe, expect, it } from 'vitest';
import { answerToEvents, eventsToAnswer, splitText } from './answer-events.js';
import type { Answer } from './default-model.js';

const usage = { inputTokens: 1, outputTokens: 2, totalTokens: 3 };

describe('splitText', () => {
  it('splits into at most N non-empty pieces that join back', () => {
    expect(splitText('abcdefghij', 3)).toEqual(['abc', 'def', 'ghij']);
    expect(splitText('ab', 8)).toEqual(['a', 'b']);
    expect(splitText('', 4)).toEqual([]);
    expect(splitText('héllo wörld 👋', 4).join('')).toBe('héllo wörld 👋');
  });
});

describe('answerToEvents / eventsToAnswer', () => {
  const answer: Answer = {
    content: [
      { reasoningContent: { reasoningText: { text: 'let me think', signature: 'sig' } } },
      { text: 'the answer' },
      { toolUse: { toolUseId: 't1', name: 'lookup', input: { q: 'x', n: 2 } } },
    ],
    stopReason: 'tool_use',
    usage,
  };

  it('streams each block the way Bedrock does', () => {
    const events = answerToEvents(answer, 2, 5);
    expect(events.map((e) => Object.keys(e)[0])).toEqual([
      'messageStart',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockStop',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockStop',
      'contentBlockStart',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockStop',
      'messageStop',
      'metadata',
    ]);
    expect(events[3]).toEqual({
      contentBlockDelta: {
        contentBlockIndex: 0,
        delta: { reasoningContent: { signature: 'sig' } },
      },
    });
    expect(events[8]).toEqual({
      contentBlockStart: {
        contentBlockIndex: 2,
        start: { toolUse: { toolUseId: 't1', name: 'lookup' } },
      },
    });
    expect(events.at(-1)).toEqual({ metadata: { usage, metrics: { latencyMs: 5 } } });
  });

  it('aggregates events back into the same answer', () => {
    expect(eventsToAnswer(answerToEvents(answer, 3, 0), { ...usage, inputTokens: 99 })).toEqual(
      answer,
    );
  });

  it('keeps tool input that is not JSON as text', () => {
    const out = eventsToAnswer(
      [
        {
          contentBlockStart: {
            contentBlockIndex: 0,
            start: { toolUse: { toolUseId: 'a', name: 'f' } },
          },
        },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: '{"broken' } } } },
      ],
      usage,
    );
    expect(out.content).toEqual([{ toolUse: { toolUseId: 'a', name: 'f', input: '{"broken' } }]);
    expect(out.usage).toEqual(usage);
  });
});
