import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** Whether `name` runs on this machine (`redis-server`, `haproxy`): the tests that need it skip otherwise. */
export function hasBinary(name: string, versionFlag = '--version'): boolean {
  const found = spawnSync(name, [versionFlag], { stdio: 'ignore' });
  return found.error === undefined;
}

/** A free loopback TCP port (bound, read, released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A child process started by a test, and how to stop it (SIGTERM, then SIGKILL after 2 s). */
export interface Child {
  process: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Spawns `command`, resolving once `ready` matches its output (or rejecting with that output
 * after `timeoutMs`, or when it exits first). With `ready` undefined it resolves at once (the
 * caller polls the child's port).
 */
export async function startChild(
  command: string,
  args: string[],
  ready: RegExp | undefined,
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<Child> {
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
  });
  let output = '';
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
    await exited;
    clearTimeout(timer);
  };
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  if (ready === undefined) {
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    return { process: child, output: () => output, stop };
  }
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${command} not ready after ${options.timeoutMs ?? 10_000} ms:\n${output}`));
    }, options.timeoutMs ?? 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${code}) before it was ready:\n${output}`));
    });
  });
  return { process: child, output: () => output, stop };
}

/** A throwaway `redis-server` on a free loopback port, without persistence. */
export async function startRedis(): Promise<Child & { url: string }> {
  const port = await freePort();
  const child = await startChild(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    /Ready to accept connections/,
  );
  return { ...child, url: `redis://127.0.0.1:${port}` };
}
