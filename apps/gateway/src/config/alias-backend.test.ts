import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeGateway } from '../compose-gateway.js';
import { createStack, type Stack } from '../create-stack.js';
import { GatewayMetrics } from '../observability/gateway-metrics.js';
import type { Gateway } from '../server/create-server.js';
import { modelAliases } from './alias-backend.js';
import { parseGatewayConfig } from './gateway-config.js';

let stack: Stack;
let gateway: Gateway;
let client: OpenAI;
beforeAll(async () => {
  stack = await createStack({ emulator: {}, env: {} });
  const config = parseGatewayConfig({
    aliases: {
      'gpt-4o-mini': 'anthropic.claude-3-haiku-20240307-v1:0',
      'gpt-4o': {
        model: 'anthropic.claude-3-haiku-20240307-v1:0',
        defaults: { temperature: 0.25, max_tokens: 77 },
      },
    },
  });
  ({ gateway } = composeGateway(
    {
      stack,
      aliases: modelAliases(config.aliases),
      server: { log: false, apiKey: ['sk-a', 'sk-b'] },
    },
    new GatewayMetrics({ defaultMetrics: false }),
  ));
  const url = await gateway.listen(0, '127.0.0.1');
  client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'sk-b', maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.close(0);
  await stack?.close();
});

const lastBody = () =>
  stack.emulator?.requests.filter((r) => r.operation === 'converse').at(-1) as
    | { modelId?: string; body: { inferenceConfig?: Record<string, unknown> } }
    | undefined;

describe('model aliases (through the official openai client)', () => {
  it('sends an alias to its Bedrock model with its default parameters', async () => {
    const answer = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(answer.choices[0]?.message.content).toBe('Echo: hi');
    expect(lastBody()?.modelId).toBe('anthropic.claude-3-haiku-20240307-v1:0');
    expect(lastBody()?.body.inferenceConfig).toMatchObject({ temperature: 0.25, maxTokens: 77 });
  });

  it('resolves an alias on /v1/responses too, its defaults under their Responses names', async () => {
    const response = await client.responses.create({ model: 'gpt-4o', input: 'hi', store: false });
    expect(response.output_text).toBe('Echo: hi');
    expect(response.model).toBe('anthropic.claude-3-haiku-20240307-v1:0');
    expect(lastBody()?.modelId).toBe('anthropic.claude-3-haiku-20240307-v1:0');
    expect(lastBody()?.body.inferenceConfig).toMatchObject({ temperature: 0.25, maxTokens: 77 });
  });

  it("keeps the request's own values over the alias defaults", async () => {
    await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0.9,
    });
    expect(lastBody()?.body.inferenceConfig).toMatchObject({ temperature: 0.9, maxTokens: 77 });
  });

  it('lists the aliases with the models, and accepts any of the configured keys', async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain('gpt-4o');
    expect(ids).toContain('gpt-4o-mini');
    const wrong = new OpenAI({ baseURL: client.baseURL, apiKey: 'sk-c', maxRetries: 0 });
    await expect(wrong.models.list()).rejects.toMatchObject({ status: 401 });
  });
});
