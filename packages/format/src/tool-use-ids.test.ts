import { describe, expect, it } from 'vitest';
import { toBedrockToolUseId } from './tool-names.js';
import { ToolUseIds } from './tool-use-ids.js';

describe('ToolUseIds', () => {
  it('keeps the first use of an id and suffixes repeats with the first free number', () => {
    const ids = new ToolUseIds();
    expect(['x', 'x', 'x_2', 'x', 'y'].map((id) => ids.allocate(id))).toEqual([
      'x',
      'x_2',
      'x_2_2',
      'x_3',
      'y',
    ]);
  });

  it('maps invalid ids first and stays within 64 valid characters', () => {
    const ids = new ToolUseIds();
    const long = 'a'.repeat(64);
    const first = ids.allocate(long);
    const second = ids.allocate(long);
    expect(first).toBe(long);
    expect(second).toBe(`${'a'.repeat(62)}_2`);
    const weird = ids.allocate('call/search #0');
    expect(weird).toBe(toBedrockToolUseId('call/search #0'));
    expect(ids.allocate('call/search #0')).toBe(`${weird}_2`);
    for (const id of [first, second, weird]) expect(id).toMatch(/^[a-zA-Z0-9_.:-]{1,64}$/);
  });

  it('gives the same ids for the same sequence (deterministic)', () => {
    const sequence = ['a', 'b.c', 'a', 'b.c', 'a'];
    const one = new ToolUseIds();
    const two = new ToolUseIds();
    expect(sequence.map((id) => one.allocate(id))).toEqual(sequence.map((id) => two.allocate(id)));
  });
});
