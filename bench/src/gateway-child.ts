import { addFirstTokenMarks } from './first-token-marks.js';
import { runChild, serveUntilStdinCloses } from './service-process.js';
import { startGatewayHere } from './systems/start-gateway.js';

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
  const running = await startGatewayHere(
    endpoint,
    args.includes('--marks') ? { beforeListen: addFirstTokenMarks } : {},
  );
  serveUntilStdinCloses(running.url, () => running.close());
}

runChild('gateway-child', main);
