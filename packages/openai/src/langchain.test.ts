import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

/*
 * LangChain's `ChatOpenAI` with the in-process fetch, as the README's one-liner writes it
 * (`configuration: { baseURL, fetch }`). The flows run under Node 22 (LangChain's openai 7 client
 * needs it) in a child that starts its own emulator (test-support/langchain-flows.mjs, which
 * imports the built package). Each case asserts one flow's outcome.
 */

type Outcome = { ok: boolean; detail: unknown };
let results: Record<string, Outcome>;

beforeAll(async () => {
  const script = fileURLToPath(new URL('./test-support/langchain-flows.mjs', import.meta.url));
  // On Node 22 or later already: this Node; else Node 22 from npm.
  const [command, args] =
    Number(process.versions.node.split('.')[0]) >= 22
      ? [process.execPath, [script]]
      : ['npx', ['-y', '-p', 'node@22', 'node', script]];
  const { stdout } = await promisify(execFile)(command, args, {
    timeout: 120_000,
    maxBuffer: 1 << 20,
  });
  results = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
}, 150_000);

function outcome(flow: string): Record<string, unknown> {
  const result = results[flow];
  expect(result, `flow ${flow} did not run`).toBeDefined();
  expect(result?.ok, String(result?.detail)).toBe(true);
  return result?.detail as Record<string, unknown>;
}

describe('LangChain ChatOpenAI({ configuration: { baseURL, fetch } })', () => {
  it.each(['tool loop with thinking', 'tool loop with thinking, streamed'])(
    '%s: turn 2 gets its reasoning back',
    (flow) => {
      const detail = outcome(flow);
      expect(detail.last).toContain('18C and sunny');
      expect(detail.thinking).toBe('enabled');
      expect(detail.restored).toEqual(['reasoningContent']);
    },
  );

  it('streams an answer chunk by chunk', () => {
    const detail = outcome('streamed');
    expect(detail.text).toBe('Echo: stream me a reply please');
    expect(detail.chunks).toBeGreaterThan(1);
  });

  it('an aborted stream aborts the upstream call and closes its connection', () => {
    const detail = outcome('cancelled');
    expect(detail.chunks).toBeGreaterThan(0);
    expect(detail.fault).toBe('stall');
    expect(detail.error).toBe('AbortError');
    // The handler ended the stream as the client's doing, and the emulator saw its socket close.
    expect(detail.streamEnded).toBe(true);
    expect(detail.connectionClosed).toBe(true);
  });

  it('a cut upstream stream throws, never ends as a shorter answer', () => {
    const detail = outcome('cut');
    expect(detail.threw).toBe(true);
  });
});
