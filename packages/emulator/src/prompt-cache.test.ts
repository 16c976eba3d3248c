import { describe, expect, it } from 'vitest';
import { PromptCache } from './prompt-cache.js';

const usage = { inputTokens: 100, outputTokens: 5, totalTokens: 105 };
const POINT = { cachePoint: { type: 'default' } };

function request(after: string, points = 1) {
  return {
    system: [{ text: 'a'.repeat(40) }, ...(points > 0 ? [POINT] : [])],
    messages: [
      { role: 'user', content: [{ text: 'b'.repeat(20) }, ...(points > 1 ? [POINT] : [])] },
      { role: 'assistant', content: [{ text: 'ok' }] },
      { role: 'user', content: [{ text: after }] },
    ],
  };
}

describe('PromptCache', () => {
  it('leaves usage alone for a request without cache points', () => {
    const cache = new PromptCache(() => 0);
    expect(cache.apply(request('x', 0), 'm', usage)).toBe(usage);
    expect(cache.apply(request('x', 0), 'm', usage)).toBe(usage);
  });

  it('writes the prefix up to each point, then reads it whatever follows the last point', () => {
    const cache = new PromptCache(() => 0);
    const first = cache.apply(request('first question', 2), 'm', usage);
    // 40 characters of system (10 tokens), then 20 more before the second point (15 in all).
    expect(first.cacheWriteInputTokens).toBe(15);
    expect(first.cacheDetails).toEqual([{ ttl: '5m', inputTokens: 15 }]);
    expect(first.inputTokens).toBe(85);
    const second = cache.apply(request('another question entirely', 2), 'm', usage);
    expect(second.cacheReadInputTokens).toBe(15);
    expect(second.cacheWriteInputTokens).toBeUndefined();
    const otherModel = cache.apply(request('first question', 2), 'n', usage);
    expect(otherModel.cacheReadInputTokens).toBeUndefined();
  });
});
