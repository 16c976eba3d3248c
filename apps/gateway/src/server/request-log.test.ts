import { describe, expect, it } from 'vitest';
import { logSafely, type RequestLogEntry } from './request-log.js';

const entry: RequestLogEntry = {
  time: 't',
  level: 'info',
  msg: 'request',
  id: 'req_1',
  method: 'POST',
  path: '/v1/chat/completions',
  status: 200,
  latencyMs: 1,
  attempts: 1,
};

describe('logSafely', () => {
  it('writes the line when nothing fails', () => {
    const lines: RequestLogEntry[] = [];
    logSafely(
      (e) => lines.push(e),
      () => entry,
    );
    expect(lines).toEqual([entry]);
  });

  it('writes the line without messages when the full one cannot be serialized', () => {
    const lines: string[] = [];
    const deep: Record<string, unknown> = {};
    let at = deep;
    for (let i = 0; i < 100_000; i += 1) {
      const next: Record<string, unknown> = {};
      at.x = next;
      at = next;
    }
    logSafely(
      (e) => lines.push(JSON.stringify(e)),
      () => ({ ...entry, messages: deep }),
    );
    expect(lines).toHaveLength(1);
    const written = JSON.parse(lines[0] ?? '{}') as RequestLogEntry;
    expect(written.id).toBe('req_1');
    expect(written.messages).toBeUndefined();
    expect(written.logError).toContain('call stack');
  });

  it('never throws, even when the logger always does or the entry cannot be built', () => {
    const fails = () => {
      throw new Error('disk full');
    };
    expect(() => logSafely(fails, () => entry)).not.toThrow();
    const lines: RequestLogEntry[] = [];
    logSafely((e) => lines.push(e), fails);
    expect(lines[0]?.logError).toBe('disk full');
  });
});
