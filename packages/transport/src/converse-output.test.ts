import { Readable } from 'node:stream';
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { HttpResponse } from '@smithy/core/protocols';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REVIVER_SEES_SOURCE } from './converse-output.js';
import { streamOutputPlugin } from './stream-output-plugin.js';
import { handlerClient } from './test-support/capturing-client.js';
import { userInput } from './test-support/harness.js';

/**
 * A Converse answer read by `readBodyOutput` must be the output the SDK's own deserializer
 * gives, to the byte and the key order: each body below is answered to a plain SDK client and to
 * one with the plugin (through a handler, no socket), and the outputs, or the errors, compared.
 */

function answering(withPlugin: boolean, status: number, body: string, chunked: boolean) {
  const client = handlerClient(async () => {
    const bytes = Buffer.from(body, 'utf8');
    const parts = chunked ? [bytes.subarray(0, 7), bytes.subarray(7)] : [bytes];
    return {
      response: new HttpResponse({
        statusCode: status,
        headers: {
          'content-type': 'application/json',
          'x-amzn-requestid': 'req-1',
          ...(status >= 300 ? { 'x-amzn-errortype': 'ValidationException:http://x/' } : {}),
        },
        body: Readable.from(parts.filter((p) => p.length > 0)),
      }),
    };
  });
  if (withPlugin) client.middlewareStack.use(streamOutputPlugin(client.config));
  return client;
}

async function outcome(withPlugin: boolean, status: number, body: string, chunked = false) {
  const client = answering(withPlugin, status, body, chunked);
  try {
    return { output: await client.send(new ConverseCommand(userInput('x'))) };
  } catch (err) {
    const e = err as Error & { $metadata?: unknown; $fault?: unknown };
    return { error: { name: e.name, message: e.message, metadata: e.$metadata, fault: e.$fault } };
  } finally {
    client.destroy();
  }
}

/** Every key path in order, so that key order is compared too. */
function keyPaths(value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return [path];
  return Object.keys(value).flatMap((k) =>
    keyPaths((value as Record<string, unknown>)[k], `${path}/${k}`),
  );
}

async function expectSame(status: number, body: string) {
  for (const chunked of [false, true]) {
    const want = await outcome(false, status, body, chunked);
    const got = await outcome(true, status, body, chunked);
    expect(got).toStrictEqual(want);
    expect(keyPaths(got)).toEqual(keyPaths(want));
  }
}

const usage = { inputTokens: 10, outputTokens: 3, totalTokens: 13 };
const tail = { stopReason: 'end_turn', usage, metrics: { latencyMs: 5 } };

function message(content: unknown[]): string {
  return JSON.stringify({ output: { message: { role: 'assistant', content } }, ...tail });
}

describe('Converse answers read without the SDK deserializer', () => {
  it.each([
    ['text', message([{ text: 'hello' }, { text: 'é 中 😀 "q" \\ \n' }])],
    [
      'a tool call with a document input',
      message([
        {
          toolUse: {
            toolUseId: 't1',
            name: 'search',
            input: { q: 'x', n: 1.5, big: 'BIG', deep: [null, { a: [] }], no: null },
          },
        },
      ]).replace('"BIG"', '12345678901234567890123.5e3'),
    ],
    [
      'reasoning, redacted bytes and an image',
      message([
        { reasoningContent: { reasoningText: { text: 'hmm', signature: 'c2ln' } } },
        { reasoningContent: { redactedContent: 'AQIDBA==' } },
        { image: { format: 'png', source: { bytes: 'iVBORw0=' } } },
      ]),
    ],
    [
      'numbers a double cannot hold exactly (the SDK keeps them where the runtime lets it)',
      message([{ toolUse: { toolUseId: 't1', name: 'n', input: { list: ['NUMBERS'] } } }]).replace(
        '"NUMBERS"',
        '9007199254740993, -0, 0.1000000000000000055511151231257827, 1e400, 1.5E300, 100000000000000000000, 12.50',
      ),
    ],
    ['an unknown content block', message([{ text: 'a' }, { futureBlock: { x: 1 } }])],
    [
      'unknown members, nulls and __type',
      JSON.stringify({
        __type: 'Something',
        newTopLevel: { a: 1 },
        output: { message: { role: 'assistant', content: [{ text: 'a' }], extra: 1 } },
        stopReason: 'tool_use',
        usage: { ...usage, cacheReadInputTokens: null },
        metrics: { latencyMs: 7 },
        additionalModelResponseFields: { stop_sequence: null, list: [1, 'two'] },
        performanceConfig: { latency: 'optimized' },
        trace: { promptRouter: { invokedModelId: 'm' } },
      }),
    ],
    ['an empty body', ''],
    ['an empty object', '{}'],
    ['a body that is not JSON', '{"output": {"message": '],
    ['a body that is JSON but not an object', '[1,2]'],
  ])('%s', async (_name, body) => {
    await expectSame(200, body);
  });

  it('an error answer goes through the SDK deserializer', async () => {
    await expectSame(400, JSON.stringify({ message: 'bad input' }));
  });

  it('tool inputs of any JSON shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (input) => {
        await expectSame(
          200,
          message([{ toolUse: { toolUseId: 't', name: 'n', input } }, { text: 't' }]),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('parses without the SDK reviver only where the runtime gives a reviver no source text', () => {
    let context: unknown;
    JSON.parse('12345678901234567890', (_key, value, ...rest: unknown[]) => {
      context = rest[0];
      return value;
    });
    expect(REVIVER_SEES_SOURCE).toBe(context !== undefined);
  });
});
