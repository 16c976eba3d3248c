import { readdirSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runChild, serveUntilStdinCloses } from '../service-process.js';
import { startGatewayHere } from '../systems/start-gateway.js';

/**
 * The gateway for the hostile-client load, in its own process: its defaults except the two
 * client deadlines the run passes (`--write-timeout MS`, `--request-timeout MS`), and upstream
 * deadlines short enough for stalled fault streams to end inside the run. Prints `{"url"}`, then
 * answers `stats` and `gc` lines on stdin with one JSON line: RSS, heap, open file descriptors,
 * open connections, requests in flight, and the request log tallied by status and error kind.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const endpoint = arg('--endpoint');
  if (!endpoint) throw new Error('hostile-gateway-child: --endpoint URL is required');
  const writeTimeoutMs = Number(arg('--write-timeout') ?? 30_000);
  const requestTimeoutMs = Number(arg('--request-timeout') ?? 60_000);
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const tally: Record<string, number> = {};
  let cutByWriteDeadline = 0;
  const running = await startGatewayHere(endpoint, {
    transport: { timeouts: { idleMs: 1500, firstByteMs: 5000 } },
    server: {
      log: (entry) => {
        const key = `${entry.status}${entry.errorKind ? ` ${entry.errorKind}` : ''}`;
        tally[key] = (tally[key] ?? 0) + 1;
        if (entry.error?.includes('read nothing')) cutByWriteDeadline += 1;
      },
      limits: { writeTimeoutMs, requestTimeoutMs },
    },
  });
  const { gateway } = running;

  const stats = async () => {
    const connections = await new Promise<number>((resolve) =>
      gateway.app.server.getConnections((_err, n) => resolve(n)),
    );
    const memory = process.memoryUsage();
    return {
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      fds: readdirSync('/proc/self/fd').length,
      connections,
      inFlight: gateway.inFlight,
      tally,
      cutByWriteDeadline,
    };
  };
  const lines = serveUntilStdinCloses(running.url, () => running.close());
  lines.on('line', (line) => {
    if (line === 'gc') {
      gc();
      gc();
    }
    void stats().then((s) => process.stdout.write(`${JSON.stringify(s)}\n`));
  });
}

runChild('hostile-gateway-child', main);
