import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ToConverseInputOptions } from './converse-input-options.js';
import type { ModelRules } from './model-rules.js';
import type { ChatCompletionRequest } from './openai-request.js';
import { requestArb } from './test-support/arbitraries.js';
import { toConverseInput } from './to-converse-input.js';

/**
 * `toConverseInput` is tuned for speed; this test pins what it produced before that work, for
 * many generated requests (valid ones, and ones with a field broken) under several option sets,
 * so a faster path that changes one byte, key order, warning or error fails here. The fixture
 * holds one fingerprint per case (a hash of the whole result, or of the error's code, param
 * and message). Regenerate it only for an intended change of output:
 * `UPDATE_CONVERSION_SNAPSHOT=1 npx vitest run packages/format/src/conversion-snapshot.test.ts`
 * (a fast-check upgrade that generates other values needs the same).
 */
const FIXTURE = new URL('./__fixtures__/conversion-snapshot.json', import.meta.url);
const SEED = 20_261_205;
const RUNS = 400;

const claude: ModelRules = Object.freeze<ModelRules>({
  known: true,
  maxOutputTokens: 4096,
  toolUse: true,
  forcedToolChoice: true,
  disableParallelToolUse: true,
  reasoning: 'anthropic-thinking',
  adaptiveThinking: false,
  adaptiveEfforts: [],
  promptCaching: { locations: ['system', 'messages', 'tools'], maxCachePoints: 4, ttls: ['5m'] },
  maxTemperature: 1,
  nativeStructuredOutput: false,
  rejectedParams: [],
  rejectedWithReasoning: ['temperature', 'topP'],
  exclusiveParams: [['temperature', 'topP']],
  supportsPrefill: true,
});

const plain: ModelRules = Object.freeze<ModelRules>({
  known: 'family',
  toolUse: true,
  forcedToolChoice: false,
  reasoning: 'none',
  maxTemperature: 0.9,
  nativeStructuredOutput: true,
  rejectedParams: ['stopSequences'],
  supportsPrefill: false,
});

const OPTION_SETS: readonly ToConverseInputOptions[] = [
  {},
  { supportsPrefill: true, promptCaching: { automatic: true, ttl: '1h' } },
  { supportsToolUse: false, dropUnsupportedParams: true },
  { rules: claude, paramPolicy: 'drop', modelId: 'm' },
  { rules: claude, paramPolicy: 'reject' },
  { rules: plain, paramPolicy: 'drop', reasoning: 'passthrough' },
];

/** A field of the request or of one message replaced by an arbitrary value. */
const breakArb = fc.option(
  fc.record({
    target: fc.constantFrom('request', 'message'),
    index: fc.nat(20),
    field: fc.constantFrom(
      'role',
      'content',
      'tool_calls',
      'tool_call_id',
      'name',
      'tools',
      'tool_choice',
      'temperature',
      'max_tokens',
      'response_format',
      'reasoning_effort',
      'stop',
      'parallel_tool_calls',
    ),
    value: fc.oneof(
      fc.anything({ maxDepth: 2 }),
      fc.constantFrom('required', 'auto', 'high', 2, -1, 0.5, { type: 'json_object' }),
    ),
  }),
  { freq: 2 },
);

type Break = { target: string; index: number; field: string; value: unknown } | null;

function broken(request: ChatCompletionRequest, change: Break): ChatCompletionRequest {
  if (change === null) return request;
  const { target, index, field, value } = change;
  if (target === 'request') return { ...request, [field]: value } as ChatCompletionRequest;
  const messages = [...request.messages];
  const at = index % messages.length;
  messages[at] = { ...messages[at], [field]: value } as (typeof messages)[number];
  return { ...request, messages };
}

/** JSON with bytes spelled out (images), keeping key order. */
function serialise(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Uint8Array ? `bytes:${Buffer.from(v).toString('base64')}` : v,
  );
}

function fingerprint(request: ChatCompletionRequest, options: ToConverseInputOptions): string {
  let outcome: unknown;
  try {
    outcome = { ok: toConverseInput(request, options) };
  } catch (e) {
    // A crash (not a typed error) is pinned too: making it a typed error is a change of output.
    outcome = BedrockBridgeError.is(e)
      ? { error: { kind: e.kind, code: e.code, param: e.param, message: e.message } }
      : { crash: String(e) };
  }
  return createHash('sha256').update(serialise(outcome)).digest('hex').slice(0, 16);
}

describe('toConverseInput output is pinned', () => {
  it('gives the recorded result or error for every generated request and option set', () => {
    const cases = fc.sample(fc.tuple(requestArb, breakArb), { seed: SEED, numRuns: RUNS });
    const prints = cases.map(([request, change]) =>
      OPTION_SETS.map((options) => fingerprint(broken(request, change), options)).join(' '),
    );
    if (process.env.UPDATE_CONVERSION_SNAPSHOT === '1') {
      writeFileSync(FIXTURE, `${JSON.stringify(prints, null, 2)}\n`);
    }
    const recorded = JSON.parse(readFileSync(FIXTURE, 'utf8')) as string[];
    expect(recorded).toHaveLength(RUNS);
    prints.forEach((print, i) => {
      expect(print, `case ${i}: ${serialise(cases[i])}`).toBe(recorded[i]);
    });
  });
});
