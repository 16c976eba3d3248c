import {
  type BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  type Tool,
} from '@aws-sdk/client-bedrock-runtime';
import { beforeEach, describe, expect, it } from 'vitest';
import { emulatorFixture } from './test-support/harness.js';
import { drain, HAIKU, HANDLERS, SONNET4_US, streamedText, userSays } from './test-support/sdk.js';

const weatherTool: Tool = {
  toolSpec: {
    name: 'get_weather',
    description: 'Weather for a city',
    inputSchema: {
      json: {
        type: 'object',
        properties: {
          city: { type: 'string' },
          days: { type: 'integer' },
          unit: { enum: ['c', 'f'] },
        },
        required: ['city', 'days', 'unit'],
      },
    },
  },
};

describe.each(HANDLERS)('runtime over %s', (kind) => {
  const fx = emulatorFixture({ deltas: 4 });
  let client: BedrockRuntimeClient;
  beforeEach(() => {
    client = fx.client(kind);
  });

  it('converse echoes the last user text with usage and metrics', async () => {
    const out = await client.send(
      new ConverseCommand({ modelId: HAIKU, messages: userSays('hello there') }),
    );
    expect(out.output?.message).toEqual({
      role: 'assistant',
      content: [{ text: 'Echo: hello there' }],
    });
    expect(out.stopReason).toBe('end_turn');
    expect(out.usage).toEqual({ inputTokens: 3, outputTokens: 5, totalTokens: 8 });
    expect(out.metrics?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(fx.emulator.requests.at(-1)).toMatchObject({
      protocol: kind,
      operation: 'converse',
      modelId: HAIKU,
      status: 200,
      attempt: 1,
    });
  });

  it('converse-stream sends the answer in N deltas, then messageStop and metadata', async () => {
    const out = await client.send(
      new ConverseStreamCommand({ modelId: SONNET4_US, messages: userSays('stream me please') }),
    );
    const { types, events, error } = await drain(out.stream);
    expect(error).toBeUndefined();
    expect(types).toEqual([
      'messageStart',
      ...Array(4).fill('contentBlockDelta'),
      'contentBlockStop',
      'messageStop',
      'metadata',
    ]);
    expect(streamedText(events)).toBe('Echo: stream me please');
    expect(events[0]?.messageStart?.role).toBe('assistant');
    expect(events.at(-2)?.messageStop?.stopReason).toBe('end_turn');
    expect(events.at(-1)?.metadata?.usage).toEqual({
      inputTokens: 4,
      outputTokens: 6,
      totalTokens: 10,
    });
  });

  it('accepts a percent-encoded inference-profile ARN as model id', async () => {
    const arn = `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${SONNET4_US}`;
    const out = await client.send(new ConverseCommand({ modelId: arn, messages: userSays('arn') }));
    expect(out.output?.message?.content?.[0]?.text).toBe('Echo: arn');
    expect(fx.emulator.requests.at(-1)?.modelId).toBe(arn);
    expect(fx.emulator.requests.at(-1)?.path).toContain('%2F');
  });

  it('calls a declared tool when asked, with arguments from the required properties', async () => {
    const out = await client.send(
      new ConverseStreamCommand({
        modelId: HAIKU,
        messages: userSays('please call get_weather'),
        toolConfig: { tools: [weatherTool] },
      }),
    );
    const { events } = await drain(out.stream);
    const start = events.find((e) => e.contentBlockStart)?.contentBlockStart;
    expect(start?.start?.toolUse?.name).toBe('get_weather');
    const input = events.map((e) => e.contentBlockDelta?.delta?.toolUse?.input ?? '').join('');
    expect(JSON.parse(input)).toEqual({ city: 'city', days: 1, unit: 'c' });
    expect(events.find((e) => e.messageStop)?.messageStop?.stopReason).toBe('tool_use');
  });

  it('answers a tool result with text mentioning it', async () => {
    const first = await client.send(
      new ConverseCommand({
        modelId: HAIKU,
        messages: userSays('weather?'),
        toolConfig: { tools: [weatherTool], toolChoice: { any: {} } },
      }),
    );
    const toolUse = first.output?.message?.content?.[0]?.toolUse;
    expect(first.stopReason).toBe('tool_use');
    expect(toolUse?.name).toBe('get_weather');
    const second = await client.send(
      new ConverseCommand({
        modelId: HAIKU,
        toolConfig: { tools: [weatherTool] },
        messages: [
          ...userSays('weather?'),
          { role: 'assistant', content: [{ toolUse: toolUse! }] },
          {
            role: 'user',
            content: [
              { toolResult: { toolUseId: toolUse!.toolUseId!, content: [{ text: '21 C' }] } },
            ],
          },
        ],
      }),
    );
    expect(second.output?.message?.content?.[0]?.text).toBe('Result of get_weather: 21 C');
    expect(second.stopReason).toBe('end_turn');
  });

  it('emits reasoning for a reasoning model when thinking is requested', async () => {
    const request = {
      modelId: SONNET4_US,
      messages: userSays('think'),
      inferenceConfig: { maxTokens: 2048 },
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
    };
    const out = await client.send(new ConverseCommand(request));
    expect(out.output?.message?.content?.[0]?.reasoningContent?.reasoningText).toEqual({
      text: 'Thinking about: think',
      signature: expect.stringMatching(/^emu-signature-/),
    });
    const stream = await client.send(new ConverseStreamCommand(request));
    const { events } = await drain(stream.stream);
    const reasoning = events.map((e) => e.contentBlockDelta?.delta?.reasoningContent?.text ?? '');
    expect(reasoning.join('')).toBe('Thinking about: think');
    expect(events.some((e) => e.contentBlockDelta?.delta?.reasoningContent?.signature)).toBe(true);
    const plain = await client.send(
      new ConverseCommand({ modelId: HAIKU, messages: userSays('x') }),
    );
    expect(plain.output?.message?.content?.some((b) => b.reasoningContent)).toBe(false);
  });

  it('honours maxTokens and stopSequences in the stop reason', async () => {
    const long = await client.send(
      new ConverseCommand({
        modelId: HAIKU,
        messages: userSays('a fairly long sentence to be cut short'),
        inferenceConfig: { maxTokens: 2 },
      }),
    );
    expect(long.stopReason).toBe('max_tokens');
    expect(long.output?.message?.content?.[0]?.text).toBe('Echo: a ');
    const stopped = await client.send(
      new ConverseCommand({
        modelId: HAIKU,
        messages: userSays('one STOP two'),
        inferenceConfig: { stopSequences: ['STOP'] },
      }),
    );
    expect(stopped.stopReason).toBe('stop_sequence');
    expect(stopped.output?.message?.content?.[0]?.text).toBe('Echo: one ');
  });

  it('serves scripted content, usage and exact event lists', async () => {
    fx.emulator.script({
      content: [{ text: 'scripted' }],
      stopReason: 'max_tokens',
      usage: { inputTokens: 7, outputTokens: 9, cacheReadInputTokens: 3 },
    });
    const out = await client.send(new ConverseCommand({ modelId: HAIKU, messages: userSays('x') }));
    expect(out.output?.message?.content).toEqual([{ text: 'scripted' }]);
    expect(out.stopReason).toBe('max_tokens');
    expect(out.usage).toEqual({
      inputTokens: 7,
      outputTokens: 9,
      totalTokens: 16,
      cacheReadInputTokens: 3,
    });

    fx.emulator.script({
      events: [
        { messageStart: { role: 'assistant' } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'exact' } } },
        { messageStop: { stopReason: 'model_context_window_exceeded' } },
      ],
    });
    const stream = await client.send(
      new ConverseStreamCommand({ modelId: HAIKU, messages: userSays('x') }),
    );
    const { types, events } = await drain(stream.stream);
    expect(types).toEqual(['messageStart', 'contentBlockDelta', 'messageStop']);
    expect(events[2]?.messageStop?.stopReason).toBe('model_context_window_exceeded');

    fx.emulator.script({
      events: [
        { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'agg' } } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'regated' } } },
        { messageStop: { stopReason: 'end_turn' } },
      ],
    });
    const aggregated = await client.send(
      new ConverseCommand({ modelId: HAIKU, messages: userSays('x') }),
    );
    expect(aggregated.output?.message?.content).toEqual([{ text: 'aggregated' }]);
  });

  it('a scripted in-stream exception reaches the iterator as the modelled error', async () => {
    fx.emulator.script({
      events: [
        { messageStart: { role: 'assistant' } },
        { modelStreamErrorException: { message: 'boom', originalStatusCode: 500 } },
      ],
    });
    const stream = await client.send(
      new ConverseStreamCommand({ modelId: HAIKU, messages: userSays('x') }),
    );
    const { types, error } = await drain(stream.stream);
    expect(types).toEqual(['messageStart']);
    expect(error).toMatchObject({ name: 'ModelStreamErrorException', message: 'boom' });
  });
});
