import { describe, expect, it } from 'vitest';
import { classifyError } from './classify-error.js';
import { isErrorKind } from './error-kind.js';

/**
 * Every combination of awkward names, codes, messages, statuses, causes and wrappers (about
 * eleven thousand values, deterministic): classification never throws, always returns a known
 * kind and a non-empty message that is never a bare "Error:", never calls a 429 an overflow,
 * and reaches exactly the kinds these inputs can mean.
 */
const names = [
  undefined,
  '',
  'Error',
  'AssertionError',
  'TimeoutError',
  'AbortError',
  'throttlingException',
  'X',
];
const codes = [undefined, '', 'ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 42];
const messages = [
  undefined,
  '',
  '   ',
  'socket hang up',
  'Too many tokens',
  'Input is too long',
  '\u0000',
];
const statuses = [undefined, 0, 429, 503, '400', 999, Number.NaN];
const wrappers: Array<(v: unknown) => unknown> = [
  (v) => v,
  (v) => new Error('', { cause: v }),
  (v) => new AggregateError([v, null]),
  (v) => ({ cause: { cause: v } }),
];

function build(name: unknown, code: unknown, message: unknown, status: unknown): unknown {
  const err = new Error(typeof message === 'string' ? message : '');
  if (message === undefined) Reflect.deleteProperty(err, 'message');
  Object.assign(err, { name, code, $metadata: { httpStatusCode: status } });
  return err;
}

describe('classifyError sweep', () => {
  it('never throws, always answers a known kind with a real message, reaches nine kinds', () => {
    const kinds = new Set<string>();
    for (const name of names)
      for (const code of codes)
        for (const message of messages)
          for (const status of statuses)
            for (const wrap of wrappers) {
              const thrown = wrap(build(name, code, message, status));
              const info = classifyError(thrown);
              kinds.add(info.kind);
              expect(isErrorKind(info.kind)).toBe(true);
              // A 429 is a rate, never an overflow, whatever the message says.
              if (status === 429) expect(info.kind).not.toBe('context_overflow');
              expect(info.message.trim().length).toBeGreaterThan(0);
              expect(info.message).not.toMatch(/^[\w ]*:\s*$/);
              expect(info.cause).toBe(thrown);
            }
    // The kinds these inputs can produce: a rule that stops firing (or starts firing where it
    // must not) changes this list.
    expect([...kinds].sort()).toEqual([
      'aborted',
      'context_overflow',
      'overloaded',
      'rate_limit',
      'stale_connection',
      'timeout',
      'unknown',
      'unreachable',
      'validation',
    ]);
  });

  it.each([
    Symbol('s'),
    10n,
    true,
    () => 1,
    [],
    Object.create(null),
    {
      toString: () => {
        throw new Error('no');
      },
    },
    { message: 12 },
    { name: { nested: true } },
  ])('odd value %# is classified without throwing', (value) => {
    const info = classifyError(value);
    expect(info.message.trim()).not.toBe('');
  });
});
