import {
  type BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandInput,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import type { HttpRequest } from '@smithy/types';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { converseBody, UnsupportedShape } from './converse-body.js';
import { converseBodyPlugin } from './converse-body-plugin.js';
import { LongStrings } from './long-strings.js';
import { captured, capturingClient } from './test-support/capturing-client.js';
import { fixSigningClock } from './test-support/fixed-signing-clock.js';

/**
 * `converseBody` (through `converseBodyPlugin`) must send what the SDK's own serializer sends:
 * the same body bytes, path, headers and so the same SigV4 signature. Each input goes through a
 * plain SDK client and one with the plugin; a handler captures the signed request.
 */

const sdk = capturingClient();
const fast = capturingClient();
fast.middlewareStack.use(converseBodyPlugin());

async function capture(
  client: BedrockRuntimeClient,
  input: ConverseCommandInput,
  stream: boolean,
): Promise<HttpRequest> {
  const command = stream ? new ConverseStreamCommand(input) : new ConverseCommand(input);
  return (await captured(client.send(command as ConverseCommand))).request;
}

function bytesOf(body: unknown): Buffer {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  const bytes = body as Uint8Array;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Sends `input` through both clients; returns both bodies after checking the requests match. */
async function both(input: ConverseCommandInput, stream = false): Promise<[Buffer, Buffer]> {
  const a = await capture(sdk, input, stream);
  const b = await capture(fast, input, stream);
  expect(b.path).toBe(a.path);
  expect(b.method).toBe(a.method);
  expect(b.headers).toEqual(a.headers);
  return [bytesOf(a.body), bytesOf(b.body)];
}

async function expectSameBody(input: ConverseCommandInput, stream = false): Promise<Buffer> {
  const [a, b] = await both(input, stream);
  expect(b.toString('utf8')).toBe(a.toString('utf8'));
  expect(b.equals(a)).toBe(true);
  return b;
}

const MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
const TRICKY =
  'quote " backslash \\ tab \t nl \n cr \r nul \u0000 del \u007f é 中 😀 lone \ud800 \udc00 sep \u2028 /';

const full: ConverseCommandInput = {
  modelId: MODEL,
  system: [{ text: 'be brief' }, { cachePoint: { type: 'default', ttl: '1h' } }],
  messages: [
    {
      role: 'user',
      content: [
        { text: TRICKY },
        { image: { format: 'png', source: { bytes: new Uint8Array([137, 80, 78, 71, 0, 255]) } } },
        {
          document: {
            format: 'txt',
            name: 'notes',
            source: { bytes: Buffer.from('hello, world') },
          },
        },
        { video: { format: 'mp4', source: { s3Location: { uri: 's3://b/v.mp4' } } } },
        { cachePoint: { type: 'default' } },
      ],
    },
    {
      role: 'assistant',
      content: [
        {
          reasoningContent: { reasoningText: { text: 'hmm', signature: 'c2ln' } },
        },
        { reasoningContent: { redactedContent: new Uint8Array([1, 2, 3, 4]) } },
        {
          toolUse: {
            toolUseId: 't1',
            name: 'search',
            input: {
              q: TRICKY,
              n: 3,
              deep: { list: [1, 'two', null, true, { x: 1.5 }] },
              none: null,
            },
          },
        },
      ],
    },
    {
      role: 'user',
      content: [
        {
          toolResult: {
            toolUseId: 't1',
            status: 'error',
            content: [{ text: 'found' }, { json: { rows: [{ a: 1 }, { b: [] }], empty: {} } }],
          },
        },
        { text: 'and now?' },
      ],
    },
  ],
  inferenceConfig: {
    maxTokens: 16,
    temperature: 0.25,
    topP: 1,
    stopSequences: ['\n\nHuman:', 'END'],
  },
  toolConfig: {
    tools: [
      {
        toolSpec: {
          name: 'search',
          description: 'Searches',
          inputSchema: {
            json: {
              type: 'object',
              properties: { q: { type: 'string', description: TRICKY }, n: { type: 'integer' } },
              required: ['q'],
              additionalProperties: false,
            },
          },
        },
      },
      { cachePoint: { type: 'default' } },
    ],
    toolChoice: { tool: { name: 'search' } },
  },
  guardrailConfig: { guardrailIdentifier: 'g1', guardrailVersion: '1', trace: 'enabled' },
  additionalModelRequestFields: {
    thinking: { type: 'enabled', budget_tokens: 1024 },
    anthropic_beta: ['a', 'b'],
    top_k: 5,
    flag: false,
    nothing: null,
  },
  additionalModelResponseFieldPaths: ['/stop_sequence', '/usage'],
  requestMetadata: { team: 'search', 'key with space': TRICKY },
  performanceConfig: { latency: 'optimized' },
  serviceTier: { type: 'priority' },
  promptVariables: { who: { text: 'world' } },
};

// One signing time for both clients, so equal signatures mean equal canonical requests.
fixSigningClock('2026-12-04T12:00:00Z');

describe('the Converse body written with one JSON.stringify', () => {
  it('is byte for byte the SDK body: every member, bytes, documents, unions, tricky text', async () => {
    const body = await expectSameBody(full);
    const parsed = JSON.parse(body.toString('utf8'));
    expect(parsed.modelId).toBeUndefined();
    expect(parsed.messages[0].content[1].image.source.bytes).toBe(
      Buffer.from([137, 80, 78, 71, 0, 255]).toString('base64'),
    );
    expect(parsed.messages[0].content[0].text).toBe(TRICKY);
  });

  it('is the same for ConverseStream, with the same path', async () => {
    await expectSameBody(full, true);
  });

  it('drops what the SDK drops: unknown members, null list items, undefined fields', async () => {
    const input = {
      modelId: MODEL,
      unknownTopLevel: 'x',
      messages: [
        { role: 'user', content: [{ text: 'a', extra: 1 }, null, { text: 'b', image: undefined }] },
        null,
      ],
      inferenceConfig: { maxTokens: 1, stopSequences: ['a', null, 'b'] },
      requestMetadata: { a: 'x', b: null, c: undefined },
      additionalModelRequestFields: { keep: null, skip: undefined, list: [1, undefined, 2] },
    } as unknown as ConverseCommandInput;
    const body = JSON.parse((await expectSameBody(input)).toString('utf8'));
    expect(body.unknownTopLevel).toBeUndefined();
    expect(body.messages).toHaveLength(1);
  });

  it('writes NaN and infinities, strings given for bytes, and an empty input as the SDK does', async () => {
    await expectSameBody({
      modelId: MODEL,
      messages: [
        {
          role: 'user',
          content: [{ image: { format: 'png', source: { bytes: 'not bytes' as never } } }],
        },
      ],
      inferenceConfig: { temperature: Number.NaN, topP: Number.POSITIVE_INFINITY },
      additionalModelRequestFields: {
        t: Number.NEGATIVE_INFINITY,
        b: new Uint8Array([9, 8]) as never,
      },
    });
    await expectSameBody({ modelId: MODEL });
  });

  it('keeps a "__proto__" key of a document, as the SDK does', async () => {
    const doc = JSON.parse('{"__proto__": {"x": 1}, "constructor": "c"}');
    const body = await expectSameBody({
      modelId: MODEL,
      messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      additionalModelRequestFields: doc,
      requestMetadata: JSON.parse('{"__proto__": "m"}'),
    });
    expect(body.toString('utf8')).toContain('"__proto__":{"x":1}');
  });

  it('a 100K-token prompt', async () => {
    const text = 'Section 1. The quarterly report covers revenue by region. '.repeat(7000);
    await expectSameBody({
      modelId: MODEL,
      messages: [{ role: 'user', content: [{ text }] }],
      inferenceConfig: { maxTokens: 16 },
    });
  });

  it('long texts and tool inputs, plain or needing escapes, as the SDK writes them', async () => {
    const long = (s: string): string => s.repeat(Math.ceil(5000 / s.length));
    await expectSameBody({
      modelId: MODEL,
      system: [{ text: long('You are terse. ') }],
      messages: [
        {
          role: 'user',
          content: [
            { text: long('Plain ASCII prompt text. ') },
            { text: long('Café, 💡 and \u2028 need no escape. ') },
            { text: long('A "quoted" line\n') },
            { text: long('A lone \ud800 surrogate. ') },
          ],
        },
        {
          role: 'assistant',
          content: [
            { toolUse: { toolUseId: 't1', name: 'f', input: { big: long('input '), n: 1 } } },
          ],
        },
      ],
    });
  });

  it('writes a body plainly, as the SDK does, when a text holds a set-aside token', async () => {
    // The nonce is per process: a token of another body, put in a prompt, makes this one ambiguous.
    const token = new LongStrings(1).take('any text');
    const input: ConverseCommandInput = {
      modelId: MODEL,
      messages: [{ role: 'user', content: [{ text: 'x'.repeat(5000) }, { text: `see ${token}` }] }],
      toolConfig: {
        tools: [{ toolSpec: { name: 'f', inputSchema: { json: { d: 'y'.repeat(5000) } } } }],
      },
    };
    const encode = vi.spyOn(LongStrings.prototype, 'encode');
    try {
      const schema = (new ConverseCommand(input) as unknown as { schema: unknown[] }).schema[4];
      const { body, bound } = converseBody(schema, input);
      expect(encode).toHaveReturnedWith(undefined);
      expect(bound).toEqual(['modelId']);
      const plain = converseBody(schema, input, { longStringUnits: Number.POSITIVE_INFINITY });
      expect(body.equals(plain.body)).toBe(true);
    } finally {
      encode.mockRestore();
    }
    await expectSameBody(input);
    await expectSameBody(input, true);
  });

  it('sets aside strings of any length with the same bytes (generated inputs)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 24 }), { minLength: 1, maxLength: 4 }),
        fc.jsonValue({ maxDepth: 3 }),
        (texts, document) => {
          const input = {
            modelId: MODEL,
            system: texts.map((text) => ({ text })),
            messages: [
              {
                role: 'user',
                content: [
                  ...texts.map((text) => ({ text })),
                  { toolResult: { toolUseId: 't', content: [{ json: document as never }] } },
                ],
              },
            ],
          } as ConverseCommandInput;
          const schema = (new ConverseCommand(input) as unknown as { schema: unknown[] }).schema[4];
          const plain = converseBody(schema, input, { longStringUnits: Number.POSITIVE_INFINITY });
          const aside = converseBody(schema, input, { longStringUnits: 1 });
          expect(aside.body.equals(plain.body)).toBe(true);
          expect(aside.bound).toEqual(plain.bound);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves what it cannot write exactly to the SDK (a date in a document)', async () => {
    const input: ConverseCommandInput = {
      modelId: MODEL,
      messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      additionalModelRequestFields: { when: new Date(0) as never },
    };
    const schema = (new ConverseCommand(input) as unknown as { schema: unknown[] }).schema[4];
    expect(() => converseBody(schema, input)).toThrow(UnsupportedShape);
    await expectSameBody(input);
  });

  it('matches the SDK for generated texts and documents', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.jsonValue({ maxDepth: 3 }),
        fc.option(fc.double(), { nil: undefined }),
        async (text, document, temperature) => {
          await expectSameBody({
            modelId: MODEL,
            messages: [
              {
                role: 'user',
                content: [
                  { text },
                  { toolResult: { toolUseId: 't', content: [{ json: document as never }] } },
                ],
              },
            ],
            ...(temperature === undefined ? {} : { inferenceConfig: { temperature } }),
            additionalModelRequestFields: { doc: document as never },
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
