import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { describe, expect, it } from 'vitest';
import { parseJsonBody } from './parse-json-body.js';

describe('parseJsonBody', () => {
  it('refuses prototype-poisoning keys wherever they are, however they are spelt', () => {
    for (const text of [
      '{"__proto__": {"admin": true}}',
      '{"messages": [{"content": "x", "__proto__": {}}]}',
      '{"a": {"\\u005f_proto__": 1}}',
      '{"tools": [{"constructor": {"prototype": {"x": 1}}}]}',
      '{"\\u0063onstructor": {"prototype": null}}',
    ]) {
      expect(() => parseJsonBody(text), text).toThrow(SyntaxError);
    }
  });

  it('takes what only looks like one: a key named constructor without prototype, texts', () => {
    expect(parseJsonBody('{"constructor": {"name": "x"}, "c": "__proto__"}')).toEqual({
      constructor: { name: 'x' },
      c: '__proto__',
    });
    expect(parseJsonBody('{"text": "\\"__proto__\\": {}"}')).toEqual({ text: '"__proto__": {}' });
  });

  it('skips a byte-order mark, refuses an empty body and text that is not JSON', () => {
    expect(parseJsonBody('\uFEFF{"a": 1}')).toEqual({ a: 1 });
    expect(() => parseJsonBody('  ')).toThrow(/empty/);
    expect(() => parseJsonBody('{"a": ')).toThrow(SyntaxError);
  });

  it('refuses a body nested deeper than the limit and names where', () => {
    const deep = `{"messages": ${'['.repeat(70)}${']'.repeat(70)}}`;
    try {
      parseJsonBody(deep);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(BedrockBridgeError);
      expect((err as BedrockBridgeError).code).toBe('nesting_too_deep');
      expect((err as BedrockBridgeError).param).toMatch(/^messages/);
    }
    expect(parseJsonBody(deep, 80)).toBeTypeOf('object');
  });
});
