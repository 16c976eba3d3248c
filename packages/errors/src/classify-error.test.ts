import { describe, expect, it } from 'vitest';
import { BedrockBridgeError } from './bedrock-bridge-error.js';
import { classifyError } from './classify-error.js';
import { kindFacts } from './kind-facts.js';
import type { Row } from './test-support/classification-row.js';
import { aborted, stale, timeouts, truncated, unreachable } from './test-support/rows-network.js';
import { odd } from './test-support/rows-odd.js';
import { runtimeModeled } from './test-support/rows-runtime.js';
import {
  auth,
  byStatus,
  controlPlane,
  eventStream,
  wordings,
} from './test-support/rows-service.js';

const rows: Row[] = [
  ...runtimeModeled,
  ...controlPlane,
  ...eventStream,
  ...byStatus,
  ...wordings,
  ...auth,
  ...stale,
  ...timeouts,
  ...unreachable,
  ...aborted,
  ...truncated,
  ...odd,
];

describe('classifyError', () => {
  it('has at least 60 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
  });

  it.each(rows)('$name => $kind', (row) => {
    const thrown = row.build();
    const info = classifyError(thrown);
    expect(info.kind).toBe(row.kind);
    const facts = kindFacts(row.kind);
    if (!BedrockBridgeError.is(info.cause) || info.cause === thrown) {
      expect(info.retryable).toBe(row.kind === 'aborted' ? false : facts.retryable);
      expect(info.evictClient).toBe(facts.evictClient);
    }
    expect(info.cause).toBe(thrown);
    expect(info.message.trim()).not.toBe('');
    expect(info.message).not.toMatch(/^\w*Error:\s*$/);
    if (row.code !== undefined) expect(info.code).toBe(row.code);
    if (row.status !== undefined) expect(info.status).toBe(row.status);
    if (row.message !== undefined) expect(info.message).toMatch(row.message);
  });

  it('passes a BedrockBridgeError through with its own info', () => {
    const err = new BedrockBridgeError({
      kind: 'stream_truncated',
      message: 'No messageStop after 3 events',
      retryable: false,
      code: 'NO_MESSAGE_STOP',
    });
    expect(classifyError(err)).toEqual(err.toInfo());
    expect(classifyError(err).retryable).toBe(false);
  });
});
