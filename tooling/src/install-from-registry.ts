import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CommandResult, runCommand } from './run-command.js';
import { writeScopedNpmrc } from './scoped-npmrc.js';

export interface InstallFromRegistryOptions {
  /** An empty folder outside any workspace; it becomes a one-dependency ESM project. */
  dir: string;
  /** What to install, for example `@bedrock-bridge/errors` or `@bedrock-bridge/errors@0.0.1`. */
  spec: string;
  /** The scope served by `registryUrl`; everything else comes from npm's default registry. */
  scope: string;
  registryUrl: string;
  env: NodeJS.ProcessEnv;
  /** Hard limit for `npm install`. Default 180 000 ms. */
  timeoutMs?: number;
}

/** Installs one package by name with plain npm, the way a user would in a new project. */
export async function installFromRegistry(
  options: InstallFromRegistryOptions,
): Promise<CommandResult> {
  mkdirSync(options.dir, { recursive: true });
  writeFileSync(
    join(options.dir, 'package.json'),
    `${JSON.stringify({ name: 'release-consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  writeScopedNpmrc(options.dir, options.scope, options.registryUrl);
  // npm's http log (every request and failed attempt) lands in a failure or timeout message.
  return runCommand(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=http', options.spec],
    {
      cwd: options.dir,
      env: options.env,
      timeoutMs: options.timeoutMs ?? 180_000,
      processGroup: true,
    },
  );
}
