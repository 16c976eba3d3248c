import {
  type BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it, vi } from 'vitest';
import { keepSigners } from './kept-signer.js';
import { captured, capturingClient } from './test-support/capturing-client.js';
import { fixSigningClock } from './test-support/fixed-signing-clock.js';
import { userInput } from './test-support/harness.js';

/**
 * `keepSigners` keeps the SDK's own SigV4 signer per auth scheme: the signed requests must stay
 * those of a plain SDK client, credentials still come from the client's provider on every call
 * (expiring ones refreshed), and the SDK's factory runs once per auth scheme.
 */

/** Credentials that expire at once: the SDK asks the provider again on every call. */
function rotatingCredentials() {
  let n = 0;
  return async () => {
    n += 1;
    return {
      accessKeyId: `AKIDROTATING${n}`,
      secretAccessKey: `secret-${n}`,
      sessionToken: `token-${n}`,
      expiration: new Date(Date.now() + 1000),
    };
  };
}

function kept(client: BedrockRuntimeClient): BedrockRuntimeClient {
  keepSigners(client.config as { signer?: unknown });
  return client;
}

// One signing time for every client, so their signatures can be compared.
fixSigningClock();

describe('keepSigners', () => {
  it('signs every call as a plain SDK client does', async () => {
    const plain = capturingClient();
    const fast = kept(capturingClient());
    for (const words of ['one', 'two', 'three']) {
      for (const Command of [ConverseCommand, ConverseStreamCommand]) {
        const want = await captured(plain.send(new Command(userInput(words)) as ConverseCommand));
        const got = await captured(fast.send(new Command(userInput(words)) as ConverseCommand));
        expect(got.request.headers).toEqual(want.request.headers);
        expect(got.request.headers.authorization).toContain('/us-east-1/bedrock/aws4_request');
      }
    }
  });

  it('still takes each call its credentials from the provider (refreshed when expiring)', async () => {
    const plain = capturingClient({ config: { credentials: rotatingCredentials() } });
    const fast = kept(capturingClient({ config: { credentials: rotatingCredentials() } }));
    const keys: string[] = [];
    for (let i = 0; i < 3; i++) {
      const want = await captured(plain.send(new ConverseCommand(userInput('hi'))));
      const got = await captured(fast.send(new ConverseCommand(userInput('hi'))));
      expect(got.request.headers).toEqual(want.request.headers);
      keys.push(
        /Credential=([A-Z0-9]+)\//.exec(got.request.headers.authorization ?? '')?.[1] ?? '',
      );
    }
    expect(new Set(keys).size).toBe(3);
  });

  it("runs the SDK's signer factory once per auth scheme, and again after it failed", async () => {
    const client = capturingClient();
    const config = client.config as unknown as { signer: (scheme?: unknown) => Promise<unknown> };
    const sdkFactory = config.signer;
    let fail = true;
    const factory = vi.fn((scheme?: unknown) =>
      fail ? Promise.reject(new Error('no signer yet')) : sdkFactory(scheme),
    );
    config.signer = factory;
    keepSigners(config);
    await expect(client.send(new ConverseCommand(userInput('a')))).rejects.toThrow('no signer yet');
    fail = false;
    for (let i = 0; i < 3; i++) await captured(client.send(new ConverseCommand(userInput(`${i}`))));
    expect(factory).toHaveBeenCalledTimes(2);
  });
});
