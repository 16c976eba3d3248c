import OpenAI from 'openai';
import type {
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  runtimeRequests,
  startTestGateway,
  type TestGateway,
} from './test-support/start-gateway.js';

/*
 * What agent frameworks send, through the official openai client over real HTTP to the emulator
 * (which rejects, as Bedrock does, a thinking tool loop whose final tool-call turn has no
 * thinking block).
 */

const SONNET_4 = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
const HAIKU_3 = 'anthropic.claude-3-haiku-20240307-v1:0';
const weather: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => {
  await t.close();
});

function lastSent(): Record<string, unknown> {
  return runtimeRequests(t).at(-1)?.body as Record<string, unknown>;
}

/** Turn 1 of a tool loop with thinking on; returns what a stock client sends back as turn 2. */
async function turnOne(stream: boolean): Promise<ChatCompletionMessageParam[]> {
  const ask: ChatCompletionMessageParam[] = [
    { role: 'user', content: 'Please call get_weather for Paris.' },
  ];
  const base = {
    model: SONNET_4,
    messages: ask,
    tools: [weather],
    reasoning_effort: 'low' as const,
  };
  let calls: OpenAI.Chat.Completions.ChatCompletionMessageToolCall[] = [];
  if (stream) {
    const runner = t.client.chat.completions.stream({ ...base, stream: true });
    const done = await runner.finalChatCompletion();
    calls = done.choices[0]?.message.tool_calls ?? [];
  } else {
    const answer = await t.client.chat.completions.create(base);
    expect(answer.choices[0]?.message).toHaveProperty('reasoning_details');
    calls = answer.choices[0]?.message.tool_calls ?? [];
  }
  expect(calls).toHaveLength(1);
  const call = calls[0] as OpenAI.Chat.Completions.ChatCompletionMessageFunctionToolCall;
  // A stock client: content and tool_calls only, and a tool message with `name` (LangChain).
  return [
    ...ask,
    { role: 'assistant', content: null, tool_calls: [call] },
    { role: 'tool', tool_call_id: call.id, content: '18C and sunny', name: 'get_weather' } as never,
  ];
}

describe('thinking through a stock client tool loop', () => {
  it.each([false, true])('turn 2 gets its reasoning back (stream: %s)', async (stream) => {
    const messages = await turnOne(stream);
    const { data, response } = await t.client.chat.completions
      .create({ model: SONNET_4, messages, tools: [weather], reasoning_effort: 'low' })
      .withResponse();
    expect(data.choices[0]?.message.content).toContain('18C and sunny');
    const sent = lastSent() as { messages: { content: Record<string, unknown>[] }[] };
    expect(sent.messages[1]?.content[0]).toHaveProperty('reasoningContent');
    expect(sent).toHaveProperty('additionalModelRequestFields.thinking.type', 'enabled');
    expect(response.headers.get('x-bedrock-bridge-warnings')).toBe('dropped: messages[2].name');
  });

  it('an unknown tool call turns thinking off for that request, and says so', async () => {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'user', content: 'weather?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_from_elsewhere',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_from_elsewhere', content: 'snow' },
    ];
    const { data, response } = await t.client.chat.completions
      .create({ model: SONNET_4, messages, tools: [weather], reasoning_effort: 'low' })
      .withResponse();
    expect(data.choices[0]?.message.content).toContain('snow');
    expect(lastSent()).not.toHaveProperty('additionalModelRequestFields.thinking');
    expect(response.headers.get('x-bedrock-bridge-warnings')).toContain(
      'reasoning_effort: thinking was turned off for this request',
    );
  });
});

describe('what agent frameworks send', () => {
  it('parallel_tool_calls false reaches Claude as disable_parallel_tool_use', async () => {
    await t.client.chat.completions.create({
      model: HAIKU_3,
      messages: [{ role: 'user', content: 'Please call get_weather for Paris.' }],
      tools: [weather],
      parallel_tool_calls: false,
    });
    expect(lastSent()).toHaveProperty('additionalModelRequestFields.tool_choice', {
      type: 'auto',
      disable_parallel_tool_use: true,
    });
  });

  it('seed, verbosity and other fields with no Bedrock meaning are dropped and named', async () => {
    const { response } = await t.client.chat.completions
      .create({
        model: HAIKU_3,
        messages: [{ role: 'user', content: 'hi' }],
        seed: 7,
        verbosity: 'low',
        store: true,
        metadata: { app: 'test' },
        prompt_cache_key: 'k',
      })
      .withResponse();
    expect(response.headers.get('x-bedrock-bridge-warnings')).toBe(
      'dropped: seed, verbosity, store, prompt_cache_key',
    );
    expect(lastSent()).toHaveProperty('requestMetadata', { app: 'test' });
  });

  it('n = 2 is two calls: two choices, usage summed', async () => {
    const before = runtimeRequests(t).length;
    const answer = await t.client.chat.completions.create({
      model: HAIKU_3,
      messages: [{ role: 'user', content: 'hi' }],
      n: 2,
    });
    expect(answer.choices.map((c) => [c.index, c.message.content])).toEqual([
      [0, 'Echo: hi'],
      [1, 'Echo: hi'],
    ]);
    expect(runtimeRequests(t).length - before).toBe(2);
    const one = await t.client.chat.completions.create({
      model: HAIKU_3,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(answer.usage?.total_tokens).toBe(2 * (one.usage?.total_tokens ?? 0));
    const stream = await t.client.chat.completions.create({
      model: HAIKU_3,
      messages: [{ role: 'user', content: 'hi' }],
      n: 2,
      stream: true,
    });
    const texts = ['', ''];
    for await (const chunk of stream) {
      for (const c of chunk.choices) texts[c.index] += c.delta.content ?? '';
    }
    expect(texts).toEqual(['Echo: hi', 'Echo: hi']);
  });
});

describe('models', () => {
  it('GET /v1/models/{id} answers like one row of the list', async () => {
    const list = await t.client.models.list();
    const row = list.data.find((m) => m.id === SONNET_4);
    expect(await t.client.models.retrieve(SONNET_4)).toEqual(row);
  });

  it("an unknown model's 404 names it and points to /v1/models, on retrieve and on chat", async () => {
    const retrieve = await t.client.models.retrieve('acme.nope-v1:0').catch((e: unknown) => e);
    expect(retrieve).toBeInstanceOf(OpenAI.NotFoundError);
    expect((retrieve as Error).message).toContain("'acme.nope-v1:0'");
    const chat = await t.client.chat.completions
      .create({ model: 'anthropic.claude-nope-v1:0', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(chat).toBeInstanceOf(OpenAI.NotFoundError);
    expect((chat as InstanceType<typeof OpenAI.APIError>).param).toBe('model');
    expect((chat as Error).message).toContain("'anthropic.claude-nope-v1:0'");
    expect((chat as Error).message).toContain('/v1/models');
  });
});
