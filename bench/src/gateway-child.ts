import { openSync, writeSync } from 'node:fs';
import { addFirstTokenMarks } from './first-token-marks.js';
import { recordGcWhenAsked } from './gc-profile.js';
import { runChild, serveUntilStdinCloses } from './service-process.js';
import { startGatewayHere } from './systems/start-gateway.js';

/**
 * Runs the gateway app in its own process, as it is deployed: composed as `serve` composes it,
 * its request log line built and written for every request (to /dev/null), its own event loop,
 * so that the client measuring it does not share a thread with it. Prints `{"url": ...}` once
 * listening; exits when stdin closes. Arguments: `--endpoint URL` (the emulator), and
 * `--marks` to record when each chat request arrived and wrote its first text
 * (`first-token-marks.ts`, read by `ttft-breakdown`), `--max-in-flight N` for the server's cap
 * on calls answered at once (its default otherwise).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const i = args.indexOf('--endpoint');
  const endpoint = i >= 0 ? args[i + 1] : undefined;
  if (!endpoint) throw new Error('gateway-child: --endpoint URL is required');
  const cap = args.indexOf('--max-in-flight');
  const maxInFlight = cap >= 0 ? Number(args[cap + 1]) : undefined;
  if (maxInFlight !== undefined && !Number.isInteger(maxInFlight)) {
    throw new Error('gateway-child: --max-in-flight must be an integer');
  }
  const busy = args.indexOf('--max-loop-busy');
  const devNull = openSync('/dev/null', 'w');
  const running = await startGatewayHere(endpoint, {
    // As served (process metrics, a request log line per request), the log line written to
    // /dev/null with one write system call, as `serve` writes it to its stdout: the gateway's
    // cost, without a reader of the lines that could make the write wait.
    served: true,
    ...(args.includes('--marks') ? { beforeListen: addFirstTokenMarks } : {}),
    server: {
      log: (entry) => {
        writeSync(devNull, `${JSON.stringify(entry)}\n`);
      },
      limits: {
        ...(maxInFlight === undefined ? {} : { maxInFlight }),
        ...(busy >= 0 ? { maxLoopBusy: Number(args[busy + 1]) } : {}),
      },
    },
  });
  serveUntilStdinCloses(running.url, () => running.close());
}

recordGcWhenAsked('gateway');
runChild('gateway-child', main);
