import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BedrockBridgeError } from './bedrock-bridge-error.js';
import { classifyError } from './classify-error.js';
import { kindFacts } from './kind-facts.js';
import type { Row } from './test-support/classification-row.js';
import { aborted, stale, timeouts, truncated, unreachable } from './test-support/rows-network.js';
import { odd } from './test-support/rows-odd.js';
import { outputLimit, timeoutWording, tooManyRequests } from './test-support/rows-precedence.js';
import { runtimeModeled } from './test-support/rows-runtime.js';
import {
  auth,
  byStatus,
  controlPlane,
  eventStream,
  wordings,
} from './test-support/rows-service.js';
import { bareStatus, retryAfter, TABLE_NOW } from './test-support/rows-status.js';

const rows: Row[] = [
  ...runtimeModeled,
  ...controlPlane,
  ...eventStream,
  ...byStatus,
  ...bareStatus,
  ...retryAfter,
  ...wordings,
  ...outputLimit,
  ...tooManyRequests,
  ...timeoutWording,
  ...auth,
  ...stale,
  ...timeouts,
  ...unreachable,
  ...aborted,
  ...truncated,
  ...odd,
];

describe('classifyError', () => {
  // Only `Date` is faked: an HTTP-date Retry-After then gives an exact number of milliseconds.
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(TABLE_NOW);
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it('has at least 60 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
  });

  it.each(rows)('$name => $kind', (row) => {
    const thrown = row.build();
    const info = classifyError(thrown);
    expect(info.kind).toBe(row.kind);
    const facts = kindFacts(row.kind);
    expect(info.retryable).toBe(facts.retryable);
    expect(info.evictClient).toBe(facts.evictClient);
    expect(info.cause).toBe(thrown);
    expect(info.message.trim()).not.toBe('');
    expect(info.message).not.toMatch(/^\w*Error:\s*$/);
    expect(info.retryAfterMs).toBe(row.retryAfterMs);
    if (row.code !== undefined) expect(info.code).toBe(row.code);
    if (row.status !== undefined) expect(info.status).toBe(row.status);
    if (row.message !== undefined) expect(info.message).toMatch(row.message);
  });

  it('passes a BedrockBridgeError through with its own info and itself as cause', () => {
    const inner = new Error('inner');
    const err = new BedrockBridgeError({
      kind: 'stream_truncated',
      message: 'No messageStop after 3 events',
      retryable: false,
      code: 'NO_MESSAGE_STOP',
      cause: inner,
    });
    const info = classifyError(err);
    expect(info).toEqual({ ...err.toInfo(), cause: err });
    expect(info.cause).toBe(err);
    expect(info.retryable).toBe(false);
    // toInfo keeps the error's own cause, so that it can rebuild a copy of the error.
    expect(err.toInfo().cause).toBe(inner);
  });
});
