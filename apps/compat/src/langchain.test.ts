import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_KEY,
  CLAUDE,
  CLAUDE_JSON,
  CLAUDE_THINKING,
  type RunningGateway,
  startGateway,
} from './start-gateway.js';

/*
 * LangChain (`langchain`, `@langchain/openai`), as its docs show it, against `bedrock-bridge
 * serve`. The flows run under Node 22 (`npx -p node@22`): LangChain's own openai 7 client needs
 * it (under Node 20 a streamed answer never ends for it). Each case asserts one flow's outcome.
 */

type Outcome = { ok: boolean; detail: unknown };
let gateway: RunningGateway;
let results: Record<string, Outcome>;

beforeAll(async () => {
  gateway = await startGateway();
  const script = fileURLToPath(new URL('./langchain-flows.mjs', import.meta.url));
  const flowArgs = [script, gateway.baseURL, API_KEY, CLAUDE, CLAUDE_THINKING, CLAUDE_JSON];
  // On Node 22 or later already (CI's other Node lines): this Node; else Node 22 from npm.
  const [command, args] =
    Number(process.versions.node.split('.')[0]) >= 22
      ? [process.execPath, flowArgs]
      : ['npx', ['-y', '-p', 'node@22', 'node', ...flowArgs]];
  const { stdout } = await promisify(execFile)(command, args, {
    timeout: 120_000,
    maxBuffer: 1 << 20,
  });
  results = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
}, 150_000);
afterAll(async () => {
  await gateway?.stop();
});

function outcome(flow: string): unknown {
  const result = results[flow];
  expect(result, `flow ${flow} did not run`).toBeDefined();
  expect(result?.ok, String(result?.detail)).toBe(true);
  return result?.detail;
}

describe('langchain', () => {
  it.each(['createAgent tool loop with thinking', 'createAgent tool loop with thinking, streamed'])(
    '%s',
    (flow) => {
      const detail = outcome(flow) as { last: string; toolMessages: number };
      expect(detail.last).toContain('18C and sunny');
      expect(detail.toolMessages).toBe(1);
    },
  );

  it.each(['bindTools', 'bindTools without parallel calls'])('%s', (flow) => {
    expect(outcome(flow)).toEqual({ tool: 'get_weather' });
  });

  it('withStructuredOutput', () => {
    expect(outcome('withStructuredOutput')).toEqual({ valid: true });
  });
});
