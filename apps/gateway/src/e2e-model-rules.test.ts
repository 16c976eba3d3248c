import OpenAI, { type APIError } from 'openai';
import type {
  ChatCompletionContentPartText,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  runtimeRequests,
  startTestGateway,
  type TestGateway,
} from './test-support/start-gateway.js';

/*
 * Model capability facts applied end to end (openai client -> gateway -> emulator): what
 * reaches Bedrock, what is refused with a 400 naming the field, and what is reported in the
 * x-bedrock-bridge-warnings header and the log line when something is not sent as asked.
 */

const HAIKU_3 = 'anthropic.claude-3-haiku-20240307-v1:0'; // no native structured output, no caching
const SONNET_4 = 'us.anthropic.claude-sonnet-4-20250514-v1:0'; // thinking; temperature dropped while reasoning
const SONNET_4_5 = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'; // temperature xor top_p; native JSON; 1h cache
const SONNET_3_7 = 'us.anthropic.claude-3-7-sonnet-20250219-v1:0'; // 5m cache only
const OPUS_4_1 = 'us.anthropic.claude-opus-4-1-20250805-v1:0'; // 32,000 output tokens at most
const LLAMA_3_1 = 'meta.llama3-1-70b-instruct-v1:0'; // tools, but no forced tool choice
const LLAMA_3 = 'meta.llama3-70b-instruct-v1:0'; // no tool use at all

let t: TestGateway;
/** A client that asks for the strict policy (a 400 naming the field) with the request header. */
let strict: OpenAI;
beforeAll(async () => {
  t = await startTestGateway();
  strict = new OpenAI({
    baseURL: `${t.url}/v1`,
    apiKey: 'unused',
    maxRetries: 0,
    defaultHeaders: { 'x-bedrock-bridge-params': 'strict' },
  });
});
afterAll(async () => {
  await t.close();
});

const weather: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const citySchema = {
  type: 'json_schema' as const,
  json_schema: {
    name: 'city',
    schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
  },
};

/** A text part with a cache marker (an extension the openai types do not know). */
function cachedText(ttl?: '5m' | '1h'): ChatCompletionContentPartText {
  const cache_control = ttl === undefined ? { type: 'ephemeral' } : { type: 'ephemeral', ttl };
  const part = { type: 'text', text: 'long prefix', cache_control };
  return part as ChatCompletionContentPartText;
}

function ask(model: string, extra: Partial<ChatCompletionCreateParamsNonStreaming> = {}) {
  return { model, messages: [{ role: 'user' as const, content: 'Paris?' }], ...extra };
}

async function apiError(promise: Promise<unknown>): Promise<APIError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof OpenAI.APIError))
    throw new Error(`expected an APIError, got ${String(error)}`);
  return error;
}

/** Asserts a 400 naming `param`, and that nothing was sent to the emulator. */
async function refused(request: Promise<unknown>, param: string): Promise<APIError> {
  const before = runtimeRequests(t).length;
  const error = await apiError(request);
  expect(error.status).toBe(400);
  expect(error.param).toBe(param);
  expect(runtimeRequests(t).length).toBe(before);
  return error;
}

/** The body the emulator received last. */
function lastSent(): Record<string, unknown> {
  return runtimeRequests(t).at(-1)?.body as Record<string, unknown>;
}

describe('x-bedrock-bridge-warnings: what was not sent as asked is reported', () => {
  it('names a dropped field on a whole answer, and in the log line without prompt text', async () => {
    const { data, response } = await t.client.chat.completions
      .create(ask(LLAMA_3, { tools: [weather] }))
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('Echo: Paris?');
    expect(response.headers.get('x-bedrock-bridge-warnings')).toBe('dropped: tools');
    expect(lastSent().toolConfig).toBeUndefined();
    const id = response.headers.get('x-request-id');
    await expect.poll(() => t.logs.find((l) => l.id === id), { timeout: 10_000 }).toBeDefined();
    const line = t.logs.find((l) => l.id === id);
    expect(line?.dropped).toEqual(['tools']);
    expect(JSON.stringify(line)).not.toContain('Paris');
  });

  it('names it on a streamed answer too', async () => {
    const { data: stream, response } = await t.client.chat.completions
      .create({ ...ask(LLAMA_3, { tools: [weather] }), stream: true })
      .withResponse();
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Echo: Paris?');
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('x-bedrock-bridge-warnings')).toBe('dropped: tools');
  });

  it('is absent when everything was sent as asked', async () => {
    const { response } = await t.client.chat.completions
      .create(ask(HAIKU_3, { temperature: 0.3 }))
      .withResponse();
    expect(response.headers.get('x-bedrock-bridge-warnings')).toBeNull();
    expect(lastSent().inferenceConfig).toEqual({ temperature: 0.3 });
  });

  it('reports cache markers on a model without prompt caching', async () => {
    const { response } = await t.client.chat.completions
      .create({ model: HAIKU_3, messages: [{ role: 'user', content: [cachedText()] }] })
      .withResponse();
    expect(response.headers.get('x-bedrock-bridge-warnings')).toContain(
      'messages[0].content[0].cache_control',
    );
    expect(response.headers.get('x-bedrock-bridge-warnings')).toContain('no prompt caching');
  });
});

describe('temperature range (maxTemperature)', () => {
  it('temperature 1.5 is clamped to 1 by default, and the header says so', async () => {
    const { response } = await t.client.chat.completions
      .create(ask(HAIKU_3, { temperature: 1.5 }))
      .withResponse();
    expect(lastSent().inferenceConfig).toEqual({ temperature: 1 });
    expect(response.headers.get('x-bedrock-bridge-warnings')).toMatch(
      /^temperature: 1\.5 clamped to 1/,
    );
  });

  it('temperature 1.5 gets a 400 naming temperature and the range under strict', async () => {
    const error = await refused(
      strict.chat.completions.create(ask(HAIKU_3, { temperature: 1.5 })),
      'temperature',
    );
    expect(error.message).toContain('temperature');
    expect(error.message).toMatch(/0\s*(\.\.|to|-)\s*1/);
  });

  it('temperature 1 is sent', async () => {
    await t.client.chat.completions.create(ask(HAIKU_3, { temperature: 1 }));
    expect(lastSent().inferenceConfig).toEqual({ temperature: 1 });
  });
});

describe('output limit (maxOutputTokens)', () => {
  it('max_tokens above the model limit is lowered to it by default, and the header says so', async () => {
    const { response } = await t.client.chat.completions
      .create(ask(HAIKU_3, { max_tokens: 4_097 }))
      .withResponse();
    expect(lastSent().inferenceConfig).toEqual({ maxTokens: 4_096 });
    expect(response.headers.get('x-bedrock-bridge-warnings')).toContain(
      'max_tokens: 4097 lowered to 4096',
    );
  });

  it('max_tokens above the model limit gets a 400 naming the field and the limit under strict', async () => {
    const error = await refused(
      strict.chat.completions.create(ask(HAIKU_3, { max_tokens: 4_097 })),
      'max_tokens',
    );
    expect(error.code).toBe('max_tokens_out_of_range');
    expect(error.message).toContain('4096');
  });

  it('the limit itself is sent', async () => {
    await t.client.chat.completions.create(ask(HAIKU_3, { max_tokens: 4_096 }));
    expect(lastSent().inferenceConfig).toEqual({ maxTokens: 4_096 });
  });

  it('a thinking budget above the limit is fitted under it, and the header says so', async () => {
    // Claude Opus 4.1 writes at most 32,000 tokens; "xhigh" asks for a 32,768-token budget.
    const effort = 'xhigh' as NonNullable<
      ChatCompletionCreateParamsNonStreaming['reasoning_effort']
    >;
    const { response } = await t.client.chat.completions
      .create(ask(OPUS_4_1, { reasoning_effort: effort }))
      .withResponse();
    expect(response.status).toBe(200);
    expect(lastSent()).toMatchObject({
      inferenceConfig: { maxTokens: 32_000 },
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 27_904 } },
    });
    expect(response.headers.get('x-bedrock-bridge-warnings')).toContain(
      'thinking budget lowered from 32768 to 27904',
    );
  });
});

describe('sampling parameters a reasoning model rejects (rejectedWithReasoning)', () => {
  it('drops temperature while reasoning, and says so', async () => {
    const { data, response } = await t.client.chat.completions
      .create(ask(SONNET_4, { reasoning_effort: 'low', temperature: 0.5, max_tokens: 4000 }))
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('Echo: Paris?');
    expect(response.headers.get('x-bedrock-bridge-warnings')).toBe('dropped: temperature');
    const sent = lastSent();
    expect(sent.inferenceConfig).toEqual({ maxTokens: 4000 });
    expect(sent.additionalModelRequestFields).toMatchObject({ thinking: { type: 'enabled' } });
  });

  it('keeps temperature when the request does not ask for reasoning', async () => {
    const { response } = await t.client.chat.completions
      .create(ask(SONNET_4, { temperature: 0.5 }))
      .withResponse();
    expect(response.headers.get('x-bedrock-bridge-warnings')).toBeNull();
    expect(lastSent().inferenceConfig).toEqual({ temperature: 0.5 });
  });
});

describe('exclusive sampling parameters (exclusiveParams)', () => {
  it('a Claude Sonnet 4.5 profile with temperature and top_p: top_p dropped by default', async () => {
    const { response } = await t.client.chat.completions
      .create(ask(SONNET_4_5, { temperature: 0.5, top_p: 0.9 }))
      .withResponse();
    expect(lastSent().inferenceConfig).toEqual({ temperature: 0.5 });
    expect(response.headers.get('x-bedrock-bridge-warnings')).toBe('dropped: top_p');
  });

  it('a Claude Sonnet 4.5 profile with temperature and top_p gets a 400 naming both under strict', async () => {
    const error = await refused(
      strict.chat.completions.create(ask(SONNET_4_5, { temperature: 0.5, top_p: 0.9 })),
      'top_p',
    );
    expect(error.code).toBe('unsupported_parameter');
    expect(error.message).toContain("'temperature'");
    expect(error.message).toContain("'top_p'");
  });

  it('one of them alone is sent', async () => {
    await t.client.chat.completions.create(ask(SONNET_4_5, { top_p: 0.9 }));
    expect(lastSent().inferenceConfig).toEqual({ topP: 0.9 });
  });

  it('the same pair is fine on a model without the rule', async () => {
    await t.client.chat.completions.create(ask(SONNET_4, { temperature: 0.5, top_p: 0.9 }));
    expect(lastSent().inferenceConfig).toEqual({ temperature: 0.5, topP: 0.9 });
  });
});

describe('structured output (nativeStructuredOutput, forcedToolChoice)', () => {
  it('goes to outputConfig for a native model', async () => {
    await t.client.chat.completions.create(ask(SONNET_4_5, { response_format: citySchema }));
    const sent = lastSent();
    expect(sent.toolConfig).toBeUndefined();
    expect(sent.outputConfig).toMatchObject({ textFormat: { type: 'json_schema' } });
  });

  it('goes to a forced tool otherwise, answered as JSON text', async () => {
    const answer = await t.client.chat.completions.create(
      ask(HAIKU_3, { response_format: citySchema }),
    );
    const sent = lastSent();
    expect(sent.outputConfig).toBeUndefined();
    expect(sent.toolConfig).toMatchObject({ toolChoice: { tool: { name: 'structured_output' } } });
    expect(answer.choices[0]?.message.tool_calls).toBeUndefined();
    expect(JSON.parse(answer.choices[0]?.message.content ?? '')).toHaveProperty('name');
  });

  it('is dropped and named on a model that has neither, by default', async () => {
    const { response } = await t.client.chat.completions
      .create(ask(LLAMA_3_1, { response_format: citySchema }))
      .withResponse();
    expect(lastSent().toolConfig).toBeUndefined();
    expect(response.headers.get('x-bedrock-bridge-warnings')).toBe('dropped: response_format');
  });

  it('is refused with a 400 naming response_format on a model that has neither under strict', async () => {
    const error = await refused(
      strict.chat.completions.create(ask(LLAMA_3_1, { response_format: citySchema })),
      'response_format',
    );
    expect(error.message).toContain('structured output');
  });
});

describe('forced tool choice (forcedToolChoice)', () => {
  it.each([
    ['required', 'required' as const],
    ['a named tool', { type: 'function' as const, function: { name: 'get_weather' } }],
  ])(
    '%s on a model without it is sent as auto by default, with a warning',
    async (_name, toolChoice) => {
      const { response } = await t.client.chat.completions
        .create(ask(LLAMA_3_1, { tools: [weather], tool_choice: toolChoice }))
        .withResponse();
      expect(lastSent().toolConfig).not.toHaveProperty('toolChoice');
      expect(response.headers.get('x-bedrock-bridge-warnings')).toMatch(
        /^tool_choice: sent as "auto"/,
      );
    },
  );

  it.each([
    ['required', 'required' as const],
    ['a named tool', { type: 'function' as const, function: { name: 'get_weather' } }],
  ])(
    '%s on a model without it gets a 400 naming tool_choice under strict',
    async (_name, toolChoice) => {
      const error = await refused(
        strict.chat.completions.create(
          ask(LLAMA_3_1, { tools: [weather], tool_choice: toolChoice }),
        ),
        'tool_choice',
      );
      expect(error.message).toContain('auto');
    },
  );

  it('auto still offers the tools to that model', async () => {
    const answer = await t.client.chat.completions.create({
      model: LLAMA_3_1,
      messages: [{ role: 'user', content: 'Please call get_weather for Paris.' }],
      tools: [weather],
      tool_choice: 'auto',
    });
    const call = answer.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(lastSent().toolConfig).not.toHaveProperty('toolChoice');
  });

  it('required is sent as toolChoice any to a model that supports it', async () => {
    await t.client.chat.completions.create(
      ask(HAIKU_3, { tools: [weather], tool_choice: 'required' }),
    );
    expect(lastSent().toolConfig).toMatchObject({ toolChoice: { any: {} } });
  });
});

describe('prompt-cache TTLs (promptCaching.ttls)', () => {
  function cached(model: string, ttl: '5m' | '1h'): ChatCompletionCreateParamsNonStreaming {
    return { model, messages: [{ role: 'user', content: [cachedText(ttl)] }] };
  }

  it('a TTL the model does not list is left out by default, with a warning', async () => {
    const { response } = await t.client.chat.completions
      .create(cached(SONNET_3_7, '1h'))
      .withResponse();
    const messages = lastSent().messages as { content: unknown[] }[];
    expect(messages[0]?.content).toContainEqual({ cachePoint: { type: 'default' } });
    expect(response.headers.get('x-bedrock-bridge-warnings')).toContain(
      'messages[0].content[0].cache_control.ttl: left out',
    );
  });

  it('a TTL the model does not list gets a 400 naming the field under strict', async () => {
    const error = await refused(
      strict.chat.completions.create(cached(SONNET_3_7, '1h')),
      'messages[0].content[0].cache_control.ttl',
    );
    expect(error.message).toContain('1h');
    expect(error.message).toContain('5m');
  });

  it('a listed TTL reaches Bedrock', async () => {
    await t.client.chat.completions.create(cached(SONNET_4_5, '1h'));
    const messages = lastSent().messages as { content: unknown[] }[];
    expect(messages[0]?.content).toContainEqual({ cachePoint: { type: 'default', ttl: '1h' } });
  });
});
