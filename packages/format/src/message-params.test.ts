import { describe, expect, it } from 'vitest';
import { messageContentParam, messageParam } from './message-params.js';
import type { ChatCompletionMessageParam } from './openai-request.js';
import { thrown } from './test-support/thrown.js';
import { toConverseInput } from './to-converse-input.js';

function withBadContentAt(at: number): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [];
  for (let i = 0; i < at; i++) messages.push({ role: i % 2 ? 'assistant' : 'user', content: 'x' });
  messages.push({ role: 'user', content: 42 as never });
  return messages;
}

describe('message param names', () => {
  it('are the same strings below and above the shared ones, asked once or many times', () => {
    for (const i of [0, 7, 1023, 1024, 5000]) {
      expect(messageParam(i)).toBe(`messages[${i}]`);
      expect(messageParam(i)).toBe(`messages[${i}]`);
      expect(messageContentParam(i)).toBe(`messages[${i}].content`);
      expect(messageContentParam(i)).toBe(`messages[${i}].content`);
    }
  });

  it('name the message at fault in errors, in short and in long conversations', () => {
    for (const at of [3, 1500]) {
      const error = thrown(() => toConverseInput({ model: 'm', messages: withBadContentAt(at) }));
      expect(error.param).toBe(`messages[${at}].content`);
      expect(error.message).toContain(`messages[${at}].content must be`);
    }
  });
});
