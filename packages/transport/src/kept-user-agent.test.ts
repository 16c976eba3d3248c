import { createRequire } from 'node:module';
import {
  type BedrockRuntimeClientConfig,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { keepInPipelines } from './build-client.js';
import { converseBodyPlugin } from './converse-body-plugin.js';
import { keepUserAgent, type UserAgentConfig } from './kept-user-agent.js';
import { type AnyMiddleware, ResolvedPipelines } from './resolved-pipeline.js';
import { captured, capturingClient } from './test-support/capturing-client.js';
import { fixSigningClock } from './test-support/fixed-signing-clock.js';
import { TEST_CREDENTIALS, userInput } from './test-support/harness.js';

/**
 * The user agent kept in the pipelines must give every call the headers a plain SDK client sends
 * (user agent, x-amz-user-agent, and so the signature), for every kind of input, and a changed
 * input (environment, credentials' sources, custom user agent, app id, global prefix) must never
 * reuse header values made from another.
 */

/** The very `@aws-sdk/core` the Bedrock client uses (its global user agent prefix). */
const core = createRequire(
  createRequire(import.meta.url).resolve('@aws-sdk/client-bedrock-runtime'),
)('@aws-sdk/core/client') as {
  setPartitionInfo(info: unknown, prefix?: string): void;
  partition(region: string): unknown;
  useDefaultPartitionInfo(): void;
  userAgentMiddleware(config: unknown): AnyMiddleware;
};

fixSigningClock();

const savedEnv = process.env.AWS_EXECUTION_ENV;
afterEach(() => {
  if (savedEnv === undefined) delete process.env.AWS_EXECUTION_ENV;
  else process.env.AWS_EXECUTION_ENV = savedEnv;
  core.useDefaultPartitionInfo();
});

/** A plain client and a kept pipeline with the same config. */
function pair(config: () => BedrockRuntimeClientConfig = () => ({})) {
  const plain = capturingClient({ config: config() });
  const fast = capturingClient({ config: config() });
  fast.middlewareStack.use(converseBodyPlugin());
  const pipelines = new ResolvedPipelines(fast, keepInPipelines(fast.config));
  return {
    async expectSame(words: string): Promise<Record<string, string>> {
      let last: Record<string, string> = {};
      for (const Command of [ConverseCommand, ConverseStreamCommand]) {
        const want = await captured(plain.send(new Command(userInput(words)) as ConverseCommand));
        const got = await captured(pipelines.send(new Command(userInput(words)), {}));
        expect(got.request.headers).toEqual(want.request.headers);
        last = got.request.headers;
      }
      return last;
    },
  };
}

/** Credentials whose sources (reported as user agent features) change on every call. */
function rotatingSources(): NonNullable<BedrockRuntimeClientConfig['credentials']> {
  let n = 0;
  return async () => {
    n += 1;
    return {
      ...TEST_CREDENTIALS,
      // Within the SDK's refresh window: asked again on every call.
      expiration: new Date(Date.now() + 1_000),
      ...(n % 3 === 0 ? { accountId: '123456789012' } : {}),
      $source:
        n % 2 === 0
          ? { CREDENTIALS_CODE: 'e' }
          : { CREDENTIALS_ENV_VARS: 'g', CREDENTIALS_PROFILE: 'n' },
    } as never;
  };
}

/** Configs, each made anew for each client (the credentials count their calls). */
const CONFIGS: Array<[string, () => BedrockRuntimeClientConfig]> = [
  ['the defaults', () => ({})],
  ['a custom user agent string', () => ({ customUserAgent: 'my app/1.0 (x; y)' })],
  [
    'custom user agent pairs that need escapes',
    () => ({
      customUserAgent: [['lib/name é', '1.2 beta#3'], ['api/Thing', 'V2'], ['plain']],
    }),
  ],
  ['an app id', () => ({ userAgentAppId: 'my-app id' })],
  ['credentials with sources and an account id', () => ({ credentials: rotatingSources() })],
  ['adaptive retries', () => ({ retryMode: 'adaptive' })],
];

describe('the user agent kept in the pipelines', () => {
  it.each(CONFIGS)('sends what a plain SDK client sends, for %s', async (_name, config) => {
    const calls = pair(config);
    for (const words of ['one', 'two', 'three', 'four']) await calls.expectSame(words);
  });

  it('never reuses values once the environment or the global prefix changes', async () => {
    const calls = pair();
    const seen = new Set<string>();
    const record = (headers: Record<string, string>) =>
      seen.add(`${headers['user-agent']}|${headers['x-amz-user-agent']}`);
    // One input changed at a time, each compared with a plain client's headers.
    record(await calls.expectSame('a'));
    process.env.AWS_EXECUTION_ENV = 'AWS_Lambda_nodejs20.x';
    record(await calls.expectSame('b'));
    core.setPartitionInfo({ partitions: [] }, 'some-prefix/1.0');
    record(await calls.expectSame('c'));
    core.useDefaultPartitionInfo();
    record(await calls.expectSame('d'));
    delete process.env.AWS_EXECUTION_ENV;
    record(await calls.expectSame('e'));
    // Each change gave different headers (so a kept value of other inputs would have shown).
    expect(seen.size).toBe(3);
  });

  it('leaves inputs of an unexpected type to the SDK middleware, and the rest to itself', async () => {
    const client = capturingClient({ config: { customUserAgent: 'x' } });
    const config = client.config as unknown as UserAgentConfig;
    let sdkCalls = 0;
    const real = core.userAgentMiddleware(config);
    const counting: AnyMiddleware = (next, context) => {
      sdkCalls += 1;
      return real(next, context);
    };
    const kept = keepUserAgent(counting, config);
    const { HttpRequest } = createRequire(import.meta.url)('@smithy/core/protocols') as {
      HttpRequest: new (o: object) => { headers: Record<string, string> };
    };
    const headersOf = async (features: Record<string, unknown>) => {
      let seen: Record<string, string> = {};
      await kept(
        async (args) => {
          seen = (args as unknown as { request: { headers: Record<string, string> } }).request
            .headers;
          return { output: {}, response: {} } as never;
        },
        { __aws_sdk_context: { features } } as never,
      )({ input: {}, request: new HttpRequest({ headers: {} }) } as never);
      return seen;
    };
    const usual = await headersOf({ A: 'a' });
    expect(sdkCalls).toBe(0);
    expect(usual['user-agent']).toMatch(/ m\/a(,|\s|$)/);
    // A feature that is not a string: the SDK's encoding stops there; its middleware writes it.
    const odd = await headersOf({ A: 'a', B: 5 });
    expect(sdkCalls).toBe(1);
    expect(odd['user-agent']).toMatch(/ m\/a(\s|$)/);
  });
});
