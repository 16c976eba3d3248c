import {
  type BedrockRuntimeClient,
  type BedrockRuntimeClientConfig,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { keepInPipelines } from './build-client.js';
import { converseBodyPlugin } from './converse-body-plugin.js';
import { endpointFromConfigOnly } from './kept-endpoint.js';
import { ResolvedPipelines } from './resolved-pipeline.js';
import { bodyText, captured, capturingClient } from './test-support/capturing-client.js';
import { fixSigningClock } from './test-support/fixed-signing-clock.js';
import { userInput } from './test-support/harness.js';

/**
 * The endpoint kept in the pipelines must give every call the request a plain SDK client sends
 * (host, path, headers with the user agent's features, signature), for a custom endpoint and for
 * the regional ones (FIPS, dual-stack), and the SDK's endpoint resolution must run once.
 */

/** A capturing client that counts the SDK's endpoint resolutions. */
function counted(config: BedrockRuntimeClientConfig): {
  client: BedrockRuntimeClient;
  resolutions: () => number;
} {
  const client = capturingClient({ config });
  const resolved = client.config as unknown as { endpointProvider: (...a: unknown[]) => unknown };
  const provider = resolved.endpointProvider;
  let count = 0;
  resolved.endpointProvider = (...args: unknown[]) => {
    count += 1;
    return provider(...args);
  };
  return { client, resolutions: () => count };
}

/** No custom endpoint: the SDK's regional one (the capturing client sets a custom one). */
const REGIONAL = { endpoint: undefined } as unknown as BedrockRuntimeClientConfig;

const CONFIGS: Array<[string, BedrockRuntimeClientConfig]> = [
  ['a custom endpoint', {}],
  [
    'the regional endpoint',
    {
      ...REGIONAL,
      region: 'eu-west-3',
    },
  ],
  [
    'the FIPS endpoint',
    {
      ...REGIONAL,
      region: 'us-west-2',
      useFipsEndpoint: true,
    },
  ],
  [
    'the dual-stack endpoint',
    {
      ...REGIONAL,
      useDualstackEndpoint: true,
    },
  ],
];

// One signing time for every client, so their signatures can be compared.
fixSigningClock();

describe('the endpoint kept in the pipelines', () => {
  it.each(CONFIGS)('sends what a plain SDK client sends, for %s', async (_name, config) => {
    const plain = counted(config);
    const fast = counted(config);
    fast.client.middlewareStack.use(converseBodyPlugin());
    const pipelines = new ResolvedPipelines(fast.client, keepInPipelines(fast.client.config));
    for (const words of ['one', 'two', 'three']) {
      for (const Command of [ConverseCommand, ConverseStreamCommand]) {
        const want = await captured(
          plain.client.send(new Command(userInput(words)) as ConverseCommand),
        );
        const got = await captured(pipelines.send(new Command(userInput(words)), {}));
        expect(`${got.request.protocol}//${got.request.hostname}:${got.request.port}`).toBe(
          `${want.request.protocol}//${want.request.hostname}:${want.request.port}`,
        );
        expect(got.request.path).toBe(want.request.path);
        expect(got.request.headers).toEqual(want.request.headers);
        expect(bodyText(got.request.body)).toBe(bodyText(want.request.body));
      }
    }
    // The plain client resolves its endpoint on every call; the kept one once per command class.
    expect(plain.resolutions()).toBe(6);
    expect(fast.resolutions()).toBe(2);
  });

  it('is kept only for commands whose endpoint depends on the client config alone', () => {
    expect(endpointFromConfigOnly(ConverseCommand)).toBe(true);
    expect(endpointFromConfigOnly(ConverseStreamCommand)).toBe(true);
    const withInput = {
      getEndpointParameterInstructions: () => ({
        Region: { type: 'builtInParams', name: 'region' },
        Bucket: { type: 'contextParams', name: 'Bucket' },
      }),
    };
    const withAccount = {
      getEndpointParameterInstructions: () => ({
        AccountId: { type: 'builtInParams', name: 'accountId' },
      }),
    };
    expect(endpointFromConfigOnly(withInput)).toBe(false);
    expect(endpointFromConfigOnly(withAccount)).toBe(false);
    expect(endpointFromConfigOnly({})).toBe(false);
  });
});
