/**
 * A process of the gateway bench: `node bench-child.js emulator <deltas>` runs the emulator,
 * `node bench-child.js gateway <emulator url>` runs the gateway in front of it. Each sends
 * `{ type: 'ready', url }` over IPC, then answers the parent's requests (CPU time, heap, faults)
 * so that every process's cost per call can be read separately from the load generator's.
 */
import type { Emulator, Fault } from '@bedrock-bridge/emulator';
import { startGatewayHere } from '../systems/start-gateway.js';

/** What the parent asks a bench child. */
export type BenchChildRequest =
  | { type: 'cpu' }
  | { type: 'heap' }
  | { type: 'ttft' }
  | { type: 'inject'; fault: Fault }
  | { type: 'clear-faults' }
  | { type: 'close' };

/** What a bench child answers. */
export type BenchChildMessage =
  | { type: 'ready'; url: string }
  | { type: 'cpu'; microseconds: number }
  | { type: 'heap'; bytes: number }
  | { type: 'ttft'; samples: number[] }
  | { type: 'done' };

/** `ttftMs` of the gateway's log lines since the parent last asked. */
let ttftSamples: number[] = [];

function send(message: BenchChildMessage): void {
  process.send?.(message);
}

async function start(role: string | undefined, arg: string | undefined) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (role === 'emulator') {
    const { startEmulator } = await import('@bedrock-bridge/emulator');
    const emulator: Emulator = await startEmulator({ deltas: Number(arg ?? 8) });
    return { url: emulator.url, emulator, close: () => emulator.close() };
  }
  if (role === 'gateway') {
    if (!arg) throw new Error('bench-child gateway needs the emulator URL');
    const running = await startGatewayHere(arg, {
      server: {
        log: (entry) => {
          if (entry.ttftMs !== undefined) ttftSamples.push(entry.ttftMs);
        },
      },
    });
    return { url: running.url, emulator: undefined, close: () => running.close() };
  }
  throw new Error(`bench-child: unknown role ${String(role)} (emulator | gateway)`);
}

async function main(): Promise<void> {
  const child = await start(process.argv[2], process.argv[3]);
  process.on('message', (message: BenchChildRequest) => {
    switch (message.type) {
      case 'cpu': {
        const { user, system } = process.cpuUsage();
        send({ type: 'cpu', microseconds: user + system });
        return;
      }
      case 'heap':
        (globalThis as { gc?: () => void }).gc?.();
        send({ type: 'heap', bytes: process.memoryUsage().heapUsed });
        return;
      case 'ttft':
        send({ type: 'ttft', samples: ttftSamples });
        ttftSamples = [];
        return;
      case 'inject':
        child.emulator?.inject(message.fault);
        send({ type: 'done' });
        return;
      case 'clear-faults':
        child.emulator?.clearFaults();
        send({ type: 'done' });
        return;
      case 'close':
        child.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
        return;
      default: {
        const never: never = message;
        throw new Error(`bench-child: unknown request ${JSON.stringify(never)}`);
      }
    }
  });
  send({ type: 'ready', url: child.url });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
