import { describe, expect, it } from 'vitest';
import { collectRequestText, countRequestTokens, countTokens } from './count-tokens.js';

const bodies: Record<string, unknown>[] = [
  {},
  { messages: [] },
  { messages: [{ role: 'user', content: [{ text: 'hello' }] }] },
  {
    system: [{ text: 'be brief' }, { cachePoint: { type: 'default' } }, { text: 'really' }],
    messages: [
      { role: 'user', content: [{ text: 'a'.repeat(4001) }, { image: { format: 'png' } }] },
      {
        role: 'assistant',
        content: [
          { reasoningContent: { reasoningText: { text: 'hmm', signature: 's' } } },
          { toolUse: { toolUseId: 't', name: 'f', input: { q: 'x', n: [1, 2] } } },
        ],
      },
      {
        role: 'user',
        content: [
          { toolResult: { toolUseId: 't', content: [{ text: 'r' }, { json: { ok: true } }] } },
        ],
      },
    ],
    toolConfig: { tools: [{ toolSpec: { name: 'f', inputSchema: { json: { type: 'object' } } } }] },
  },
];

describe('countRequestTokens', () => {
  it('counts what collectRequestText joins, without joining it', () => {
    for (const body of bodies) {
      expect(countRequestTokens(body)).toBe(countTokens(collectRequestText(body)));
    }
    expect(
      countRequestTokens({ messages: [{ content: [{ text: 'abcde' }, { text: 'f' }] }] }),
    ).toBe(2);
  });
});
