import assert from 'node:assert';
import { describe, expect, it } from 'vitest';
import { classifyError } from './classify-error.js';
import { isStaleConnectionError } from './is-stale-connection-error.js';

describe('isStaleConnectionError', () => {
  it('finds a reset anywhere in the cause chain', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const wrapped = new Error('outer', { cause: new Error('middle', { cause: reset }) });
    expect(isStaleConnectionError(wrapped)).toBe(true);
  });

  it('treats the SDK HTTP/1.1 "TimeoutError ECONNRESET socket hang up" as stale, not timeout', () => {
    const err = Object.assign(new Error('socket hang up'), {
      name: 'TimeoutError',
      code: 'ECONNRESET',
    });
    expect(isStaleConnectionError(err)).toBe(true);
  });

  it('is false for a plain timeout, a refusal, an abort, and application assertions', () => {
    expect(isStaleConnectionError(Object.assign(new Error('t'), { code: 'ETIMEDOUT' }))).toBe(
      false,
    );
    expect(isStaleConnectionError(Object.assign(new Error('r'), { code: 'ECONNREFUSED' }))).toBe(
      false,
    );
    expect(isStaleConnectionError(AbortSignal.abort().reason)).toBe(false);
    let appAssertion: unknown;
    try {
      // a real application assertion with a message, thrown from this test file
      throw Object.assign(new Error('expected the cart to be empty'), {
        name: 'AssertionError',
        code: 'ERR_ASSERTION',
      });
    } catch (e) {
      appAssertion = e;
    }
    expect(isStaleConnectionError(appAssertion)).toBe(false);
  });

  it('is true for an assertion failing inside a socket library frame', () => {
    const err = Object.assign(new Error('The expression evaluated to a falsy value'), {
      name: 'AssertionError',
      code: 'ERR_ASSERTION',
      stack:
        'AssertionError [ERR_ASSERTION]: The expression evaluated to a falsy value\n    at ClientRequest.onSocket (node:_http_client:872:3)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    });
    expect(isStaleConnectionError(err)).toBe(true);
  });

  it('is false for an application AssertionError without a message (raised outside socket frames)', () => {
    const bare = new assert.AssertionError({ message: '' });
    expect(bare.message).toBe('');
    expect(isStaleConnectionError(bare)).toBe(false);
    expect(classifyError(bare).kind).toBe('unknown');
    let thrown: unknown;
    try {
      assert.ok(false, '');
    } catch (e) {
      thrown = e;
    }
    expect(classifyError(thrown).kind).toBe('unknown');
    const wrapped = new Error('checkout failed', { cause: bare });
    expect(isStaleConnectionError(wrapped)).toBe(false);
  });

  it('is true for a bare assertion (no message) raised from a socket library frame', () => {
    const err = Object.assign(new Error(''), {
      name: 'AssertionError',
      code: 'ERR_ASSERTION',
      stack:
        'AssertionError [ERR_ASSERTION]\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1674:34)\n    at TLSSocket.emit (node:events:519:28)',
    });
    expect(isStaleConnectionError(err)).toBe(true);
  });
});
