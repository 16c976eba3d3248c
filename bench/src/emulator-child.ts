import { startEmulator } from '@bedrock-bridge/emulator';
import { runChild, serveUntilStdinCloses } from './service-process.js';

/**
 * Runs an emulator in its own process, so that its CPU time and memory are not counted
 * against the client being measured. Prints `{"url": ...}` on stdout once listening and
 * exits when its stdin closes (the parent exited or closed it).
 * Arguments: `--deltas N --pace MS`, and `--forget` to drop the recorded requests every second
 * (a load test would otherwise keep every request body in memory).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const read = (name: string, fallback: number): number => {
    const i = args.indexOf(name);
    const value = i >= 0 ? Number(args[i + 1]) : fallback;
    if (!Number.isFinite(value)) throw new Error(`emulator-child: ${name} must be a number`);
    return value;
  };
  const emulator = await startEmulator({ deltas: read('--deltas', 64), paceMs: read('--pace', 0) });
  if (args.includes('--forget')) {
    setInterval(() => {
      emulator.requests.length = 0;
    }, 1_000).unref();
  }
  serveUntilStdinCloses(emulator.url, () => emulator.close());
}

runChild('emulator-child', main);
