import {
  type BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandInput,
  ConverseStreamCommand,
  type Message,
} from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalogue } from './catalogue.js';
import { startEmulator } from './start-emulator.js';
import { HAIKU, runtimeClient, SONNET4_US, userSays } from './test-support/sdk.js';
import type { Emulator } from './types.js';

// One row per rule: label, the source the rule (and its wording) comes from, the request, and
// what Bedrock answers. Sources: SM = the Bedrock Runtime service model
// (aws/aws-sdk-js-v3 codegen/sdk-codegen/aws-models/bedrock-runtime.json) or the enums the
// SDK 3.1164 generates from it; API = the Converse API reference page; reports = public issues
// quoting the real answer. The README's rule table lists the same sources.

const SONNET45 = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const LLAMA4 = 'us.meta.llama4-maverick-17b-instruct-v1:0';
const NOVA_LITE = 'amazon.nova-lite-v1:0';
const NO_DOCS = 'custom.no-documents-v1:0';
const tool = { toolSpec: { name: 'lookup', inputSchema: { json: { type: 'object' } } } };
const tools = { toolConfig: { tools: [tool] } };
const png = { format: 'png' as const, source: { bytes: new Uint8Array([1, 2, 3]) } };
const use = (...ids: string[]): Message => ({
  role: 'assistant',
  content: ids.map((id) => ({ toolUse: { toolUseId: id, name: 'lookup', input: {} } })),
});
const results = (...ids: string[]): Message => ({
  role: 'user',
  content: ids.map((id) => ({ toolResult: { toolUseId: id, content: [{ text: 'ok' }] } })),
});
const thinking = (budget: number) => ({
  additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: budget } },
});
const say = (text: string) => userSays(text);
type Input = Partial<ConverseCommandInput>;
const cast = <T>(v: unknown) => v as T;

const REJECTED: Array<[string, string, Input, RegExp]> = [
  // --- service-model constraints
  [
    'role outside the enum',
    'SM ConversationRole',
    { messages: [{ role: cast('tool'), content: [{ text: 'a' }] }] },
    /^1 validation error detected: Value at 'messages\.1\.member\.role' failed to satisfy constraint: Member must satisfy enum value set: \[assistant, system, user\]$/,
  ],
  [
    'null content',
    'SM Message.content @required',
    { messages: [cast({ role: 'user' })] },
    /^1 validation error detected: Value null at 'messages\.1\.member\.content' failed to satisfy constraint: Member must not be null$/,
  ],
  [
    'tool-use id outside the pattern',
    'API ToolUseBlock toolUseId [a-zA-Z0-9_.:-]+',
    { ...tools, messages: [...say('a'), use('call|1'), results('call|1')] },
    /Value at 'messages\.2\.member\.content\.1\.member\.toolUse\.toolUseId' failed to satisfy constraint: Member must satisfy regular expression pattern: \[a-zA-Z0-9_\.:-\]\+$/,
  ],
  [
    'tool-use id over 64',
    'API ToolUseBlock toolUseId length 1..64',
    { ...tools, messages: [...say('a'), use('x'.repeat(65)), results('x'.repeat(65))] },
    /toolUse\.toolUseId' failed to satisfy constraint: Member must have length less than or equal to 64$/,
  ],
  [
    'tool-use name outside the pattern',
    'API ToolUseBlock name; NousResearch/hermes-agent#90008',
    {
      ...tools,
      messages: [
        ...say('a'),
        { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'a.b', input: {} } }] },
        results('t1'),
      ],
    },
    /^1 validation error detected: Value at 'messages\.2\.member\.content\.1\.member\.toolUse\.name' failed to satisfy constraint: Member must satisfy regular expression pattern: \[a-zA-Z0-9_-\]\+$/,
  ],
  [
    'tool result status outside the enum',
    'SM ToolResultStatus',
    {
      ...tools,
      messages: [
        ...say('a'),
        use('t1'),
        {
          role: 'user',
          content: [
            { toolResult: { toolUseId: 't1', content: [{ text: 'x' }], status: cast('failed') } },
          ],
        },
      ],
    },
    /toolResult\.status' failed to satisfy constraint: Member must satisfy enum value set: \[error, success\]$/,
  ],
  [
    'empty toolConfig.tools',
    'API ToolConfiguration tools min 1; Portkey-AI/gateway#1124',
    { toolConfig: { tools: [] } },
    /^1 validation error detected: Value at 'toolConfig\.tools' failed to satisfy constraint: Member must have length greater than or equal to 1$/,
  ],
  [
    'forced tool name outside the pattern',
    'SM SpecificToolChoice.name ToolName',
    { toolConfig: { tools: [tool], toolChoice: { tool: { name: 'no such' } } } },
    /Value at 'toolConfig\.toolChoice\.tool\.name' failed to satisfy constraint: Member must satisfy regular expression pattern/,
  ],
  [
    'tool without inputSchema',
    'SM ToolSpecification.inputSchema @required',
    { toolConfig: { tools: [cast({ toolSpec: { name: 'x' } })] } },
    /Value null at 'toolConfig\.tools\.1\.member\.toolSpec\.inputSchema' failed to satisfy constraint: Member must not be null/,
  ],
  [
    'document format outside the enum',
    'SM DocumentFormat',
    {
      messages: [
        {
          role: 'user',
          content: [
            { text: 'read' },
            {
              document: { name: 'a', format: cast('rtf'), source: { bytes: new Uint8Array([1]) } },
            },
          ],
        },
      ],
    },
    /document\.format' failed to satisfy constraint: Member must satisfy enum value set: \[csv, doc, docx, html, md, pdf, txt, xls, xlsx\]$/,
  ],
  [
    'document name over 200',
    'SM DocumentBlock.name length 1..200',
    {
      messages: [
        {
          role: 'user',
          content: [
            { text: 'read' },
            {
              document: {
                name: 'n'.repeat(201),
                format: 'txt',
                source: { bytes: new Uint8Array([1]) },
              },
            },
          ],
        },
      ],
    },
    /document\.name' failed to satisfy constraint: Member must have length less than or equal to 200$/,
  ],
  [
    'empty image bytes',
    'SM ImageSource.bytes length min 1',
    {
      messages: [
        {
          role: 'user',
          content: [{ image: { format: 'png', source: { bytes: new Uint8Array([]) } } }],
        },
      ],
    },
    /image\.source\.bytes' failed to satisfy constraint: Member must have length greater than or equal to 1$/,
  ],
  [
    'temperature above 1',
    'API InferenceConfiguration temperature 0..1',
    { inferenceConfig: { temperature: 2 } },
    /^1 validation error detected: Value '2\.0' at 'inferenceConfig\.temperature' failed to satisfy constraint: Member must have value less than or equal to 1$/,
  ],
  [
    'topP below 0',
    'API InferenceConfiguration topP 0..1',
    { inferenceConfig: { topP: -0.5 } },
    /Value '-0\.5' at 'inferenceConfig\.topP' failed to satisfy constraint: Member must have value greater than or equal to 0$/,
  ],
  [
    'empty stop sequence',
    'SM NonEmptyStringList',
    { inferenceConfig: { stopSequences: [''] } },
    /Value '' at 'inferenceConfig\.stopSequences\.1\.member' failed to satisfy constraint: Member must have length greater than or equal to 1$/,
  ],
  [
    'more than 2500 stop sequences',
    'SM InferenceConfiguration.stopSequences max 2500',
    { inferenceConfig: { stopSequences: Array.from({ length: 2501 }, (_, i) => `s${i}`) } },
    /'inferenceConfig\.stopSequences' failed to satisfy constraint: Member must have length less than or equal to 2500$/,
  ],
  [
    'cache point type outside the enum',
    'API CachePointBlock type default',
    { system: [{ text: 'sys' }, { cachePoint: { type: cast('ephemeral') } }] },
    /'system\.2\.member\.cachePoint\.type' failed to satisfy constraint: Member must satisfy enum value set: \[default\]$/,
  ],
  [
    'cache point ttl outside the enum',
    'API CachePointBlock ttl 5m | 1h',
    { system: [{ text: 'sys' }, { cachePoint: { type: 'default', ttl: cast('2h') } }] },
    /'system\.2\.member\.cachePoint\.ttl' failed to satisfy constraint: Member must satisfy enum value set: \[1h, 5m\]$/,
  ],
  [
    'five cache points (Claude)',
    'Anthropic prompt-caching guide (at most 4)',
    {
      system: [
        { text: 'a' },
        { cachePoint: { type: 'default' } },
        { text: 'b' },
        { cachePoint: { type: 'default' } },
        { text: 'c' },
        { cachePoint: { type: 'default' } },
      ],
      messages: [
        {
          role: 'user',
          content: [
            { text: 'd' },
            { cachePoint: { type: 'default' } },
            { text: 'e' },
            { cachePoint: { type: 'default' } },
          ],
        },
      ],
    },
    /^The model returned the following errors: A maximum of 4 blocks with cache_control may be provided\. Found 5\.$/,
  ],
  [
    'a 1h cache point after a 5m one (Claude)',
    'Anthropic prompt-caching guide (longer TTL first)',
    {
      system: [{ text: 'a' }, { cachePoint: { type: 'default', ttl: '5m' } }],
      messages: [
        { role: 'user', content: [{ text: 'b' }, { cachePoint: { type: 'default', ttl: '1h' } }] },
      ],
    },
    /^The model returned the following errors: a cache_control block with ttl='1h' must not come after/,
  ],
  // --- pairing
  [
    'duplicate toolUse ids',
    'bvcyber/Cyber-AutoAgent-ng#72',
    { ...tools, messages: [...say('a'), use('t1', 't1'), results('t1')] },
    /^The toolUse blocks at messages\.1\.content contain duplicate Ids: t1$/,
  ],
  [
    'a toolUse id reused in a later turn (Claude)',
    'anomalyco/opencode#1279',
    { ...tools, messages: [...say('a'), use('t1'), results('t1'), use('t1'), results('t1')] },
    /^The model returned the following errors: messages\.3\.content\.0: `tool_use` ids must be unique$/,
  ],
  [
    'text before the tool results (Claude)',
    'Anthropic tool-use guide (tool_result first)',
    {
      ...tools,
      messages: [
        ...say('a'),
        use('t1'),
        {
          role: 'user',
          content: [
            { text: 'here' },
            { toolResult: { toolUseId: 't1', content: [{ text: 'ok' }] } },
          ],
        },
      ],
    },
    /^The model returned the following errors: messages\.2\.content\.1: `tool_result` blocks must come before/,
  ],
  [
    'error result with no content (Claude)',
    'Anthropic Messages API (is_error)',
    {
      ...tools,
      messages: [
        ...say('a'),
        use('t1'),
        {
          role: 'user',
          content: [{ toolResult: { toolUseId: 't1', content: [], status: 'error' } }],
        },
      ],
    },
    /^The model returned the following errors: messages\.2\.content\.0\.tool_result: content cannot be empty if `is_error` is true$/,
  ],
  [
    'blank text in a tool result (Claude)',
    'NousResearch/hermes-agent#55092',
    {
      ...tools,
      messages: [
        ...say('a'),
        use('t1'),
        { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: '' }] } }] },
      ],
    },
    /^The model returned the following errors: messages: text content blocks must be non-empty$/,
  ],
  [
    'whitespace-only text in a tool result (Claude)',
    'NousResearch/hermes-agent#61318',
    {
      ...tools,
      messages: [
        ...say('a'),
        use('t1'),
        { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: '  ' }] } }] },
      ],
    },
    /^The model returned the following errors: messages: text content blocks must contain non-whitespace text$/,
  ],
  [
    'a final assistant prefill ending in whitespace (Claude)',
    'aws/aws-sdk-net#4015, tigy32/Tycode#10',
    { messages: [...say('a'), { role: 'assistant', content: [{ text: 'Sure, ' }] }] },
    /^The model returned the following errors: messages: final assistant content cannot end with trailing whitespace$/,
  ],
  // --- model rules
  [
    'temperature and topP together on Claude 4.5',
    'BerriAI/litellm#15070',
    { modelId: SONNET45, inferenceConfig: { temperature: 0.5, topP: 0.9 } },
    /^The model returned the following errors: `temperature` and `top_p` cannot both be specified for this model\. Please use only one\.$/,
  ],
  [
    'thinking budget below 1024',
    'danny-avila/LibreChat#8346',
    { modelId: SONNET4_US, ...thinking(1000) },
    /^The model returned the following errors: thinking\.enabled\.budget_tokens: Input should be greater than or equal to 1024$/,
  ],
  [
    'thinking with a final assistant tool turn that opens with tool use',
    'DESIGN.md facts (public reports of the real message)',
    {
      modelId: SONNET4_US,
      ...thinking(2048),
      ...tools,
      messages: [...say('a'), use('t1'), results('t1')],
    },
    /^The model returned the following errors: messages\.1\.content\.0\.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`\. When `thinking` is enabled, a final `assistant` message must start with a thinking block/,
  ],
  [
    'toolChoice any on a model that takes only auto',
    'strands-agents/harness-sdk#1887',
    { modelId: LLAMA4, toolConfig: { tools: [tool], toolChoice: { any: {} } } },
    /^This model doesn't support the toolConfig\.toolChoice\.any field\. Remove toolConfig\.toolChoice\.any and try again\.$/,
  ],
  [
    'video to a model without video',
    'Bedrock supported-features table (vision)',
    {
      messages: [
        {
          role: 'user',
          content: [{ video: { format: 'mp4', source: { bytes: new Uint8Array([1]) } } }],
        },
      ],
    },
    /^This model doesn't support the video content block that you provided\./,
  ],
  [
    'a document to a model without document chat',
    'Bedrock supported-features table (document chat)',
    {
      modelId: NO_DOCS,
      messages: [
        {
          role: 'user',
          content: [
            { text: 'read' },
            { document: { name: 'a', format: 'txt', source: { bytes: new Uint8Array([1]) } } },
          ],
        },
      ],
    },
    /^This model doesn't support the document content block that you provided\./,
  ],
  [
    '21 images and documents in one request (Claude)',
    'cline/cline#1844, boto/boto3#4632',
    {
      messages: [
        { role: 'user', content: Array.from({ length: 11 }, () => ({ image: png })) },
        { role: 'assistant', content: [{ text: 'ok' }] },
        { role: 'user', content: Array.from({ length: 10 }, () => ({ image: png })) },
      ],
    },
    /^The model returned the following errors: too many images and documents: 21 \+ 0 > 20$/,
  ],
  [
    'over 200k tokens without the 1M beta',
    'Anthropic context-windows guide',
    { modelId: SONNET4_US, messages: say('x'.repeat(1_000_000)) },
    /^prompt is too long: 250000 tokens > 200000 maximum$/,
  ],
];

const ACCEPTED: Array<[string, string, Input]> = [
  [
    'tool-use ids with . and :',
    'API ToolUseBlock toolUseId [a-zA-Z0-9_.:-]+',
    { ...tools, messages: [...say('a'), use('functions.lookup:0'), results('functions.lookup:0')] },
  ],
  [
    'document names with _',
    'SM DocumentBlock.name (no pattern)',
    {
      messages: [
        {
          role: 'user',
          content: [
            { text: 'read' },
            {
              document: { name: 'my_file', format: 'txt', source: { bytes: new Uint8Array([1]) } },
            },
          ],
        },
      ],
    },
  ],
  [
    'temperature alone on Claude 4.5',
    'BerriAI/litellm#15070 (only both are refused)',
    { modelId: SONNET45, inferenceConfig: { temperature: 0.5 } },
  ],
  [
    'a thinking budget above maxTokens with interleaved thinking',
    'Anthropic extended-thinking guide (interleaved)',
    {
      modelId: SONNET4_US,
      inferenceConfig: { maxTokens: 2000 },
      additionalModelRequestFields: {
        thinking: { type: 'enabled', budget_tokens: 4096 },
        anthropic_beta: ['interleaved-thinking-2025-05-14'],
      },
    },
  ],
  [
    'a final assistant prefill without trailing whitespace (Claude)',
    'aws/aws-sdk-net#4015 (only trailing whitespace is refused)',
    { messages: [...say('a'), { role: 'assistant', content: [{ text: 'Sure,' }] }] },
  ],
  [
    'a final assistant tool turn that opens with reasoning',
    'DESIGN.md facts (the rule asks for exactly this)',
    {
      modelId: SONNET4_US,
      ...thinking(2048),
      ...tools,
      messages: [
        ...say('a'),
        {
          role: 'assistant',
          content: [
            { reasoningContent: { reasoningText: { text: 'hm', signature: 'sig' } } },
            { toolUse: { toolUseId: 't1', name: 'lookup', input: {} } },
          ],
        },
        results('t1'),
      ],
    },
  ],
  [
    '250k tokens with the 1M-context beta',
    'Anthropic context-windows guide (context-1m beta)',
    {
      modelId: SONNET4_US,
      messages: say('x'.repeat(1_000_000)),
      additionalModelRequestFields: { anthropic_beta: ['context-1m-2025-08-07'] },
    },
  ],
  [
    '20 images in one request (Claude)',
    'cline/cline#1844 (limit is > 20)',
    { messages: [{ role: 'user', content: Array.from({ length: 20 }, () => ({ image: png })) }] },
  ],
  [
    'cache points 1h then 5m',
    'Anthropic prompt-caching guide (longer TTL first)',
    {
      system: [{ text: 'a' }, { cachePoint: { type: 'default', ttl: '1h' } }],
      messages: [
        { role: 'user', content: [{ text: 'b' }, { cachePoint: { type: 'default', ttl: '5m' } }] },
      ],
    },
  ],
  [
    'video to a model that takes video',
    'Bedrock supported-features table (Nova)',
    {
      modelId: NOVA_LITE,
      messages: [
        {
          role: 'user',
          content: [
            { text: 'what' },
            { video: { format: 'mp4', source: { bytes: new Uint8Array([1]) } } },
          ],
        },
      ],
    },
  ],
];

describe('validation rules (HTTP/2, the SDK default)', () => {
  let emulator: Emulator;
  let client: BedrockRuntimeClient;
  beforeAll(async () => {
    const haiku = defaultCatalogue.models.find((m) => m.modelId === HAIKU);
    if (!haiku) throw new Error('catalogue lacks Haiku');
    const noDocs = { ...haiku, modelId: NO_DOCS, documentChat: false };
    emulator = await startEmulator({
      catalogue: { ...defaultCatalogue, models: [...defaultCatalogue.models, noDocs] },
    });
    client = runtimeClient(emulator.url, 'http2', { maxAttempts: 1 });
  });
  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });

  const send = (input: Input) =>
    client.send(
      new ConverseCommand({
        modelId: HAIKU,
        messages: say('hi'),
        ...input,
      } as ConverseCommandInput),
    );

  it.each(REJECTED)('rejects %s (source: %s)', async (_label, _source, input, wording) => {
    const error = await send(input).then(
      () => undefined,
      (err: unknown) =>
        err as { name: string; message: string; $metadata: { httpStatusCode?: number } },
    );
    expect(error, 'Bedrock rejects this request').toBeDefined();
    expect(error).toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
    expect(error?.message).toMatch(wording);
  });

  it.each(ACCEPTED)('accepts %s (source: %s)', async (_label, _source, input) => {
    const out = await send(input);
    expect(out.output?.message?.role).toBe('assistant');
  });

  it('refuses tool use on ConverseStream for a model that only takes it on Converse (earendil-works/pi#3739)', async () => {
    const input = { modelId: LLAMA4, messages: say('hi'), ...tools } as ConverseCommandInput;
    const error = await client.send(new ConverseStreamCommand(input)).catch((err: unknown) => err);
    expect(error).toMatchObject({
      name: 'ValidationException',
      message: "This model doesn't support tool use in streaming mode.",
    });
    const out = await client.send(new ConverseCommand(input));
    expect(out.output?.message?.role).toBe('assistant');
  });
});
