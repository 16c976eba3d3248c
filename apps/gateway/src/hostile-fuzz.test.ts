import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './test-support/start-gateway.js';

/*
 * Property-based fuzzing of POST /v1/chat/completions over the request schema: a valid request
 * with fields replaced, added or removed by arbitrary JSON (and sometimes not JSON at all). For
 * every one: no 5xx (each is a client error or a success), every error in OpenAI's shape with a
 * `param` key (a string naming the field for validation errors), the gateway answering
 * afterwards, and memory bounded. Bounded: 300 requests, loopback, a fixed seed so a failure
 * replays (fast-check prints the counterexample).
 */

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const RUNS = 300;

const base = () => ({
  model: MODEL,
  messages: [
    { role: 'system', content: 'be brief' },
    { role: 'user', content: 'hi' },
  ] as unknown[],
  max_tokens: 64,
});

const fields = [
  'model',
  'messages',
  'stream',
  'stream_options',
  'temperature',
  'top_p',
  'max_tokens',
  'max_completion_tokens',
  'stop',
  'tools',
  'tool_choice',
  'response_format',
  'reasoning_effort',
  'metadata',
  'n',
  'logit_bias',
  'functions',
  'function_call',
  'user',
  'seed',
];
const roles = ['system', 'developer', 'user', 'assistant', 'tool', 'function', 'robot'];

const json = fc.jsonValue({ maxDepth: 4 });
const deep = fc.integer({ min: 60, max: 400 }).map((depth) => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { k: value };
  return value;
});
const value = fc.oneof({ weight: 6, arbitrary: json }, { weight: 1, arbitrary: deep });

type Mutation = (body: Record<string, unknown>) => void;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.constantFrom(...fields), value).map(([k, v]) => (b: Record<string, unknown>) => {
    b[k] = v;
  }),
  fc.constantFrom(...fields).map((k) => (b: Record<string, unknown>) => {
    delete b[k];
  }),
  fc.tuple(fc.string({ maxLength: 20 }), value).map(([k, v]) => (b: Record<string, unknown>) => {
    b[k] = v;
  }),
  fc
    .record({ role: fc.constantFrom(...roles), content: value, extra: fc.option(value) })
    .map((m) => (b: Record<string, unknown>) => {
      const message: Record<string, unknown> = { role: m.role, content: m.content };
      if (m.extra !== null) message.tool_calls = m.extra;
      if (Array.isArray(b.messages)) b.messages.push(message);
    }),
  fc
    .tuple(fc.nat({ max: 1 }), fc.constantFrom('role', 'content', 'name', 'tool_call_id'), value)
    .map(([i, k, v]) => (b: Record<string, unknown>) => {
      const m: unknown = Array.isArray(b.messages) ? b.messages[i] : undefined;
      if (typeof m === 'object' && m !== null) (m as Record<string, unknown>)[k] = v;
    }),
);

const body = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => {
      const b: Record<string, unknown> = base();
      for (const m of ms) m(b);
      return JSON.stringify(b);
    }),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
);

/** Codes whose error is about one field of the body, so `param` must name it. */
const FIELD_CODES = new Set(['unrecognized_argument', 'nesting_too_deep', 'unsupported_parameter']);

function heapAfterGc(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

let t: TestGateway;
let gc: () => void;
beforeAll(async () => {
  setFlagsFromString('--expose-gc');
  gc = runInNewContext('gc') as () => void;
  // The real logger's work (a JSON line per request, prompts included) into a sink.
  t = await startTestGateway({ server: { logPrompts: true } });
});
afterAll(async () => {
  await t.close();
});

describe('fuzzed chat completion requests', () => {
  it(`${RUNS} requests: never a 5xx, always OpenAI's error shape, memory bounded`, async () => {
    const statuses = new Map<number, number>();
    const before = heapAfterGc(gc);
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const response = await fetch(`${t.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: text,
        });
        const answer = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status).toBeLessThan(500);
        if (response.status === 200) return;
        const { error } = JSON.parse(answer) as { error: Record<string, unknown> };
        expect(Object.keys(error).sort()).toEqual(['code', 'message', 'param', 'type']);
        expect(typeof error.message).toBe('string');
        expect(error.param === null || typeof error.param === 'string').toBe(true);
        if (FIELD_CODES.has(String(error.code))) expect(error.param).toEqual(expect.any(String));
        expect(answer.length).toBeLessThan(8192);
      }),
      { numRuns: RUNS, seed: 15_2026 },
    );
    t.logs.length = 0; // the harness's own records
    const grown = heapAfterGc(gc) - before;
    // Bounded: at most 16 MB kept after 300 requests (caches warm once; nothing per request).
    expect(grown).toBeLessThan(16 * 1024 * 1024);
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(200);
  }, 120_000);
});
