import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUp, emulatorWith, post, track } from './test-support/harness.js';
import { HAIKU, HANDLERS, runtimeClient, SONNET4_US, userSays } from './test-support/sdk.js';

afterEach(cleanUp);

describe('auth', () => {
  it('answers 403 MissingAuthenticationTokenException without Authorization', async () => {
    const emulator = await emulatorWith();
    const res = await post(emulator.url, `/model/${HAIKU}/converse`, {});
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe(
      'MissingAuthenticationTokenException:http://internal.amazon.com/coral/com.amazon.bedrock/',
    );
    expect(await res.json()).toEqual({ message: 'Missing Authentication Token' });
  });

  it('answers 403 UnrecognizedClientException for an unknown scheme', async () => {
    const emulator = await emulatorWith();
    const res = await post(emulator.url, `/model/${HAIKU}/converse`, {
      authorization: 'Basic Zm9v',
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toMatch(/^UnrecognizedClientException:/);
  });

  it('accepts a Bearer token from the SDK and uses options.region for it', async () => {
    const emulator = await emulatorWith({ region: 'eu-west-1' });
    const client = track(
      new BedrockRuntimeClient({
        endpoint: emulator.url,
        region: 'us-east-1',
        token: { token: 'bedrock-api-key-abc' },
        authSchemePreference: ['httpBearerAuth'],
      }),
    );
    const eu = 'eu.anthropic.claude-3-haiku-20240307-v1:0';
    const out = await client.send(new ConverseCommand({ modelId: eu, messages: userSays('key') }));
    expect(out.output?.message?.content?.[0]?.text).toBe('Echo: key');
    const error = await client
      .send(new ConverseCommand({ modelId: SONNET4_US, messages: userSays('key') }))
      .catch((err: unknown) => err);
    expect(error).toMatchObject({
      name: 'ValidationException',
      message: 'The provided model identifier is invalid.',
    });
  });

  it('takes the region from the SigV4 credential scope', async () => {
    const emulator = await emulatorWith();
    const eu = track(runtimeClient(emulator.url, 'http1', { region: 'eu-west-1', maxAttempts: 1 }));
    const ok = await eu.send(
      new ConverseCommand({
        modelId: 'eu.anthropic.claude-sonnet-4-20250514-v1:0',
        messages: userSays('x'),
      }),
    );
    expect(ok.stopReason).toBe('end_turn');
    const error = await eu
      .send(new ConverseCommand({ modelId: SONNET4_US, messages: userSays('x') }))
      .catch((err: unknown) => err);
    expect(error).toMatchObject({ name: 'ValidationException' });
  });

  it.each(HANDLERS)('denyStreamingFor refuses converse-stream only (%s)', async (kind) => {
    const emulator = await emulatorWith({ denyStreamingFor: ['AKIDEXAMPLE'] });
    const client = track(runtimeClient(emulator.url, kind, { maxAttempts: 1 }));
    const ok = await client.send(new ConverseCommand({ modelId: HAIKU, messages: userSays('x') }));
    expect(ok.stopReason).toBe('end_turn');
    const error = await client
      .send(new ConverseStreamCommand({ modelId: HAIKU, messages: userSays('x') }))
      .catch((err: unknown) => err);
    expect(error).toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });
    expect((error as Error).message).toMatch(
      /^User: arn:aws:iam::123456789012:user\/AKIDEXAMPLE is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:us-east-1::foundation-model\/anthropic\.claude-3-haiku-20240307-v1:0/,
    );
    const viaProfile = await client
      .send(new ConverseStreamCommand({ modelId: SONNET4_US, messages: userSays('x') }))
      .catch((err: unknown) => err);
    expect((viaProfile as Error).message).toContain(
      `on resource: arn:aws:bedrock:us-east-1:123456789012:inference-profile/${SONNET4_US} because`,
    );
  });
});
