import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { killSession } from './kill-session.js';
import { repoRoot } from './workspace-packages.js';

/** A running Verdaccio on 127.0.0.1 with its own storage; `close()` stops its process group. */
export interface LocalRegistry {
  /** Base URL with a trailing slash, for example `http://127.0.0.1:41234/`. */
  url: string;
  /** The folder holding its config, storage and password file. */
  dir: string;
  /** What Verdaccio printed so far (warnings and errors), for failure messages. */
  log(): string;
  close(): Promise<void>;
}

export interface LocalRegistryOptions {
  /** An empty folder the registry may fill (config, storage, htpasswd). Required. */
  dir: string;
  /** Scope served only from local storage, never proxied. Default `@bedrock-bridge`. */
  scope?: string;
  /** How long to wait for `/-/ping` to answer. Default 60 000 ms. */
  readyTimeoutMs?: number;
  /** Ports to try when the chosen one is taken between picking and listening. Default 3. */
  attempts?: number;
}

const verdaccioBin = join(repoRoot, 'tooling/node_modules/verdaccio/bin/verdaccio');

/**
 * Starts Verdaccio (the tooling devDependency) as a child process in its own process group,
 * listening on loopback only, with no uplink at all: the scope is served from a throwaway
 * storage folder, and anything else answers 404 (third-party packages come from the normal
 * registry through a scoped `.npmrc`). Resolves once `/-/ping` answers.
 */
export async function startLocalRegistry(options: LocalRegistryOptions): Promise<LocalRegistry> {
  const config = join(options.dir, 'config.yaml');
  mkdirSync(join(options.dir, 'storage'), { recursive: true });
  writeFileSync(config, verdaccioConfig(options.dir, options.scope ?? '@bedrock-bridge'));
  const attempts = options.attempts ?? 3;
  const failures: string[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const child = spawn(
      process.execPath,
      [verdaccioBin, '--config', config, '--listen', `127.0.0.1:${port}`],
      { cwd: options.dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let log = '';
    child.stdout?.on('data', (d: Buffer) => {
      log += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      log += d.toString();
    });
    const registry: LocalRegistry = {
      url,
      dir: options.dir,
      log: () => log,
      close: () => stopGroup(child),
    };
    try {
      await waitUntilReady(url, child, options.readyTimeoutMs ?? 60_000);
      return registry;
    } catch (err) {
      await registry.close();
      failures.push(`port ${port}: ${(err as Error).message}\n${log}`);
    }
  }
  throw new Error(`Verdaccio did not start after ${attempts} attempts:\n${failures.join('\n')}`);
}

function verdaccioConfig(dir: string, scope: string): string {
  return [
    `storage: ${JSON.stringify(join(dir, 'storage'))}`,
    'auth:',
    '  htpasswd:',
    `    file: ${JSON.stringify(join(dir, 'htpasswd'))}`,
    '    max_users: 5',
    'uplinks: {}',
    'packages:',
    `  '${scope}/*':`,
    '    access: $all',
    '    publish: $authenticated',
    '    unpublish: $authenticated',
    "  '**':",
    '    access: $all',
    '    publish: $authenticated',
    'web:',
    '  enable: false',
    'middlewares:',
    '  audit:',
    '    enabled: false',
    'log:',
    '  type: stdout',
    '  format: json',
    '  level: warn',
    '',
  ].join('\n');
}

/** Polls `/-/ping` (each request bounded to 2 s) until it answers 200, the child exits or time runs out. */
async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (exited) throw new Error(`Verdaccio exited with code ${child.exitCode}`);
    try {
      const res = await fetch(new URL('-/ping', url), { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      lastError = `ping answered ${res.status}`;
    } catch (err) {
      lastError = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`Verdaccio was not ready within ${timeoutMs} ms (${lastError})`);
}

/** SIGTERM to the whole session, SIGKILL if the leader is still there after 10 s. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const pid = child.pid;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  killSession(pid, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<boolean>((r) => {
    timer = setTimeout(() => r(true), 10_000);
  });
  const late = await Promise.race([exited.then(() => false), gaveUp]);
  clearTimeout(timer);
  if (late) {
    killSession(pid, 'SIGKILL');
    await exited;
  }
}
