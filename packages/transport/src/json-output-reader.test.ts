import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type JsonCodec, JsonOutputReader } from './json-output-reader.js';
import { TEST_CREDENTIALS } from './test-support/harness.js';

/**
 * `JsonOutputReader` must give what the SDK's own JSON codec (`readObject`, the reader behind a
 * plain client's deserializer) gives for the same parsed answer: the same values, types and key
 * order, for well-formed Converse answers and for JSON of any shape in any place.
 */

const client = new BedrockRuntimeClient({ region: 'us-east-1', credentials: TEST_CREDENTIALS });
const codec = (
  client.config as unknown as { protocol: { deserializer: { codecDeserializer: JsonCodec } } }
).protocol.deserializer.codecDeserializer;
const schema = (
  new ConverseCommand({ modelId: 'm', messages: [] }) as unknown as { schema: unknown[] }
).schema[5];

/** Every key path in order, so that key order is compared too. */
function keyPaths(value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return [path];
  return Object.keys(value).flatMap((k) =>
    keyPaths((value as Record<string, unknown>)[k], `${path}/${k}`),
  );
}

function expectSameAsSdk(text: string): void {
  const reader = new JsonOutputReader(codec);
  const want = codec.readObject(schema, JSON.parse(text));
  const got = reader.read(schema, JSON.parse(text));
  expect(got).toStrictEqual(want);
  expect(keyPaths(got)).toEqual(keyPaths(want));
  // Plans are kept: a second read of the same answer gives the same again.
  expect(reader.read(schema, JSON.parse(text))).toStrictEqual(want);
}

/** Any JSON, or `shape`: every place of an answer may hold either. */
const orAny = <T>(shape: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 4, arbitrary: shape }, { weight: 1, arbitrary: fc.jsonValue() });

const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '12'),
);
const block = orAny(
  fc.oneof(
    fc.record({ text: orAny(fc.string()) }),
    fc.record({
      toolUse: orAny(
        fc.record({ toolUseId: fc.string(), name: fc.string(), input: fc.jsonValue() }),
      ),
    }),
    fc.record({
      reasoningContent: orAny(
        fc.oneof(
          fc.record({
            reasoningText: orAny(fc.record({ text: fc.string(), signature: fc.string() })),
          }),
          fc.record({ redactedContent: fc.constantFrom('AQIDBA==', '', 'c2ln') }),
        ),
      ),
    }),
    fc.record({
      image: orAny(
        fc.record({ format: fc.string(), source: fc.record({ bytes: fc.constant('iVBORw0=') }) }),
      ),
    }),
    fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1, maxKeys: 2 }),
    fc.record({ text: fc.string(), __type: fc.string() }),
  ),
);
const answer = orAny(
  fc.record(
    {
      output: orAny(
        fc.record({
          message: orAny(
            fc.record({
              role: orAny(fc.constantFrom('assistant', 'user')),
              content: orAny(fc.array(block, { maxLength: 4 })),
            }),
          ),
        }),
      ),
      stopReason: orAny(fc.constantFrom('end_turn', 'tool_use', 'max_tokens')),
      usage: orAny(
        fc.record(
          {
            inputTokens: number,
            outputTokens: number,
            totalTokens: number,
            cacheReadInputTokens: fc.constant(null),
          },
          { requiredKeys: [] },
        ),
      ),
      metrics: orAny(fc.record({ latencyMs: number })),
      additionalModelResponseFields: fc.jsonValue(),
      trace: fc.jsonValue(),
      performanceConfig: orAny(fc.record({ latency: fc.string() })),
      __type: fc.string(),
      extra: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
);

describe('JsonOutputReader', () => {
  it('reads a plain Converse answer as the SDK codec does', () => {
    expectSameAsSdk(
      JSON.stringify({
        output: {
          message: { role: 'assistant', content: [{ text: 'hi' }, { futureBlock: { x: 1 } }] },
        },
        stopReason: 'end_turn',
        usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
        metrics: { latencyMs: 4 },
      }),
    );
  });

  it('reads generated answers, and JSON of any shape in any place, as the SDK codec does', () => {
    fc.assert(
      fc.property(answer, (value) => {
        expectSameAsSdk(JSON.stringify(value));
      }),
      { numRuns: 400 },
    );
  });
});
