import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@bedrock-bridge/emulator';
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { discoverModels } from '@bedrock-bridge/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStack } from './create-stack.js';

/** An environment with no AWS identity at all (no keys, no profile, an empty home). */
function bareEnv(extra: Record<string, string> = {}): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'bb-stack-'));
  return { HOME: home, AWS_CONFIG_FILE: join(home, 'config'), ...extra };
}

let runtime: Emulator;
let control: Emulator;
beforeAll(async () => {
  [runtime, control] = await Promise.all([startEmulator(), startEmulator()]);
});
afterAll(async () => {
  await Promise.all([runtime?.close(), control?.close()]);
});

describe('createStack', () => {
  it("resolves endpoints as the transport does: trimmed, the control plane's variable honoured", async () => {
    const stack = await createStack({
      env: bareEnv({
        AWS_REGION: ' eu-west-1 ',
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: `  ${runtime.url}  `,
        AWS_ENDPOINT_URL_BEDROCK: ` ${control.url}\n`,
      }),
    });
    try {
      expect(stack.region).toBe('eu-west-1');
      expect(stack.endpoint).toBe(runtime.url);
      expect(stack.identity).toMatch(/placeholder/);
      control.requests.length = 0;
      runtime.requests.length = 0;
      expect((await discoverModels({ transport: stack.transport })).length).toBeGreaterThan(0);
      expect(control.requests.every((r) => r.operation === 'control')).toBe(true);
      expect(control.requests.length).toBeGreaterThan(0);
      expect(runtime.requests).toHaveLength(0);
    } finally {
      await stack.close();
    }
  });

  it('without credentials or an endpoint, fails with an auth BedrockBridgeError saying what to do', async () => {
    const error = await createStack({ env: bareEnv({ AWS_REGION: 'us-east-1' }) }).catch(
      (e: unknown) => e,
    );
    expect(BedrockBridgeError.is(error)).toBe(true);
    expect((error as BedrockBridgeError).kind).toBe('auth');
    expect((error as BedrockBridgeError).retryable).toBe(false);
    expect((error as Error).message).toMatch(/--emulator/);
  });
});
