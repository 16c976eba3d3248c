import { createServer, createStack } from '@bedrock-bridge/gateway';
import { createBackend } from '@bedrock-bridge/openai';
import { CREDENTIALS, REGION } from './conversation.js';
import { addFirstTokenMarks } from './first-token-marks.js';

/**
 * Runs the gateway app in its own process, as it is deployed: its own event loop, so that
 * the client measuring it does not share a thread with it. Prints `{"url": ...}` once
 * listening; exits when stdin closes. Arguments: `--endpoint URL` (the emulator), and
 * `--marks` to record when each chat request arrived and wrote its first text
 * (`first-token-marks.ts`, read by `ttft-breakdown`).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const i = args.indexOf('--endpoint');
  const endpoint = i >= 0 ? args[i + 1] : undefined;
  if (!endpoint) throw new Error('gateway-child: --endpoint URL is required');
  const stack = await createStack({
    endpoint,
    region: REGION,
    transport: { credentials: { ...CREDENTIALS } },
    env: {},
  });
  const gateway = createServer({ backend: createBackend(stack), log: false });
  if (args.includes('--marks')) addFirstTokenMarks(gateway);
  const url = await gateway.listen(0, '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ url })}\n`);
  const stop = (): void => {
    gateway
      .close(1_000)
      .then(() => stack.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`gateway-child: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
