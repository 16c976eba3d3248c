import { describe, expect, it } from 'vitest';
import { findTooDeep, jsonTextDepth } from './json-depth.js';
import { paramFromPath } from './param-path.js';

describe('findTooDeep', () => {
  it('accepts a value at the limit and names the first path past it', () => {
    expect(findTooDeep({ a: [{ b: 1 }] }, 3)).toBeUndefined();
    expect(findTooDeep({ a: [{ b: {} }] }, 3)).toEqual(['a', 0, 'b']);
    expect(findTooDeep([1, 'x', null], 1)).toBeUndefined();
  });

  it('names the first offender in document order when several are too deep', () => {
    const value = { a: { ok: [1] }, b: [{}, [[{}]]], c: { d: { e: {} } } };
    expect(findTooDeep(value, 3)).toEqual(['b', 1, 0]);
    expect(findTooDeep([{ x: {} }, [[]], { y: [{}] }], 2)).toEqual([0, 'x']);
    expect(findTooDeep({ z: [], a: {} }, 1)).toEqual(['z']);
  });

  it('walks array items and own enumerable properties only', () => {
    const inherited = Object.create({ deep: { deeper: {} } }) as object;
    expect(findTooDeep({ v: inherited }, 2)).toBeUndefined();
    const hidden = {};
    Object.defineProperty(hidden, 'deep', { value: { deeper: {} }, enumerable: false });
    expect(findTooDeep(hidden, 1)).toBeUndefined();
    const list = Object.assign([1, 2], { extra: { deeper: {} } });
    expect(findTooDeep(list, 1)).toBeUndefined();
    expect(findTooDeep({ s: 'text', n: 1, b: true, z: null }, 1)).toBeUndefined();
    expect(findTooDeep('text', 0)).toBeUndefined();
  });

  it('refuses a cyclic value at the limit, naming the path that got there', () => {
    const a: Record<string, unknown> = { k: 1 };
    a.self = a;
    expect(findTooDeep(a, 3)).toEqual(['self', 'self', 'self']);
  });

  it('walks 1,000,000 levels without recursion', () => {
    const text = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    const path = findTooDeep(JSON.parse(text), 64);
    expect(path).toHaveLength(64);
  });
});

describe('jsonTextDepth', () => {
  it('counts brackets outside strings only', () => {
    expect(jsonTextDepth('{"a":[1,{"b":"[[[{{{"}]}')).toBe(3);
    expect(jsonTextDepth('"\\"[[["')).toBe(0);
    expect(jsonTextDepth('not json ]]]')).toBe(0);
    expect(jsonTextDepth('[]'.repeat(10))).toBe(1);
  });
});

describe('paramFromPath', () => {
  it('names a path the way OpenAI does, quoting keys that would read ambiguously', () => {
    expect(paramFromPath(['messages', 2, 'content'])).toBe('messages[2].content');
    expect(paramFromPath([''])).toBe('[""]');
    expect(paramFromPath(['metadata', 'a.b'])).toBe('metadata["a.b"]');
  });

  it('never echoes a huge key', () => {
    const param = paramFromPath(['k'.repeat(5_000_000)]);
    expect(param.length).toBeLessThan(120);
    expect(param).toContain('(5000000 characters)');
  });
});
