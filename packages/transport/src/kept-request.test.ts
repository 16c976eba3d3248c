import {
  type BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandInput,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { converseBodyPlugin } from './converse-body-plugin.js';
import { keptRequestPlugin } from './kept-request.js';
import { bodyText, captured, capturingClient } from './test-support/capturing-client.js';
import { fixSigningClock } from './test-support/fixed-signing-clock.js';
import { userInput } from './test-support/harness.js';

/**
 * A kept request must be the request the SDK's serializer builds: every call through a client
 * with `converseBodyPlugin` and `keptRequestPlugin` sends what a plain SDK client sends (method,
 * host, path with the model id escaped, headers, signature, body), for several model ids and both
 * commands, while the SDK's serializer runs once per model id and command.
 */

const MODELS = [
  'anthropic.claude-3-haiku-20240307-v1:0',
  'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet',
  'model with spaces/and?query#hash',
];

function input(modelId: string, words: string): ConverseCommandInput {
  return { ...userInput(words, modelId), inferenceConfig: { maxTokens: 8 } };
}

function fast(): { client: BedrockRuntimeClient; serialized: () => number } {
  const client = capturingClient();
  const protocol = (client.config as unknown as { protocol: { serializeRequest: unknown } })
    .protocol;
  const spy = vi.spyOn(protocol as { serializeRequest: () => unknown }, 'serializeRequest');
  client.middlewareStack.use(converseBodyPlugin());
  client.middlewareStack.use(keptRequestPlugin(client.config));
  return { client, serialized: () => spy.mock.calls.length };
}

// One signing time for every client, so their signatures can be compared.
fixSigningClock();

afterAll(() => {
  vi.restoreAllMocks();
});

describe('keptRequestPlugin', () => {
  it('sends what a plain SDK client sends, call after call, serializing once per model', async () => {
    const plain = capturingClient();
    const kept = fast();
    for (let round = 0; round < 3; round++) {
      for (const modelId of MODELS) {
        for (const Command of [ConverseCommand, ConverseStreamCommand]) {
          const call = input(modelId, `round ${round}`);
          const want = await captured(plain.send(new Command(call) as ConverseCommand));
          const got = await captured(kept.client.send(new Command(call) as ConverseCommand));
          expect(got.request.method).toBe(want.request.method);
          expect(`${got.request.protocol}//${got.request.hostname}:${got.request.port}`).toBe(
            `${want.request.protocol}//${want.request.hostname}:${want.request.port}`,
          );
          expect(got.request.path).toBe(want.request.path);
          expect(got.request.query).toEqual(want.request.query);
          expect(got.request.headers).toEqual(want.request.headers);
          expect(bodyText(got.request.body)).toBe(bodyText(want.request.body));
        }
      }
    }
    expect(kept.serialized()).toBe(MODELS.length * 2);
  });

  it('an input the body writer leaves whole goes through the SDK serializer every time', async () => {
    const plain = capturingClient();
    const kept = fast();
    // A date in a document: the body writer leaves such an input to the SDK's serializer.
    const call = {
      ...input(MODELS[0] ?? '', 'x'),
      additionalModelRequestFields: { when: new Date(0) as never },
    };
    for (let i = 0; i < 2; i++) {
      const want = await captured(plain.send(new ConverseCommand(call)));
      const got = await captured(kept.client.send(new ConverseCommand(call)));
      expect(got.request.headers).toEqual(want.request.headers);
      expect(bodyText(got.request.body)).toBe(bodyText(want.request.body));
    }
    expect(kept.serialized()).toBe(2);
  });
});
