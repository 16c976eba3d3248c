import { readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createServer, createStack } from '@bedrock-bridge/gateway';
import { createBackend } from '@bedrock-bridge/openai';
import { CREDENTIALS, REGION } from '../conversation.js';

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
  const stack = await createStack({
    endpoint,
    region: REGION,
    transport: { credentials: { ...CREDENTIALS }, timeouts: { idleMs: 1500, firstByteMs: 5000 } },
    env: {},
  });
  const tally: Record<string, number> = {};
  let cutByWriteDeadline = 0;
  const gateway = createServer({
    backend: createBackend(stack),
    log: (entry) => {
      const key = `${entry.status}${entry.errorKind ? ` ${entry.errorKind}` : ''}`;
      tally[key] = (tally[key] ?? 0) + 1;
      if (entry.error?.includes('read nothing')) cutByWriteDeadline += 1;
    },
    limits: { writeTimeoutMs, requestTimeoutMs },
  });
  const url = await gateway.listen(0, '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ url })}\n`);

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
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line === 'gc') {
      gc();
      gc();
    }
    void stats().then((s) => process.stdout.write(`${JSON.stringify(s)}\n`));
  });
  const stop = (): void => {
    gateway
      .close(1_000)
      .then(() => stack.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  lines.on('close', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `hostile-gateway-child: ${err instanceof Error ? err.stack : String(err)}\n`,
  );
  process.exit(1);
});
