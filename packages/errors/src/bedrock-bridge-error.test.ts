import { describe, expect, it } from 'vitest';
import { BedrockBridgeError } from './bedrock-bridge-error.js';
import { classifyError } from './classify-error.js';
import { ERROR_KINDS } from './error-kind.js';
import { kindFacts } from './kind-facts.js';

describe('BedrockBridgeError', () => {
  it('takes its facts from the kind unless told otherwise', () => {
    const err = new BedrockBridgeError({ kind: 'stale_connection', message: 'reset' });
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('BedrockBridgeError');
    expect(err.retryable).toBe(true);
    expect(err.evictClient).toBe(true);
    const quiet = new BedrockBridgeError({
      kind: 'stale_connection',
      message: 'x',
      retryable: false,
    });
    expect(quiet.retryable).toBe(false);
  });

  it('keeps its cause', () => {
    const cause = new Error('root');
    expect(new BedrockBridgeError({ kind: 'unknown', message: 'x', cause }).cause).toBe(cause);
  });

  it.each(ERROR_KINDS)('an empty message for %s becomes a sentence naming the kind', (kind) => {
    const err = new BedrockBridgeError({ kind, message: '' });
    expect(err.message).toBe(`${kindFacts(kind).summary} (${kind})`);
    expect(classifyError(err).message).toBe(err.message);
  });

  it('toInfo returns the classification as a plain object', () => {
    const cause = new Error('root');
    const err = new BedrockBridgeError({
      kind: 'rate_limit',
      message: 'slow down',
      cause,
      retryAfterMs: 1500,
      status: 429,
      code: 'ThrottlingException',
      param: 'messages',
    });
    expect(err.toInfo()).toEqual({
      kind: 'rate_limit',
      retryable: true,
      evictClient: false,
      message: 'slow down',
      cause,
      retryAfterMs: 1500,
      status: 429,
      code: 'ThrottlingException',
    });
    expect(Object.getPrototypeOf(err.toInfo())).toBe(Object.prototype);
  });

  it('recognises an object branded by another copy of the package (Symbol.for)', () => {
    const brand = Symbol.for('@bedrock-bridge/errors.BedrockBridgeError');
    // what a duplicate install's class produces: a different class, the same registry symbol
    class OtherCopyError extends Error {
      kind = 'timeout' as const;
      retryable = true;
      evictClient = false;
      toInfo() {
        return {
          kind: this.kind,
          retryable: true,
          evictClient: false,
          message: this.message,
          cause: undefined,
        };
      }
    }
    const foreign = new OtherCopyError('deadline passed');
    Object.defineProperty(foreign, brand, { value: true });
    expect(foreign instanceof BedrockBridgeError).toBe(false);
    expect(BedrockBridgeError.is(foreign)).toBe(true);
    expect(classifyError(foreign)).toMatchObject({ kind: 'timeout', message: 'deadline passed' });
    expect(classifyError(foreign).cause).toBe(foreign);
  });

  it('a foreign branded object without a usable toInfo is read by its fields', () => {
    const brand = Symbol.for('@bedrock-bridge/errors.BedrockBridgeError');
    const foreign = Object.assign(new Error(''), { kind: 'auth', [brand]: true });
    expect(classifyError(foreign)).toMatchObject({ kind: 'auth', retryable: false });
    expect(classifyError(foreign).message).toMatch(/auth/);
  });

  it.each([
    ['retryable: true', { retryable: true }],
    ['retryable: false', { retryable: false }],
    ['retryable unset', {}],
  ])('aborted is never retryable (%s): constructor, toInfo, classifyError', (_label, extra) => {
    const err = new BedrockBridgeError({ kind: 'aborted', message: 'cancelled', ...extra });
    expect(err.retryable).toBe(false);
    expect(err.toInfo().retryable).toBe(false);
    expect(classifyError(err).retryable).toBe(false);
    expect(classifyError(new Error('wrapped', { cause: err }))).toMatchObject({
      kind: 'aborted',
      retryable: false,
    });
  });

  it('other kinds keep an explicit retryable', () => {
    const err = new BedrockBridgeError({ kind: 'validation', message: 'x', retryable: true });
    expect(err.retryable).toBe(true);
    expect(classifyError(err).retryable).toBe(true);
  });

  it.each([
    [
      'thrown, with a toInfo that says retryable',
      (brand: symbol) => {
        const foreign = Object.assign(new Error('cancelled'), { kind: 'aborted', [brand]: true });
        return Object.assign(foreign, {
          toInfo: () => ({
            kind: 'aborted',
            retryable: true,
            evictClient: false,
            message: 'cancelled',
            cause: undefined,
          }),
        });
      },
    ],
    [
      'nested, with a retryable field',
      (brand: symbol) =>
        new Error('wrapped', {
          cause: Object.assign(new Error('cancelled'), {
            kind: 'aborted',
            retryable: true,
            [brand]: true,
          }),
        }),
    ],
  ])('an aborted error from another copy is not retryable either (%s)', (_label, build) => {
    const thrown = build(Symbol.for('@bedrock-bridge/errors.BedrockBridgeError'));
    const info = classifyError(thrown);
    expect(info).toMatchObject({ kind: 'aborted', retryable: false });
    expect(info.cause).toBe(thrown);
  });

  it('is() is false for look-alikes and hostile values', () => {
    expect(BedrockBridgeError.is({ kind: 'timeout', name: 'BedrockBridgeError' })).toBe(false);
    expect(BedrockBridgeError.is(null)).toBe(false);
    expect(BedrockBridgeError.is('BedrockBridgeError')).toBe(false);
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
      },
    );
    expect(BedrockBridgeError.is(hostile)).toBe(false);
  });
});
