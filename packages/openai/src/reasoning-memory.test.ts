import type { ChatCompletionRequest } from '@bedrock-bridge/format';
import { describe, expect, it } from 'vitest';
import { createReasoningMemory } from './reasoning-memory.js';
import { MemoryStore } from './store/memory-store.js';

const signed = [{ type: 'reasoning.text' as const, text: 'think', signature: 'sig-1' }];
const call = (id: string) => ({
  id,
  type: 'function' as const,
  function: { name: 'f', arguments: '{}' },
});

function loop(ids: string[]): ChatCompletionRequest {
  return {
    model: 'm',
    reasoning_effort: 'low',
    messages: [
      { role: 'user', content: 'weather?' },
      { role: 'assistant', content: null, tool_calls: ids.map(call) },
      ...ids.map((id) => ({ role: 'tool' as const, tool_call_id: id, content: 'sunny' })),
    ],
  };
}

describe('reasoning memory', () => {
  it('puts the reasoning returned with tool calls back on the turn that carries them', async () => {
    const memory = createReasoningMemory({ store: new MemoryStore() });
    await memory.remember({ tool_calls: [call('c1'), call('c2')], reasoning_details: signed });
    const { request, restored, missing } = await memory.restore(loop(['c1', 'c2']));
    expect(restored).toBe(1);
    expect(missing).toBeUndefined();
    expect(request.messages[1]).toMatchObject({ role: 'assistant', reasoning_details: signed });
  });

  it('reports the final turn whose reasoning is unknown, and forgets after the TTL', async () => {
    let now = 0;
    const memory = createReasoningMemory({
      store: new MemoryStore({ now: () => now }),
      ttlMs: 1000,
    });
    await memory.remember({ tool_calls: [call('c1')], reasoning_details: signed });
    now = 1000;
    const { restored, missing } = await memory.restore(loop(['c1']));
    expect([restored, missing]).toEqual([0, ['c1']]);
  });

  it('keeps nothing it could not replay (unsigned reasoning), and leaves sent reasoning alone', async () => {
    const memory = createReasoningMemory({ store: new MemoryStore() });
    await memory.remember({
      tool_calls: [call('c1')],
      reasoning_details: [{ type: 'reasoning.text', text: 'x' }],
    });
    expect((await memory.restore(loop(['c1']))).missing).toEqual(['c1']);
    const own = loop(['c1']);
    own.messages[1] = { ...own.messages[1], reasoning_details: signed } as never;
    const result = await memory.restore(own);
    expect([result.restored, result.missing, result.request]).toEqual([0, undefined, own]);
  });
});
