import {
  type BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandInput,
  type Tool,
} from '@aws-sdk/client-bedrock-runtime';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './start-emulator.js';
import { HAIKU, runtimeClient, SONNET4_US, userSays } from './test-support/sdk.js';
import type { Emulator } from './types.js';

const spec = (name: string, description: string, json: Record<string, unknown>): Tool => ({
  toolSpec: { name, description, inputSchema: { json: json as never } },
});
const weather = spec('get_weather', 'Current weather for a city', {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
});
const docs = spec('search_docs', 'Search the product documentation', {
  type: 'object',
  properties: { query: { type: 'string' } },
  required: ['query'],
});
/** A schema with the parts the generator must honour: nesting, arrays, enums, bounds, refs. */
const ORDER = {
  type: 'object',
  $defs: {
    item: {
      type: 'object',
      properties: {
        sku: { type: 'string', minLength: 4 },
        qty: { type: 'integer', minimum: 2, maximum: 9 },
      },
      required: ['sku', 'qty'],
    },
  },
  properties: {
    customer: {
      type: 'object',
      properties: {
        email: { type: 'string', format: 'email' },
        tier: { enum: ['gold', 'silver'] },
      },
      required: ['email', 'tier'],
    },
    items: { type: 'array', items: { $ref: '#/$defs/item' }, minItems: 2 },
    note: { anyOf: [{ type: 'null' }, { type: 'string', maxLength: 5 }] },
    rush: { type: 'boolean' },
    total: { type: 'number', exclusiveMinimum: 0 },
  },
  required: ['customer', 'items', 'total'],
  additionalProperties: false,
};
const order = spec('place_order', 'Place an order', ORDER);

describe('the default model behaves like a model (deterministically)', () => {
  let emulator: Emulator;
  let client: BedrockRuntimeClient;
  const ajv = new Ajv({ strict: false });
  beforeAll(async () => {
    emulator = await startEmulator();
    client = runtimeClient(emulator.url, 'http2', { maxAttempts: 1 });
  });
  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });
  const send = (input: Partial<ConverseCommandInput>) =>
    client.send(
      new ConverseCommand({
        modelId: HAIKU,
        messages: userSays('hi'),
        ...input,
      } as ConverseCommandInput),
    );

  it.each([
    ["What's the weather like in Paris today?", 'get_weather'],
    ['Search the documentation for rate limits', 'search_docs'],
  ])('with toolChoice auto, %j calls the best-matching tool (%s)', async (text, name) => {
    const out = await send({ messages: userSays(text), toolConfig: { tools: [weather, docs] } });
    expect(out.stopReason).toBe('tool_use');
    expect(out.output?.message?.content?.[0]?.toolUse?.name).toBe(name);
  });

  it('with toolChoice auto and nothing matching, answers in text', async () => {
    const out = await send({
      messages: userSays('hello there'),
      toolConfig: { tools: [weather, docs] },
    });
    expect(out.stopReason).toBe('end_turn');
    expect(out.output?.message?.content?.[0]?.text).toBe('Echo: hello there');
  });

  it('calls a tool whenever toolChoice forces one (tool: the named one; any: the first when none matches)', async () => {
    const named = await send({
      toolConfig: { tools: [weather, docs], toolChoice: { tool: { name: 'search_docs' } } },
    });
    expect(named.output?.message?.content?.[0]?.toolUse?.name).toBe('search_docs');
    const any = await send({ toolConfig: { tools: [weather, docs], toolChoice: { any: {} } } });
    expect(any.output?.message?.content?.[0]?.toolUse?.name).toBe('get_weather');
  });

  it('generates tool input that satisfies the tool schema (checked by ajv)', async () => {
    const out = await send({
      toolConfig: { tools: [order], toolChoice: { tool: { name: 'place_order' } } },
    });
    const input = out.output?.message?.content?.[0]?.toolUse?.input;
    const valid = ajv.validate(ORDER, input);
    expect(ajv.errors ?? [], JSON.stringify(input)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('answers structured output (outputConfig JSON schema) with JSON that satisfies the schema', async () => {
    const out = await send({
      outputConfig: {
        textFormat: {
          type: 'json_schema',
          structure: { jsonSchema: { name: 'order', schema: JSON.stringify(ORDER) } },
        },
      },
    });
    const text = out.output?.message?.content?.[0]?.text ?? '';
    expect(ajv.validate(ORDER, JSON.parse(text))).toBe(true);
  });

  it('reasons first, with a signature, when thinking is on', async () => {
    const out = await send({
      modelId: SONNET4_US,
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2048 } },
    });
    const reasoning = out.output?.message?.content?.[0]?.reasoningContent?.reasoningText;
    expect(reasoning?.text).toMatch(/\S/);
    expect(reasoning?.signature).toMatch(/\S/);
  });

  it('prompt cache: the first request writes the prefix, a second with the same prefix reads it', async () => {
    const system = [
      { text: 'You are a careful assistant. '.repeat(40) },
      { cachePoint: { type: 'default' as const } },
    ];
    const first = await send({ modelId: SONNET4_US, system, messages: userSays('first question') });
    expect(first.usage?.cacheWriteInputTokens).toBeGreaterThan(0);
    expect(first.usage?.cacheReadInputTokens ?? 0).toBe(0);
    expect(first.usage?.cacheDetails).toEqual([
      { ttl: '5m', inputTokens: first.usage?.cacheWriteInputTokens },
    ]);
    const second = await send({
      modelId: SONNET4_US,
      system,
      messages: userSays('another question'),
    });
    expect(second.usage?.cacheReadInputTokens).toBe(first.usage?.cacheWriteInputTokens);
    expect(second.usage?.cacheWriteInputTokens ?? 0).toBe(0);
    // A different prefix misses.
    const other = await send({
      modelId: SONNET4_US,
      system: [
        { text: 'Something else entirely.' },
        { cachePoint: { type: 'default', ttl: '1h' } },
      ],
      messages: userSays('q'),
    });
    expect(other.usage?.cacheReadInputTokens ?? 0).toBe(0);
    expect(other.usage?.cacheDetails?.[0]?.ttl).toBe('1h');
  });
});
