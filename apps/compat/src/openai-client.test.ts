import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletionTool } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  API_KEY,
  CLAUDE,
  CLAUDE_JSON,
  type RunningGateway,
  startGateway,
} from './start-gateway.js';

/* The official `openai` client, as an application uses it, against `bedrock-bridge serve`. */

let gateway: RunningGateway;
let client: OpenAI;
beforeAll(async () => {
  gateway = await startGateway();
  client = new OpenAI({ baseURL: gateway.baseURL, apiKey: API_KEY, maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.stop();
});

const weather: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather of a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

describe('openai', () => {
  it('chat', async () => {
    const answer = await client.chat.completions.create({
      model: CLAUDE,
      messages: [{ role: 'user', content: 'Hello' }],
      seed: 1,
      user: 'compat',
    });
    expect(answer.choices[0]?.message.content).toBe('Echo: Hello');
  });

  it('stream', async () => {
    const stream = await client.chat.completions.create({
      model: CLAUDE,
      messages: [{ role: 'user', content: 'Hello' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      usage += chunk.usage?.total_tokens ?? 0;
    }
    expect(text).toBe('Echo: Hello');
    expect(usage).toBeGreaterThan(0);
  });

  it('tool loop with thinking', async () => {
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'Please call get_weather for Paris.' },
    ];
    const first = await client.chat.completions.create({
      model: CLAUDE,
      messages,
      tools: [weather],
      reasoning_effort: 'low',
    });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(call?.type).toBe('function');
    if (call?.type !== 'function') return;
    // What applications do: append the message (the client's own type) and the tool's result.
    messages.push({ role: 'assistant', content: null, tool_calls: [call] });
    messages.push({ role: 'tool', tool_call_id: call.id, content: '18C, sunny' });
    const second = await client.chat.completions.create({
      model: CLAUDE,
      messages,
      tools: [weather],
      reasoning_effort: 'low',
    });
    expect(second.choices[0]?.message.content).toContain('18C, sunny');
  });

  it('runTools with thinking, streamed', async () => {
    const runner = client.chat.completions.runTools({
      model: CLAUDE,
      messages: [{ role: 'user', content: 'Please call get_weather for Paris.' }],
      reasoning_effort: 'low',
      stream: true,
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Current weather of a city',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
            function: (args: { city?: string }) => `rainy in ${args.city ?? 'the city'}`,
            parse: JSON.parse,
          },
        },
      ],
    });
    expect(await runner.finalContent()).toContain('rainy in');
  });

  it('models.retrieve', async () => {
    const model = await client.models.retrieve(CLAUDE);
    expect(model).toMatchObject({ id: CLAUDE, object: 'model' });
    await expect(client.models.retrieve('acme.none-v1:0')).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );
  });

  it('parse with zod', async () => {
    const City = z.object({ name: z.string(), population: z.number() });
    const parsed = await client.chat.completions.parse({
      model: CLAUDE_JSON,
      messages: [{ role: 'user', content: 'The largest city of France, as JSON.' }],
      response_format: zodResponseFormat(City, 'city'),
    });
    const city = parsed.choices[0]?.message.parsed;
    expect(City.safeParse(city).success).toBe(true);
  });
});
