import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import {
  generateObject,
  generateText,
  type LanguageModel,
  stepCountIs,
  streamText,
  tool,
} from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  API_KEY,
  CLAUDE_JSON,
  CLAUDE_THINKING,
  type RunningGateway,
  startGateway,
} from './start-gateway.js';

/*
 * The AI SDK (`ai`) through both of its OpenAI-style providers: `@ai-sdk/openai-compatible` and
 * `@ai-sdk/openai`'s `.chat()` model, against `bedrock-bridge serve`. Thinking is on for the
 * tool loops (the gateway's `claude-thinking` alias sets `reasoning_effort`).
 */

let gateway: RunningGateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(async () => {
  await gateway?.stop();
});

const providers: Record<string, (model: string) => LanguageModel> = {
  'openai-compatible': (model) =>
    // `supportsStructuredOutputs`: the gateway takes json_schema (else the provider asks json_object).
    createOpenAICompatible({
      name: 'bridge',
      baseURL: gateway.baseURL,
      apiKey: API_KEY,
      supportsStructuredOutputs: true,
    })(model),
  'openai .chat()': (model) =>
    createOpenAI({ baseURL: gateway.baseURL, apiKey: API_KEY }).chat(model),
};

const getWeather = tool({
  description: 'Current weather of a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => `18C and sunny in ${city}`,
});

describe.each(Object.keys(providers))('ai-sdk %s', (name) => {
  const model = (id: string) => (providers[name] as (m: string) => LanguageModel)(id);

  it('generateText with tools, several steps, thinking', async () => {
    const result = await generateText({
      model: model(CLAUDE_THINKING),
      tools: { get_weather: getWeather },
      stopWhen: stepCountIs(4),
      prompt: 'Please call get_weather for Paris.',
    });
    expect(result.steps.length).toBe(2);
    expect(result.text).toContain('18C and sunny');
  });

  it('streamText with tools, several steps, thinking', async () => {
    const result = streamText({
      model: model(CLAUDE_THINKING),
      tools: { get_weather: getWeather },
      stopWhen: stepCountIs(4),
      prompt: 'Please call get_weather for Paris.',
    });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect((await result.steps).length).toBe(2);
    expect(text).toContain('18C and sunny');
  });

  it('generateObject', async () => {
    const City = z.object({ name: z.string(), population: z.number() });
    const { object } = await generateObject({
      model: model(CLAUDE_JSON),
      schema: City,
      prompt: 'The largest city of France.',
    });
    expect(City.safeParse(object).success).toBe(true);
  });
});
