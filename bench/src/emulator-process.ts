import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** An emulator running in a child process. */
export interface EmulatorProcess {
  url: string;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./emulator-child.js', import.meta.url));

/** Starts `emulator-child.js` and waits for the URL it prints. */
export async function spawnEmulator(options: {
  deltas: number;
  paceMs: number;
}): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [CHILD, '--deltas', String(options.deltas), '--pace', String(options.paceMs)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8');
      const line = buffered.split('\n')[0];
      if (buffered.includes('\n') && line !== undefined) {
        child.stdout?.off('data', onData);
        try {
          resolve((JSON.parse(line) as { url: string }).url);
        } catch (err) {
          reject(new Error(`emulator child printed "${line}" instead of its URL`, { cause: err }));
        }
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`emulator child exited with ${code}`)));
    child.once('error', reject);
  });
  return {
    url,
    async close() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.stdin?.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
