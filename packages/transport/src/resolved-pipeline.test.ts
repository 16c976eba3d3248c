import {
  type BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandInput,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { converseBodyPlugin } from './converse-body-plugin.js';
import { ResolvedPipelines } from './resolved-pipeline.js';
import {
  Captured,
  captured,
  capturingClient,
  type Seen,
  bodyText as text,
} from './test-support/capturing-client.js';
import { fixSigningClock } from './test-support/fixed-signing-clock.js';
import { userInput } from './test-support/harness.js';

/**
 * `ResolvedPipelines` keeps the middleware order of a command class, nothing else: each call must
 * reach the HTTP handler with its own options (abort signal), and send the very request (path,
 * headers, SigV4 signature, body) a plain SDK client's `send` does.
 */

function input(words: string): ConverseCommandInput {
  return { ...userInput(words), inferenceConfig: { maxTokens: 16 } };
}

function withPlugin(client: BedrockRuntimeClient): BedrockRuntimeClient {
  client.middlewareStack.use(converseBodyPlugin());
  return client;
}

// One signing time for every client, so their signatures can be compared.
fixSigningClock();

describe('ResolvedPipelines', () => {
  it('signs and sends what a plain SDK client sends, on the first call and the kept order', async () => {
    const plain = capturingClient();
    const fast = new ResolvedPipelines(withPlugin(capturingClient()));
    for (const words of ['first call', 'second call', 'third, with "quotes"']) {
      for (const Command of [ConverseCommand, ConverseStreamCommand]) {
        const want = await captured(plain.send(new Command(input(words)) as ConverseCommand));
        const got = await captured(fast.send(new Command(input(words)), {}));
        expect(got.request.method).toBe(want.request.method);
        expect(got.request.path).toBe(want.request.path);
        expect(got.request.hostname).toBe(want.request.hostname);
        expect(got.request.headers).toEqual(want.request.headers);
        expect(got.request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=/);
        expect(text(got.request.body)).toBe(text(want.request.body));
      }
    }
  });

  it("hands each call's own abort signal to the HTTP handler (not the first call's)", async () => {
    const fast = new ResolvedPipelines(withPlugin(capturingClient()));
    for (let i = 0; i < 3; i++) {
      for (const Command of [ConverseCommand, ConverseStreamCommand]) {
        const controller = new AbortController();
        const marker = Symbol(`call ${i}`);
        const options = { abortSignal: controller.signal, [marker]: true };
        const seen = await captured(fast.send(new Command(input(`call ${i}`)), options));
        expect(seen.options?.abortSignal).toBe(controller.signal);
        expect((seen.options as Record<symbol, unknown>)[marker]).toBe(true);
      }
    }
  });

  it('an abort of one call reaches its handler while the others do not see it', async () => {
    let gate: Promise<void> | undefined;
    const log: Seen[] = [];
    const fast = new ResolvedPipelines(
      withPlugin(capturingClient({ wait: async () => gate, log })),
    );
    await captured(fast.send(new ConverseCommand(input('warm up')), {}));
    let release!: () => void;
    gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const controllers = [new AbortController(), new AbortController(), new AbortController()];
    const calls = controllers.map((c, i) =>
      fast.send(new ConverseCommand(input(`concurrent ${i}`)), { abortSignal: c.signal }),
    );
    controllers[1]?.abort(new Error('stop call 1'));
    log.length = 0;
    release();
    const settled = await Promise.allSettled(calls);
    // Every call reached the handler; the aborted one ends with its abort (the SDK's retry
    // middleware reads the same per-call signal from the handler context), the others as sent.
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(settled.map((s) => (s as PromiseRejectedResult).reason instanceof Captured)).toEqual([
      true,
      false,
      true,
    ]);
    const seen = [...log].sort((a, b) => text(a.request.body).localeCompare(text(b.request.body)));
    expect(seen.map((s) => s.options?.abortSignal?.aborted)).toEqual([false, true, false]);
    // Concurrent calls keep their own requests: each body is its own input's.
    expect(seen.map((s) => JSON.parse(text(s.request.body)).messages[0].content[0].text)).toEqual([
      'concurrent 0',
      'concurrent 1',
      'concurrent 2',
    ]);
  });
});
