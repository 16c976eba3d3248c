import type OpenAI from 'openai';
import type { APIError } from 'openai';
import type {
  FunctionTool,
  ResponseInputItem,
  ResponseStreamEvent,
} from 'openai/resources/responses/responses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  runtimeRequests,
  startTestGateway,
  type TestGateway,
} from './test-support/start-gateway.js';

/* The official openai client's `responses` -> gateway (real HTTP) -> transport -> emulator. */

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const THINKING_MODEL = 'us.anthropic.claude-sonnet-4-20250514-v1:0';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => {
  await t.close();
});

const weather: FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
  strict: true,
};

/** The fields the openai package's type for each event we emit requires, checked at run time. */
const REQUIRED: Record<string, string[]> = {
  'response.created': ['response'],
  'response.in_progress': ['response'],
  'response.completed': ['response'],
  'response.incomplete': ['response'],
  'response.failed': ['response'],
  'response.output_item.added': ['output_index', 'item'],
  'response.output_item.done': ['output_index', 'item'],
  'response.content_part.added': ['item_id', 'output_index', 'content_index', 'part'],
  'response.content_part.done': ['item_id', 'output_index', 'content_index', 'part'],
  'response.output_text.delta': ['item_id', 'output_index', 'content_index', 'delta', 'logprobs'],
  'response.output_text.done': ['item_id', 'output_index', 'content_index', 'text', 'logprobs'],
  'response.function_call_arguments.delta': ['item_id', 'output_index', 'delta'],
  'response.function_call_arguments.done': ['item_id', 'output_index', 'name', 'arguments'],
  'response.reasoning_summary_part.added': ['item_id', 'output_index', 'summary_index', 'part'],
  'response.reasoning_summary_part.done': ['item_id', 'output_index', 'summary_index', 'part'],
  'response.reasoning_summary_text.delta': ['item_id', 'output_index', 'summary_index', 'delta'],
  'response.reasoning_summary_text.done': ['item_id', 'output_index', 'summary_index', 'text'],
};
const RESPONSE_FIELDS = ['id', 'object', 'created_at', 'status', 'model', 'output', 'tools'];

function checkEvents(events: ResponseStreamEvent[]): void {
  events.forEach((event, i) => {
    expect(event.sequence_number).toBe(i);
    const required = REQUIRED[event.type];
    expect(required, `unexpected event ${event.type}`).toBeDefined();
    for (const key of required ?? []) expect(event).toHaveProperty(key);
    if ('response' in event)
      for (const key of RESPONSE_FIELDS) expect(event.response).toHaveProperty(key);
  });
}

async function streamed(params: OpenAI.Responses.ResponseCreateParamsStreaming) {
  const events: ResponseStreamEvent[] = [];
  for await (const event of await t.client.responses.create(params)) events.push(event);
  checkEvents(events);
  return events;
}

describe('responses through the official openai client', () => {
  it('answers a plain request, with instructions and usage', async () => {
    const response = await t.client.responses.create({
      model: MODEL,
      instructions: 'Be brief.',
      input: 'Hello gateway',
      max_output_tokens: 100,
      store: false,
    });
    expect(response.object).toBe('response');
    expect(response.status).toBe('completed');
    expect(response.output_text).toBe('Echo: Hello gateway');
    expect(response.usage?.total_tokens).toBeGreaterThan(0);
    expect(response.usage?.input_tokens_details.cached_tokens).toBe(0);
    expect(runtimeRequests(t).at(-1)?.body).toMatchObject({
      system: [{ text: 'Be brief.' }],
      inferenceConfig: { maxTokens: 100 },
    });
    await expect(t.client.responses.retrieve(response.id)).rejects.toMatchObject({ status: 404 });
  });

  it('streams the full event sequence, and the SDK helper assembles the same text', async () => {
    const events = await streamed({
      model: MODEL,
      input: 'stream me a reply please',
      stream: true,
    });
    expect(events[0]?.type).toBe('response.created');
    expect(events.at(-1)?.type).toBe('response.completed');
    const text = events
      .filter((e) => e.type === 'response.output_text.delta')
      .map((e) => (e as { delta: string }).delta)
      .join('');
    expect(text).toBe('Echo: stream me a reply please');

    const helper = t.client.responses.stream({ model: MODEL, input: 'assemble me', store: false });
    const final = await helper.finalResponse();
    expect(final.output_text).toBe('Echo: assemble me');
  });

  it('runs a function-tool loop over several turns, stateless', async () => {
    const input: ResponseInputItem[] = [{ role: 'user', content: 'call get_weather for Paris' }];
    const first = await t.client.responses.create({
      model: MODEL,
      input,
      tools: [weather],
      store: false,
    });
    const call = first.output.find((i) => i.type === 'function_call');
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather' });
    if (call?.type !== 'function_call') throw new Error('no call');
    expect(JSON.parse(call.arguments)).toHaveProperty('city');
    input.push(...(first.output as ResponseInputItem[]));
    input.push({ type: 'function_call_output', call_id: call.call_id, output: '18C and sunny' });
    const second = await t.client.responses.create({
      model: MODEL,
      input,
      tools: [weather],
      store: false,
    });
    expect(second.output_text).toBe('Result of get_weather: 18C and sunny');
    // and a third turn on top of the same history
    input.push(...(second.output as ResponseInputItem[]));
    input.push({ role: 'user', content: 'call get_weather for Oslo' });
    const third = await t.client.responses.create({
      model: MODEL,
      input,
      tools: [weather],
      store: false,
    });
    expect(third.output.some((i) => i.type === 'function_call')).toBe(true);
    const sent = runtimeRequests(t).at(-1)?.body as { messages: { role: string }[] };
    expect(sent.messages.map((m) => m.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
    ]);
  });

  it('streams a function call as function_call_arguments events', async () => {
    const events = await streamed({
      model: MODEL,
      input: 'call get_weather now',
      tools: [weather],
      stream: true,
      store: false,
    });
    const done = events.find((e) => e.type === 'response.function_call_arguments.done');
    expect(done && JSON.parse((done as { arguments: string }).arguments)).toHaveProperty('city');
  });

  it('honours text.format json_schema', async () => {
    await t.client.responses.create({
      model: THINKING_MODEL,
      input: 'A city, as JSON',
      store: false,
      text: {
        format: {
          type: 'json_schema',
          name: 'city',
          schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
          strict: true,
        },
      },
    });
    const body = runtimeRequests(t).at(-1)?.body as Record<string, unknown>;
    expect(JSON.stringify(body.outputConfig ?? body.toolConfig)).toContain('"name"');
  });

  it('continues a stored conversation with previous_response_id, and lists, gets and deletes it', async () => {
    const first = await t.client.responses.create({ model: MODEL, input: 'My name is Ada.' });
    expect((first as { store?: boolean }).store).toBe(true);
    const second = await t.client.responses.create({
      model: MODEL,
      input: 'What is my name?',
      previous_response_id: first.id,
    });
    expect(second.previous_response_id).toBe(first.id);
    const sent = runtimeRequests(t).at(-1)?.body as {
      messages: { content: { text?: string }[] }[];
    };
    expect(sent.messages.map((m) => m.content[0]?.text)).toEqual([
      'My name is Ada.',
      'Echo: My name is Ada.',
      'What is my name?',
    ]);
    const got = await t.client.responses.retrieve(second.id);
    expect(got.output_text).toBe(second.output_text);
    const items = await t.client.responses.inputItems.list(second.id);
    expect(items.data.map((i) => i.type)).toEqual(['message']);
    const deleted: unknown = await t.client.responses.delete(first.id);
    expect(deleted).toMatchObject({ id: first.id, deleted: true });
    await expect(t.client.responses.delete(first.id)).rejects.toMatchObject({ status: 404 });
    await expect(
      t.client.responses.create({ model: MODEL, input: 'again', previous_response_id: first.id }),
    ).rejects.toMatchObject({ status: 400, param: 'previous_response_id' });
  });

  it('pages input items and shows sealed reasoning on GET only when include asks', async () => {
    const stored = await t.client.responses.create({
      model: THINKING_MODEL,
      reasoning: { effort: 'low' },
      input: [
        { role: 'user', content: 'one' },
        { role: 'assistant', content: 'two' },
        { role: 'user', content: 'three' },
      ],
    });
    const all = await t.client.responses.inputItems.list(stored.id, { order: 'asc' });
    expect(all.data.map((i) => (i.type === 'message' ? i.role : i.type))).toEqual([
      'user',
      'assistant',
      'user',
    ]);
    const page = await fetch(
      `${t.url}/v1/responses/${stored.id}/input_items?limit=1&after=${all.data[0]?.id}&order=asc`,
    );
    const body = (await page.json()) as { data: { id: string }[]; has_more: boolean };
    expect(body.data.map((i) => i.id)).toEqual([all.data[1]?.id]);
    expect(body.has_more).toBe(true);
    const bad = await fetch(`${t.url}/v1/responses/${stored.id}/input_items?limit=0`);
    expect(bad.status).toBe(400);

    const plain = await t.client.responses.retrieve(stored.id);
    const reasoning = plain.output.find((i) => i.type === 'reasoning');
    expect(reasoning).toBeDefined();
    expect(reasoning?.type === 'reasoning' && reasoning.encrypted_content).toBeFalsy();
    const sealed = await t.client.responses.retrieve(stored.id, {
      include: ['reasoning.encrypted_content'],
    });
    const withContent = sealed.output.find((i) => i.type === 'reasoning');
    expect(withContent?.type === 'reasoning' && withContent.encrypted_content).toMatch(/^bb1\./);
  });

  it('resolves an item_reference to a stored item', async () => {
    const first = await t.client.responses.create({ model: MODEL, input: 'Remember me' });
    const message = first.output[0];
    if (!message) throw new Error('no output');
    await t.client.responses.create({
      model: MODEL,
      input: [
        { role: 'user', content: 'Remember me' },
        { type: 'item_reference', id: message.id as string },
        { role: 'user', content: 'ok' },
      ],
    });
    const sent = runtimeRequests(t).at(-1)?.body as {
      messages: { content: { text?: string }[] }[];
    };
    expect(sent.messages[1]?.content[0]?.text).toBe('Echo: Remember me');
  });

  it('replays sealed reasoning through a stateless tool loop with Claude thinking on', async () => {
    const common = {
      model: THINKING_MODEL,
      tools: [weather],
      reasoning: { effort: 'low' as const, summary: 'auto' as const },
      include: ['reasoning.encrypted_content' as const],
      store: false,
    };
    const input: ResponseInputItem[] = [{ role: 'user', content: 'call get_weather for Rome' }];
    const first = await t.client.responses.create({ ...common, input });
    const reasoning = first.output.find((i) => i.type === 'reasoning');
    expect(reasoning?.type === 'reasoning' && reasoning.encrypted_content).toMatch(/^bb1\./);
    expect(reasoning?.type === 'reasoning' && reasoning.summary[0]?.text).toBeTruthy();
    const call = first.output.find((i) => i.type === 'function_call');
    if (call?.type !== 'function_call') throw new Error('no call');
    input.push(...(first.output as ResponseInputItem[]));
    input.push({ type: 'function_call_output', call_id: call.call_id, output: 'warm' });
    const second = await t.client.responses.create({ ...common, input });
    expect(second.output_text).toContain('Result of get_weather: warm');
    const sent = runtimeRequests(t).at(-1)?.body as {
      messages: { content: { reasoningContent?: { reasoningText?: { signature?: string } } }[] }[];
    };
    // the assistant turn opens with the replayed, signed thinking block
    expect(sent.messages[1]?.content[0]?.reasoningContent?.reasoningText?.signature).toBeTruthy();

    // altered sealed content is refused, naming the item
    const forged = structuredClone(input);
    const item = forged[1] as { encrypted_content: string };
    item.encrypted_content = `${item.encrypted_content.slice(0, -4)}AAAA`;
    const error = (await t.client.responses
      .create({ ...common, input: forged })
      .catch((e) => e)) as APIError;
    expect(error.status).toBe(400);
    expect(error.param).toBe('input[1].encrypted_content');
  });

  it('names the Responses field at fault', async () => {
    const bad = (await t.client.responses
      .create({ model: MODEL, input: 'x', tools: [{ type: 'web_search' }] })
      .catch((e) => e)) as APIError;
    expect(bad.status).toBe(400);
    expect(bad.param).toBe('tools[0].type');
    const unknown = (await t.client.responses
      .create({ model: MODEL, input: 'x', nonsense: 1 } as never)
      .catch((e) => e)) as APIError;
    expect(unknown.param).toBe('nonsense');
  });

  it('is behind the same API key as chat, and logged like chat', async () => {
    const g = await startTestGateway({ server: { apiKey: 'sk-test' } });
    try {
      const denied = await fetch(`${g.url}/v1/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: MODEL, input: 'x' }),
      });
      expect(denied.status).toBe(401);
      expect(await fetch(`${g.url}/v1/responses/resp_x`).then((r) => r.status)).toBe(401);
      const ok = await g.client.responses.create({ model: MODEL, input: 'logged', store: false });
      expect(ok.output_text).toBe('Echo: logged');
      expect(g.logs.at(-1)).toMatchObject({
        method: 'POST',
        path: '/v1/responses',
        status: 200,
        model: MODEL,
        stream: false,
        attempts: 1,
      });
    } finally {
      await g.close();
    }
  });

  it.each<[string, object, string]>([
    ['a null item', { input: [null] }, 'input[0]'],
    [
      'a null content part',
      { input: [{ role: 'user', content: [null] }] },
      'input[0].content[0].type',
    ],
    [
      'an image without a URL',
      { input: [{ role: 'user', content: [{ type: 'input_image' }] }] },
      'input[0].content[0].image_url',
    ],
    [
      'a function call without a name',
      { input: [{ type: 'function_call', call_id: 'c' }] },
      'input[0]',
    ],
    [
      'a reasoning summary that is not a list',
      { input: [{ type: 'reasoning', id: 'r', summary: 'x' }] },
      'input[0].summary',
    ],
    ['an unknown include', { input: 'x', include: ['bogus'] }, 'include[0]'],
    ['a tool without a name', { input: 'x', tools: [{ type: 'function' }] }, 'tools[0].name'],
    ['no input at all', {}, 'input'],
  ])('%s is a 400 naming the field, never a 5xx', async (_name, fields, param) => {
    const response = await fetch(`${t.url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, ...fields }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe(param);
  });

  it('leaves out what Bedrock cannot do under the default drop policy, and says so in the header', async () => {
    const response = await fetch(`${t.url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, input: 'x', truncation: 'auto', store: false }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-bedrock-bridge-warnings')).toContain('truncation');
  });

  it('turns thinking off, with a note, when a stateless tool loop does not send its reasoning back', async () => {
    const common = {
      model: THINKING_MODEL,
      tools: [weather],
      reasoning: { effort: 'low' as const },
      store: false,
    };
    const first = await t.client.responses.create({
      ...common,
      input: 'call get_weather for Rome',
    });
    const call = first.output.find((i) => i.type === 'function_call');
    if (call?.type !== 'function_call') throw new Error('no call');
    const response = await fetch(`${t.url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...common,
        input: [
          { role: 'user', content: 'call get_weather for Rome' },
          ...first.output, // reasoning items without encrypted_content: nothing to replay
          { type: 'function_call_output', call_id: call.call_id, output: 'warm' },
        ],
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-bedrock-bridge-warnings')).toContain('thinking was turned off');
    const sent = runtimeRequests(t).at(-1)?.body as { additionalModelRequestFields?: unknown };
    expect(JSON.stringify(sent.additionalModelRequestFields ?? {})).not.toContain('thinking');
  });

  it('streams reasoning summary events, and sealed content only when include asks', async () => {
    const base = {
      model: THINKING_MODEL,
      input: 'think, then answer',
      reasoning: { effort: 'low' as const },
      store: false,
      stream: true as const,
    };
    const plain = await streamed(base);
    const summary = plain.filter((e) => e.type === 'response.reasoning_summary_text.delta');
    expect(summary.length).toBeGreaterThan(0);
    const done = plain.find(
      (e) => e.type === 'response.output_item.done' && e.item.type === 'reasoning',
    );
    expect(
      done?.type === 'response.output_item.done' &&
        done.item.type === 'reasoning' &&
        done.item.encrypted_content,
    ).toBeFalsy();
    const sealed = await streamed({ ...base, include: ['reasoning.encrypted_content'] });
    const item = sealed.find(
      (e) => e.type === 'response.output_item.done' && e.item.type === 'reasoning',
    );
    expect(
      item?.type === 'response.output_item.done' &&
        item.item.type === 'reasoning' &&
        item.item.encrypted_content,
    ).toMatch(/^bb1\./);
    const completed = sealed.at(-1);
    expect(completed?.type === 'response.completed' && completed.response.output[0]?.type).toBe(
      'reasoning',
    );
  });
});
