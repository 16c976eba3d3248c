import { BedrockBridgeError } from '@bedrock-bridge/errors';
import fc from 'fast-check';
import secureJson from 'secure-json-parse';
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

  it('refuses and takes exactly what secure-json-parse refuses and takes (generated bodies)', () => {
    // Keys spelt as JSON allows, escapes included, and texts that only look like a poisoned key.
    const key = fc.constantFrom(
      '"__proto__"',
      '"\\u005f_proto__"',
      '"__pr\\u006Fto__"',
      '"constructor"',
      '"\\u0063onstructor"',
      '"prototype"',
      '"proto\\u0074ype"',
      '"__proto__ "',
      '"name"',
    );
    const { node } = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom('1', 'null', '"__proto__"', '"x\\"__proto__\\": {}"', '{}'),
        fc.array(tie('node'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
        fc
          .array(fc.tuple(key, tie('node')), { maxLength: 3 })
          .map((members) => `{${members.map(([k, v]) => `${k} :\n${v}`).join(',')}}`),
      ),
    }));
    const outcome = (parse: () => unknown): unknown => {
      try {
        return { value: parse() };
      } catch (err) {
        return { refused: (err as Error).name };
      }
    };
    fc.assert(
      fc.property(node, fc.boolean(), (json, bom) => {
        const text = `${bom ? '\uFEFF' : ''}${json}`;
        const secure = outcome(() =>
          secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }),
        );
        expect(outcome(() => parseJsonBody(text, 1000))).toEqual(secure);
      }),
      { numRuns: 2000 },
    );
  });
});
