import {
  type BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandInput,
  ConverseStreamCommand,
  type Message,
} from '@aws-sdk/client-bedrock-runtime';
import { beforeEach, describe, expect, it } from 'vitest';
import { emulatorFixture } from './test-support/harness.js';
import { HAIKU, HANDLERS, SONNET4_US, userSays } from './test-support/sdk.js';

const tool = { toolSpec: { name: 'lookup', inputSchema: { json: { type: 'object' } } } };
const toolUse = (id: string): Message => ({
  role: 'assistant',
  content: [{ toolUse: { toolUseId: id, name: 'lookup', input: {} } }],
});
const toolResult = (...ids: string[]): Message => ({
  role: 'user',
  content: ids.map((id) => ({ toolResult: { toolUseId: id, content: [{ text: 'ok' }] } })),
});

describe.each(HANDLERS)('validation over %s', (kind) => {
  const fx = emulatorFixture();
  let client: BedrockRuntimeClient;
  beforeEach(() => {
    client = fx.client(kind, { maxAttempts: 1 });
  });

  const rejects = async (input: Partial<ConverseCommandInput>) => {
    const request = { modelId: HAIKU, messages: userSays('hi'), ...input } as ConverseCommandInput;
    const error = await client.send(new ConverseCommand(request)).then(
      () => undefined,
      (err: unknown) =>
        err as { name: string; message: string; $metadata: { httpStatusCode?: number } },
    );
    expect(error, 'the request should have been rejected').toBeDefined();
    return {
      name: error?.name,
      status: error?.$metadata.httpStatusCode,
      message: error?.message ?? '',
    };
  };

  it.each<[string, Partial<ConverseCommandInput>, RegExp]>([
    [
      'blank text',
      { messages: userSays('   ') },
      /text field in the ContentBlock object at messages\.0\.content\.0 is blank/,
    ],
    [
      'blank system text',
      { system: [{ text: ' ' }] },
      /SystemContentBlock object at system\.0 is blank/,
    ],
    [
      'first message not user',
      { messages: [{ role: 'assistant', content: [{ text: 'a' }] }] },
      /must start with a user message/,
    ],
    [
      'broken alternation',
      { messages: [...userSays('a'), ...userSays('b')] },
      /must alternate between user and assistant roles/,
    ],
    [
      'empty content',
      { messages: [{ role: 'user', content: [] }] },
      /content field in the Message object at messages\.0 is empty/,
    ],
    [
      'tool blocks without toolConfig',
      { messages: [...userSays('a'), toolUse('t1'), toolResult('t1')] },
      /toolConfig field must be defined/,
    ],
    [
      'missing toolResult',
      {
        toolConfig: { tools: [tool] },
        messages: [...userSays('a'), toolUse('t1'), ...userSays('b')],
      },
      /Expected toolResult blocks at messages\.2\.content for the following Ids: t1/,
    ],
    [
      'stray toolResult id',
      {
        toolConfig: { tools: [tool] },
        messages: [...userSays('a'), toolUse('t1'), toolResult('t2')],
      },
      /unexpected `tool_use_id` found in `tool_result` blocks: t2/,
    ],
    [
      'duplicate toolResult ids (kirodotdev/Kiro#9355)',
      {
        toolConfig: { tools: [tool] },
        messages: [...userSays('a'), toolUse('t1'), toolResult('t1', 't1')],
      },
      /^The toolResult blocks at messages\.2\.content contain duplicate Ids: t1$/,
    ],
    [
      'invalid tool name',
      { toolConfig: { tools: [{ toolSpec: { name: 'my tool', inputSchema: { json: {} } } }] } },
      /Value at 'toolConfig\.tools\.1\.member\.toolSpec\.name' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    ],
    [
      'tool name over 64 characters',
      {
        toolConfig: { tools: [{ toolSpec: { name: 'x'.repeat(65), inputSchema: { json: {} } } }] },
      },
      /length less than or equal to 64/,
    ],
    [
      'empty tool name',
      { toolConfig: { tools: [{ toolSpec: { name: '', inputSchema: { json: {} } } }] } },
      /Value at 'toolConfig\.tools\.1\.member\.toolSpec\.name' failed to satisfy constraint: Member must have length greater than or equal to 1/,
    ],
    [
      'unsupported image format',
      {
        messages: [
          {
            role: 'user',
            content: [
              { image: { format: 'bmp' as 'png', source: { bytes: new Uint8Array([1, 2]) } } },
            ],
          },
        ],
      },
      /Value at 'messages\.1\.member\.content\.1\.member\.image\.format' failed to satisfy constraint: Member must satisfy enum value set: \[gif, jpeg, png, webp\]/,
    ],
    [
      'maxTokens over the model limit',
      { inferenceConfig: { maxTokens: 4097 } },
      /^The maximum tokens you requested exceeds the model limit of 4096\. Try again with a maximum tokens value that is lower than 4096\.$/,
    ],
    [
      'maxTokens below 1',
      { inferenceConfig: { maxTokens: 0 } },
      /Member must have value greater than or equal to 1/,
    ],
    [
      'bare id of a profile-only model',
      { modelId: 'anthropic.claude-sonnet-4-20250514-v1:0' },
      /^Invocation of model ID anthropic\.claude-sonnet-4-20250514-v1:0 with on-demand throughput isn’t supported\. Retry your request with the ID or ARN of an inference profile that contains this model\.$/,
    ],
    [
      'unknown model',
      { modelId: 'anthropic.claude-9-v1:0' },
      /^The provided model identifier is invalid\.$/,
    ],
    [
      'profile of another region',
      { modelId: 'eu.anthropic.claude-3-haiku-20240307-v1:0' },
      /^The provided model identifier is invalid\.$/,
    ],
    [
      'embedding model',
      { modelId: 'cohere.embed-english-v3' },
      /doesn't support the model that you provided/,
    ],
    [
      'image to a text-only model',
      {
        modelId: 'meta.llama3-8b-instruct-v1:0',
        messages: [
          {
            role: 'user',
            content: [{ image: { format: 'png', source: { bytes: new Uint8Array([1]) } } }],
          },
        ],
      },
      /doesn't support the image content block/,
    ],
    [
      'Anthropic input over the context window',
      { messages: userSays('x'.repeat(800_010)) },
      /^prompt is too long: 200003 tokens > 200000 maximum$/,
    ],
    [
      'Anthropic input + maxTokens over the context window',
      { messages: userSays('x'.repeat(790_000)), inferenceConfig: { maxTokens: 4096 } },
      /input length and `max_tokens` exceed context limit: 197500 \+ 4096 > 200000/,
    ],
    [
      'other input over the context window',
      { modelId: 'meta.llama3-8b-instruct-v1:0', messages: userSays('x'.repeat(40_000)) },
      /^Input is too long for requested model\.$/,
    ],
    [
      'thinking budget not below maxTokens',
      {
        modelId: SONNET4_US,
        inferenceConfig: { maxTokens: 1000 },
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
      },
      /^The model returned the following errors: `max_tokens` must be greater than `thinking\.budget_tokens`/,
    ],
  ])('rejects %s with a ValidationException', async (_label, input, wording) => {
    const error = await rejects(input);
    expect(error).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(error.message).toMatch(wording);
  });

  it('also validates converse-stream before any event', async () => {
    const error = await client
      .send(new ConverseStreamCommand({ modelId: HAIKU, messages: userSays(' ') }))
      .catch((err: unknown) => err);
    expect(error).toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('accepts a valid tool round trip', async () => {
    const out = await client.send(
      new ConverseCommand({
        modelId: HAIKU,
        toolConfig: { tools: [tool] },
        messages: [...userSays('a'), toolUse('t1'), toolResult('t1')],
      }),
    );
    expect(out.stopReason).toBe('end_turn');
  });
});
